package io.pxweb.jdbc.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A minimal, order-independent JSON-stat 2.0 reader for the server's tests: it finds cells
 * through the response's own {@code id}, {@code size} and {@code category.index} positions,
 * which is exactly what a client must do.
 */
final class JsonStatCells {

  private final JsonNode dataset;

  JsonStatCells(JsonNode dataset) {
    this.dataset = dataset;
  }

  List<String> ids() {
    List<String> ids = new ArrayList<>();
    dataset.path("id").forEach(i -> ids.add(i.asText()));
    return ids;
  }

  /** The value codes of a dimension in position order. */
  List<String> codes(String dimension) {
    JsonNode index = dataset.path("dimension").path(dimension).path("category").path("index");
    String[] codes = new String[index.size()];
    index.properties().forEach(e -> codes[e.getValue().asInt()] = e.getKey());
    return List.of(codes);
  }

  /** The codes of a dimension in the JSON key order of {@code category.index}. */
  List<String> indexKeyOrder(String dimension) {
    List<String> keys = new ArrayList<>();
    dataset.path("dimension").path(dimension).path("category").path("index").fieldNames()
        .forEachRemaining(keys::add);
    return keys;
  }

  int flatIndex(Map<String, String> codes) {
    List<String> ids = ids();
    int flat = 0;
    for (int i = 0; i < ids.size(); i++) {
      String code = codes.get(ids.get(i));
      int position = dataset.path("dimension").path(ids.get(i)).path("category").path("index")
          .path(code).asInt(-1);
      if (position < 0) {
        throw new IllegalArgumentException("No " + ids.get(i) + "=" + code);
      }
      flat = flat * dataset.path("size").get(i).asInt() + position;
    }
    return flat;
  }

  Cell cell(Map<String, String> codes) {
    int flat = flatIndex(codes);
    JsonNode v = dataset.path("value").get(flat);
    JsonNode s = dataset.path("status").path(Integer.toString(flat));
    BigDecimal value = v == null || v.isNull() ? null : v.decimalValue();
    return new Cell(value, s.isMissingNode() ? null : s.asText());
  }
}
