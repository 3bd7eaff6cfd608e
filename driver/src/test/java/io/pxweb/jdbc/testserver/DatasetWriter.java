package io.pxweb.jdbc.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The writer of JSON-stat 2.0 data responses, shaped as PCAxis.Serializers'
 * {@code JsonStat2Serializer} writes them (PCAxis.Serializers).
 *
 * <p>With {@code reorderDimensions} the output deliberately differs from the metadata where
 * real servers may differ: the dimension order (real servers order by placement, stub then
 * heading) and the JSON key order of {@code category.index}. A client that indexes
 * {@code value} with anything but the response's own {@code id}, {@code size} and index
 * positions then reads wrong rows.
 */
final class DatasetWriter {

  /** Extension properties of a dimension that are maps keyed by value code. */
  private static final Set<String> PER_VALUE = Set.of("refperiod", "measuringType", "priceType",
      "adjustment", "basePeriod", "alternativeText", "categoryNoteMandatory");

  private final boolean reorder;

  DatasetWriter(boolean reorder) {
    this.reorder = reorder;
  }

  /** The output order of the kept variables: stub followed by heading (PXMeta.vb). */
  List<TestVariable> order(ResolvedSelection s) {
    List<TestVariable> kept = new ArrayList<>();
    s.selected.forEach((v, bits) -> {
      if (!bits.isEmpty()) {
        kept.add(v);
      }
    });
    Optional<List<TestVariable>> placed = placement(s, kept);
    if (placed.isPresent()) {
      return placed.get();
    }
    List<TestVariable> base = pxOrder(s.table, kept);
    if (!reorder || base.size() < 2) {
      return base;
    }
    List<TestVariable> scrambled = new ArrayList<>(base);
    Optional<TestVariable> time = base.stream().filter(TestVariable::isTime).findFirst();
    if (time.isPresent() && scrambled.indexOf(time.get()) > 0) {
      // Time first, as a server pivots when the placement puts time in the stub.
      scrambled.remove(time.get());
      scrambled.add(0, time.get());
    } else {
      Collections.reverse(scrambled);
    }
    return scrambled;
  }

  /**
   * A placement is used when heading and stub together name exactly the kept variables, or
   * when only one of them is given (the other gets the rest); otherwise it is silently ignored
   * (PlacementHandler.cs and DataWorkflow.Run; PxWebApi).
   */
  private static Optional<List<TestVariable>> placement(ResolvedSelection s,
      List<TestVariable> kept) {
    if (s.heading.isEmpty() && s.stub.isEmpty()) {
      return Optional.empty();
    }
    Set<TestVariable> seen = new HashSet<>();
    Optional<List<TestVariable>> stub = resolve(s.table, s.stub, kept, seen);
    Optional<List<TestVariable>> heading = resolve(s.table, s.heading, kept, seen);
    if (stub.isEmpty() || heading.isEmpty()) {
      return Optional.empty();
    }
    List<TestVariable> rest = kept.stream().filter(v -> !seen.contains(v)).toList();
    if (!s.heading.isEmpty() && !s.stub.isEmpty() && !rest.isEmpty()) {
      return Optional.empty();
    }
    List<TestVariable> out = new ArrayList<>(stub.get());
    if (s.stub.isEmpty()) {
      out.addAll(rest);
    }
    out.addAll(heading.get());
    if (s.heading.isEmpty()) {
      out.addAll(rest);
    }
    return Optional.of(out);
  }

  /** The variables a placement list names, or empty if one is unknown, eliminated or repeated. */
  private static Optional<List<TestVariable>> resolve(TestTable table, List<String> refs,
      List<TestVariable> kept, Set<TestVariable> seen) {
    List<TestVariable> out = new ArrayList<>();
    for (String ref : refs) {
      Optional<TestVariable> v = table.findVariable(ref);
      if (v.isEmpty() || !kept.contains(v.get()) || !seen.add(v.get())) {
        return Optional.empty();
      }
      out.add(v.get());
    }
    return Optional.of(out);
  }

  /** Stub then heading as the PX file (metadata {@code extension.px}) has them. */
  private static List<TestVariable> pxOrder(TestTable table, List<TestVariable> kept) {
    JsonNode px = table.metadataView().path("extension").path("px");
    List<TestVariable> out = new ArrayList<>();
    for (String list : List.of("stub", "heading")) {
      for (JsonNode code : px.path(list)) {
        table.findVariable(code.asText()).filter(kept::contains).filter(v -> !out.contains(v))
            .ifPresent(out::add);
      }
    }
    kept.stream().filter(v -> !out.contains(v)).forEach(out::add);
    return out;
  }

  ObjectNode write(ResolvedSelection s) {
    TestTable table = s.table;
    ObjectNode meta = table.metadataView();
    List<TestVariable> order = order(s);
    ObjectNode out = Json.object();
    for (String key : List.of("version", "class", "label", "source", "updated", "link", "note")) {
      if (meta.has(key)) {
        out.set(key, meta.get(key).deepCopy());
      }
    }
    Set<String> kept = new HashSet<>();
    order.forEach(v -> kept.add(v.code()));
    ObjectNode role = out.putObject("role");
    meta.path("role").properties().forEach(e -> {
      ArrayNode codes = Json.array();
      e.getValue().forEach(c -> {
        if (kept.contains(c.asText())) {
          codes.add(c.asText());
        }
      });
      if (!codes.isEmpty()) {
        role.set(e.getKey(), codes);
      }
    });
    ArrayNode id = out.putArray("id");
    ArrayNode size = out.putArray("size");
    ObjectNode dimension = out.putObject("dimension");
    for (TestVariable v : order) {
      BitSet bits = s.selected.get(v);
      id.add(v.code());
      size.add(bits.cardinality());
      dimension.set(v.code(),
          dimension(meta.path("dimension").path(v.code()), s.shown(v), bits));
    }
    ObjectNode extension = meta.path("extension").isObject()
        ? ((ObjectNode) meta.get("extension")).deepCopy() : Json.object();
    // The data serializer writes discontinued as null (JsonStat2Helper.cs; PCAxis.Serializers).
    extension.putNull("discontinued");
    out.set("extension", extension);
    writeValues(s, order, out);
    return out;
  }

  private ObjectNode dimension(JsonNode src, TestVariable v, BitSet bits) {
    List<String> codes = new ArrayList<>();
    bits.stream().forEach(p -> codes.add(v.valueCodes().get(p)));
    ObjectNode d = Json.object();
    d.put("label", v.label());
    if (src.has("note")) {
      d.set("note", src.get("note").deepCopy());
    }
    ObjectNode category = d.putObject("category");
    ObjectNode index = category.putObject("index");
    Map<String, Integer> positions = new LinkedHashMap<>();
    for (int i = 0; i < codes.size(); i++) {
      positions.put(codes.get(i), i);
    }
    List<String> keyOrder = new ArrayList<>(codes);
    if (reorder) {
      // Same positions, keys written last to first.
      Collections.reverse(keyOrder);
    }
    keyOrder.forEach(c -> index.put(c, positions.get(c)));
    ObjectNode label = category.putObject("label");
    codes.forEach(c -> label.put(c, v.valueLabel(c)));
    for (String key : List.of("note", "unit")) {
      JsonNode map = src.path("category").path(key);
      if (map.isObject()) {
        ObjectNode filtered = filter(map, codes);
        if (!filtered.isEmpty()) {
          category.set(key, filtered);
        }
      }
    }
    ObjectNode extension = d.putObject("extension");
    src.path("extension").properties().forEach(e -> {
      String key = e.getKey();
      if (key.equalsIgnoreCase("codelists")) {
        return; // data responses carry no codelists (PCAxis.Serializers)
      }
      if (PER_VALUE.contains(key) && e.getValue().isObject()) {
        extension.set(key, filter(e.getValue(), codes));
      } else {
        extension.set(key, e.getValue().deepCopy());
      }
    });
    if (src.has("link")) {
      d.set("link", src.get("link").deepCopy());
    }
    return d;
  }

  private static ObjectNode filter(JsonNode map, List<String> codes) {
    ObjectNode out = Json.object();
    for (String c : codes) {
      if (map.has(c)) {
        out.set(c, map.get(c).deepCopy());
      }
    }
    return out;
  }

  /**
   * Row-major values over the output order, last dimension fastest; {@code status} is a
   * sparse object keyed by flat index, after {@code value}, omitted when empty. Under a
   * codelist a cell is computed by {@link TestTable#cellAt(int[], TestCodelist[])}: a
   * value-set cell is its member cell, a group cell the sum of its members (null with the
   * first symbol member's status if any member is a symbol cell).
   */
  private static void writeValues(ResolvedSelection s, List<TestVariable> order, ObjectNode out) {
    TestTable table = s.table;
    List<TestVariable> all = table.variables();
    int[] base = new int[all.size()];
    for (int i = 0; i < all.size(); i++) {
      TestVariable v = all.get(i);
      // Eliminated variables: the elimination value, or -1 to sum over all values.
      base[i] = v.eliminationValueCode().map(v::position).orElse(-1);
    }
    int n = order.size();
    int[][] choices = new int[n][];
    int[] slot = new int[n];
    for (int k = 0; k < n; k++) {
      choices[k] = s.selected.get(order.get(k)).stream().toArray();
      slot[k] = all.indexOf(order.get(k));
    }
    TestCodelist[] applied = s.codelistsByPosition();
    ArrayNode values = out.putArray("value");
    ObjectNode status = Json.object();
    int[] counter = new int[n];
    int[] positions = base.clone();
    int flat = 0;
    boolean done = false;
    while (!done) {
      for (int k = 0; k < n; k++) {
        positions[slot[k]] = choices[k][counter[k]];
      }
      Cell cell = table.cellAt(positions, applied);
      if (cell.value() == null) {
        values.addNull();
      } else {
        values.add(Json.plain(cell.value()));
      }
      if (cell.status() != null) {
        status.put(Integer.toString(flat), cell.status());
      }
      flat++;
      int k = n - 1;
      while (k >= 0 && ++counter[k] == choices[k].length) {
        counter[k] = 0;
        k--;
      }
      done = k < 0;
    }
    if (!status.isEmpty()) {
      out.set("status", status);
    }
  }
}
