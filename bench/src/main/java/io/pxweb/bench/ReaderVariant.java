package io.pxweb.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxweb.jdbc.json.JsonDocuments;
import io.pxweb.jdbc.source.v2.ApiDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment, not the driver: the token loop of the driver's
 * {@code io.pxweb.jdbc.jsonstat.JsonStatReader} (same steps: dimensions as trees, values into a
 * growable {@code double[]}, statuses into a {@code HashMap<Integer, String>}) over a
 * {@link JsonFactory} given by the caller, to measure what the factory's settings cost.
 * {@link #DRIVER_FACTORY} is the driver's own factory ({@code JsonDocuments.JSON_FACTORY}), the
 * control; {@link #NO_INTERN} turns off field-name interning and canonicalization (the keys of
 * {@code status} are cell indexes, one new name per status cell); {@link #NO_INTERN_FAST_DOUBLES}
 * also uses Jackson's fast double parser.
 */
public final class ReaderVariant {
  public static final JsonFactory DRIVER_FACTORY = JsonDocuments.JSON_FACTORY;
  public static final JsonFactory NO_INTERN = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(50_000_000)
          .maxNestingDepth(64).build())
      .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
      .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
      .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
      .build();
  public static final JsonFactory NO_INTERN_FAST_DOUBLES = NO_INTERN.rebuild()
      .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

  /** What the reader builds. */
  public record Result(List<String> ids, int[] sizes, Map<String, JsonNode> dimensions,
      double[] values, Map<Integer, String> statuses) {
  }

  private ReaderVariant() {
  }

  public static Result read(JsonFactory factory, InputStream in) throws IOException {
    ObjectMapper tree = new ObjectMapper(factory);
    try (JsonParser p = factory.createParser(in)) {
      p.nextToken();
      List<String> ids = new ArrayList<>();
      int[] sizes = null;
      Map<String, JsonNode> dimensions = new HashMap<>();
      double[] values = new double[1024];
      int n = 0;
      Map<Integer, String> statuses = new HashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "id" -> {
            while (p.nextToken() != JsonToken.END_ARRAY) {
              ids.add(p.getValueAsString());
            }
          }
          case "size" -> {
            List<Integer> s = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
              s.add(p.getIntValue());
            }
            sizes = s.stream().mapToInt(Integer::intValue).toArray();
          }
          case "dimension" -> {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String id = p.currentName();
              p.nextToken();
              dimensions.put(id, tree.readTree(p));
            }
          }
          case "value" -> {
            while (p.nextToken() != JsonToken.END_ARRAY) {
              if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
              }
              values[n++] = p.currentToken() == JsonToken.VALUE_NULL ? Double.NaN : p.getDoubleValue();
            }
          }
          case "status" -> {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              int index = Integer.parseInt(p.currentName());
              p.nextToken();
              statuses.put(index, p.getValueAsString());
            }
          }
          default -> p.skipChildren();
        }
      }
      for (String id : ids) {
        ApiDocuments.categoryPositions(dimensions.get(id).path("category"));
      }
      return new Result(ids, sizes, dimensions, Arrays.copyOf(values, n), statuses);
    }
  }
}
