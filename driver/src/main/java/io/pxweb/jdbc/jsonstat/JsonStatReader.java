package io.pxweb.jdbc.jsonstat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxweb.jdbc.metadata.ApiDocuments;
import io.pxweb.jdbc.metadata.MalformedDocumentException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streaming reader of JSON-stat 2.0 data responses into a {@link Cube}.
 *
 * <p>The document is read token by token: {@code value} and {@code status} go straight into a
 * primitive array and a sparse map, never into a tree. Only each {@code dimension} entry, which is
 * as small as the metadata, is read as a tree. Cells are indexed by the response's own
 * {@code id}/{@code size} and by the integer values of {@code category.index}, because servers
 * reorder dimensions by placement and JSON key order is not meaningful.
 *
 * <p>Anything that would give fewer or wrong rows is an error: a missing or inconsistent
 * {@code id}/{@code size}/{@code dimension}, a value count that differs from the product of the
 * sizes (a truncated body), or a body that is no JSON at all (an HTML page at status 200).
 */
public final class JsonStatReader {
  private static final ObjectMapper TREE_MAPPER = new ObjectMapper(ApiDocuments.JSON_FACTORY);

  private JsonStatReader() {
  }

  /**
   * Reads a whole data response; the caller closes the stream.
   *
   * @throws java.io.EOFException when the body ends before the document does (cut off)
   * @throws MalformedDocumentException when the body is not a JSON-stat dataset
   */
  public static Cube read(InputStream in) throws IOException, MalformedDocumentException {
    try (JsonParser p = ApiDocuments.JSON_FACTORY.createParser(in)) {
      return read(p);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      if (ApiDocuments.endsEarly(e)) {
        // The body stopped mid-document: a transport failure, worth a retry, never fewer rows.
        throw new java.io.EOFException("data response ends early: " + e.getOriginalMessage());
      }
      throw new MalformedDocumentException(
          "data response is not valid JSON-stat: " + e.getOriginalMessage());
    }
  }

  private static Cube read(JsonParser p) throws IOException, MalformedDocumentException {
    if (next(p) != JsonToken.START_OBJECT) {
      throw new MalformedDocumentException("data response is not a JSON object");
    }
    List<String> ids = null;
    int[] sizes = null;
    Map<String, JsonNode> dimensions = new HashMap<>();
    DoubleList values = null;
    Map<Integer, String> statuses = Cube.newStatusMap();
    String uniformStatus = null;
    String clazz = null;
    while (next(p) == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken token = next(p);
      switch (field) {
        case "class" -> clazz = p.getValueAsString();
        case "id" -> ids = readStrings(p, token);
        case "size" -> sizes = readInts(p, token);
        case "dimension" -> readDimensions(p, token, dimensions);
        case "value" -> values = readValues(p, token);
        case "status" -> {
          if (token == JsonToken.VALUE_STRING) {
            uniformStatus = p.getText();
          } else {
            readStatuses(p, token, statuses);
          }
        }
        default -> p.skipChildren();
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new MalformedDocumentException("data response ends early");
    }
    if (clazz != null && !"dataset".equals(clazz)) {
      throw new MalformedDocumentException("expected a JSON-stat dataset, got class '" + clazz + "'");
    }
    return assemble(ids, sizes, dimensions, values, statuses, uniformStatus);
  }

  private static Cube assemble(List<String> ids, int[] sizes, Map<String, JsonNode> dimensions,
      DoubleList values, Map<Integer, String> statuses, String uniformStatus)
      throws MalformedDocumentException {
    if (ids == null || sizes == null) {
      throw new MalformedDocumentException("data response has no 'id' or 'size': not JSON-stat 2.0");
    }
    if (ids.size() != sizes.length) {
      throw new MalformedDocumentException("expected " + ids.size() + " sizes for dimensions "
          + ids + ", got " + sizes.length);
    }
    long expected = 1;
    List<Map<String, Integer>> positions = new ArrayList<>();
    for (int d = 0; d < ids.size(); d++) {
      JsonNode dim = dimensions.get(ids.get(d));
      if (dim == null) {
        throw new MalformedDocumentException("data response has no dimension '" + ids.get(d) + "'");
      }
      Map<String, Integer> byCode = new HashMap<>();
      for (Map.Entry<Integer, String> e
          : ApiDocuments.categoryPositions(dim.path("category")).entrySet()) {
        if (e.getKey() < 0 || e.getKey() >= sizes[d]) {
          throw new MalformedDocumentException("dimension '" + ids.get(d) + "' has index "
              + e.getKey() + " outside its size " + sizes[d]);
        }
        byCode.put(e.getValue(), e.getKey());
      }
      if (byCode.size() != sizes[d]) {
        throw new MalformedDocumentException("expected " + sizes[d] + " categories in dimension '"
            + ids.get(d) + "', got " + byCode.size());
      }
      positions.add(byCode);
      expected *= sizes[d];
    }
    if (expected > Integer.MAX_VALUE) {
      throw new MalformedDocumentException("data response claims " + expected + " cells");
    }
    double[] cells;
    if (values == null) {
      throw new MalformedDocumentException("data response has no 'value'");
    } else if (values.sparse) {
      cells = values.toSparseArray((int) expected);
    } else if (values.size != expected) {
      throw new MalformedDocumentException("expected " + expected + " values (sizes "
          + Arrays.toString(sizes) + "), got " + values.size + ": the response is incomplete");
    } else {
      cells = values.toArray();
    }
    for (Integer index : statuses.keySet()) {
      if (index < 0 || index >= expected) {
        throw new MalformedDocumentException("status for cell " + index + " outside " + expected + " cells");
      }
    }
    return new Cube(ids, sizes, positions, cells, statuses, uniformStatus);
  }

  private static List<String> readStrings(JsonParser p, JsonToken token)
      throws IOException, MalformedDocumentException {
    expect(token, JsonToken.START_ARRAY, "'id'");
    List<String> out = new ArrayList<>();
    while (next(p) != JsonToken.END_ARRAY) {
      out.add(p.getValueAsString());
    }
    return out;
  }

  private static int[] readInts(JsonParser p, JsonToken token)
      throws IOException, MalformedDocumentException {
    expect(token, JsonToken.START_ARRAY, "'size'");
    List<Integer> out = new ArrayList<>();
    while (next(p) != JsonToken.END_ARRAY) {
      if (!p.currentToken().isNumeric()) {
        throw new MalformedDocumentException("expected a number in 'size', got " + p.currentToken());
      }
      out.add(p.getIntValue());
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static void readDimensions(JsonParser p, JsonToken token, Map<String, JsonNode> out)
      throws IOException, MalformedDocumentException {
    expect(token, JsonToken.START_OBJECT, "'dimension'");
    while (next(p) == JsonToken.FIELD_NAME) {
      String id = p.currentName();
      next(p);
      out.put(id, TREE_MAPPER.readTree(p));
    }
  }

  private static DoubleList readValues(JsonParser p, JsonToken token)
      throws IOException, MalformedDocumentException {
    DoubleList list = new DoubleList();
    if (token == JsonToken.START_ARRAY) {
      while (next(p) != JsonToken.END_ARRAY) {
        list.add(number(p));
      }
    } else if (token == JsonToken.START_OBJECT) {
      // JSON-stat's sparse form: {"<flat index>": value}.
      list.sparse = true;
      while (next(p) == JsonToken.FIELD_NAME) {
        int index = flatIndex(p.currentName());
        next(p);
        list.put(index, number(p));
      }
    } else {
      throw new MalformedDocumentException("expected 'value' to be an array or object, got " + token);
    }
    return list;
  }

  private static double number(JsonParser p) throws IOException, MalformedDocumentException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return Double.NaN;
    } else if (t.isNumeric()) {
      return p.getDoubleValue();
    } else if (t == JsonToken.VALUE_STRING) {
      // Some writers quote numbers; symbols in place of numbers mean "no value".
      try {
        return Double.parseDouble(p.getText().trim());
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    throw new MalformedDocumentException("expected a number or null in 'value', got " + t);
  }

  private static void readStatuses(JsonParser p, JsonToken token, Map<Integer, String> out)
      throws IOException, MalformedDocumentException {
    if (token == JsonToken.START_OBJECT) {
      while (next(p) == JsonToken.FIELD_NAME) {
        int index = flatIndex(p.currentName());
        next(p);
        if (p.currentToken() != JsonToken.VALUE_NULL) {
          out.put(index, p.getValueAsString());
        }
      }
    } else if (token == JsonToken.START_ARRAY) {
      int index = 0;
      while (next(p) != JsonToken.END_ARRAY) {
        if (p.currentToken() != JsonToken.VALUE_NULL) {
          out.put(index, p.getValueAsString());
        }
        index++;
      }
    } else if (token != JsonToken.VALUE_NULL) {
      throw new MalformedDocumentException("expected 'status' to be an object, array or string, got " + token);
    }
  }

  private static int flatIndex(String key) throws MalformedDocumentException {
    try {
      return Integer.parseInt(key);
    } catch (NumberFormatException e) {
      throw new MalformedDocumentException("expected a cell index, got '" + key + "'");
    }
  }

  /** Returns the next token; the end of input inside the document means the body was cut off. */
  private static JsonToken next(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new java.io.EOFException("data response ends early, inside the document");
    }
    return t;
  }

  private static void expect(JsonToken actual, JsonToken expected, String what)
      throws MalformedDocumentException {
    if (actual != expected) {
      throw new MalformedDocumentException("expected " + what + " to start with " + expected + ", got " + actual);
    }
  }

  /** Growable primitive list, so values never box. */
  private static final class DoubleList {
    double[] data = new double[1024];
    int size;
    boolean sparse;
    Map<Integer, Double> sparseValues;

    void add(double v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, data.length * 2);
      }
      data[size++] = v;
    }

    void put(int index, double v) {
      if (sparseValues == null) {
        sparseValues = new HashMap<>();
      }
      sparseValues.put(index, v);
    }

    double[] toArray() {
      return Arrays.copyOf(data, size);
    }

    double[] toSparseArray(int n) throws MalformedDocumentException {
      double[] out = new double[n];
      Arrays.fill(out, Double.NaN);
      if (sparseValues != null) {
        for (Map.Entry<Integer, Double> e : sparseValues.entrySet()) {
          if (e.getKey() < 0 || e.getKey() >= n) {
            throw new MalformedDocumentException("value for cell " + e.getKey() + " outside " + n + " cells");
          }
          out[e.getKey()] = e.getValue();
        }
      }
      return out;
    }
  }
}
