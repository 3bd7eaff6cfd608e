package io.pxweb.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The baseline: Jackson's tree model ({@code ObjectMapper.readTree}) and then the same result
 * the driver's streaming reader builds: dimension ids and sizes, code positions from
 * {@code category.index}, values as a {@code double[]} (NaN for null) and sparse statuses.
 */
public final class TreeBaseline {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** What both readers produce. */
  public record Result(List<String> ids, int[] sizes, List<Map<String, Integer>> positions,
      double[] values, Map<Integer, String> statuses) {
  }

  private TreeBaseline() {
  }

  public static Result read(InputStream in) throws IOException {
    return read(MAPPER, in);
  }

  /** The same with a given mapper (the experiment uses one whose factory does not intern names). */
  public static Result read(ObjectMapper mapper, InputStream in) throws IOException {
    JsonNode root = mapper.readTree(in);
    List<String> ids = new ArrayList<>();
    for (JsonNode id : root.path("id")) {
      ids.add(id.asText());
    }
    int[] sizes = new int[ids.size()];
    long cells = 1;
    for (int d = 0; d < sizes.length; d++) {
      sizes[d] = root.path("size").path(d).asInt();
      cells *= sizes[d];
    }
    List<Map<String, Integer>> positions = new ArrayList<>();
    for (String id : ids) {
      Map<String, Integer> byCode = new HashMap<>();
      JsonNode index = root.path("dimension").path(id).path("category").path("index");
      for (Iterator<Map.Entry<String, JsonNode>> it = index.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        byCode.put(e.getKey(), e.getValue().asInt());
      }
      positions.add(byCode);
    }
    JsonNode valueNode = root.path("value");
    if (valueNode.size() != cells) {
      throw new IOException("expected " + cells + " values, got " + valueNode.size());
    }
    double[] values = new double[(int) cells];
    for (int i = 0; i < values.length; i++) {
      JsonNode v = valueNode.get(i);
      values[i] = v.isNull() ? Double.NaN : v.asDouble();
    }
    Map<Integer, String> statuses = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("status").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      statuses.put(Integer.parseInt(e.getKey()), e.getValue().asText());
    }
    return new Result(ids, sizes, positions, values, statuses);
  }
}
