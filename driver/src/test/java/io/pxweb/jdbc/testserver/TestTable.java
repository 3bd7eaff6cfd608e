package io.pxweb.jdbc.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One table the test server serves: its table entry, its JSON-stat metadata and its cube.
 *
 * <p>Cells are addressed by value codes in metadata order (the {@code id} order of
 * {@link #metadata()}), never by the order a data response happens to use. Tables without a
 * cube file get {@link SyntheticValues}.
 */
public final class TestTable {

  private final String id;
  private final ObjectNode entry;
  private final ObjectNode metadata;
  private final List<TestVariable> variables;
  private final Map<String, TestVariable> byCode = new LinkedHashMap<>();
  private final int[] strides;
  private final int cellCount;
  private final BigDecimal[] values;
  private final String[] statuses;
  private final String valueSource;
  private final List<TestCodelist> codelists;

  /**
   * @param cube {@code {"id":[..],"value":[..],"status":{..}}} in metadata id order, or
   *     {@code null} for synthesized values
   */
  TestTable(ObjectNode entry, ObjectNode metadata, JsonNode cube, String valueSource) {
    this(entry, metadata, cube, valueSource, null);
  }

  /**
   * @param cube {@code {"id":[..],"value":[..],"status":{..}}} in metadata id order, or
   *     {@code null} for synthesized values
   * @param codelists a {@code codelists-<table>.json} document
   *     ({@code {"languages":[..],"codelists":[{id,variable,type,label,elimination,values}]}}),
   *     or {@code null} for none; its codelists are also written into the metadata's
   *     {@code extension.codelists} (without links)
   */
  TestTable(ObjectNode entry, ObjectNode metadata, JsonNode cube, String valueSource,
      JsonNode codelists) {
    this.id = entry.path("id").asText();
    this.entry = entry;
    this.metadata = metadata;
    this.valueSource = valueSource;
    String time = metadata.path("role").path("time").path(0).asText(null);
    String metric = metadata.path("role").path("metric").path(0).asText(null);
    List<TestVariable> vars = new ArrayList<>();
    for (JsonNode idNode : metadata.path("id")) {
      String code = idNode.asText();
      TestVariable v = new TestVariable(code, metadata.path("dimension").path(code),
          code.equals(time), code.equals(metric));
      vars.add(v);
      byCode.put(code, v);
    }
    this.variables = Collections.unmodifiableList(vars);
    this.strides = new int[vars.size()];
    int n = 1;
    for (int i = vars.size() - 1; i >= 0; i--) {
      strides[i] = n;
      n = Math.multiplyExact(n, vars.get(i).size());
    }
    this.cellCount = n;
    if (cube == null) {
      values = null;
      statuses = null;
    } else {
      List<String> cubeIds = new ArrayList<>();
      cube.path("id").forEach(x -> cubeIds.add(x.asText()));
      if (!cubeIds.equals(variableCodes()) || cube.path("value").size() != n) {
        throw new IllegalStateException("Cube of " + id + " does not match its metadata: "
            + cubeIds + " with " + cube.path("value").size() + " cells, expected "
            + variableCodes() + " with " + n);
      }
      values = new BigDecimal[n];
      statuses = new String[n];
      for (int i = 0; i < n; i++) {
        JsonNode v = cube.path("value").get(i);
        values[i] = v.isNull() ? null : v.decimalValue();
      }
      cube.path("status").properties()
          .forEach(e -> statuses[Integer.parseInt(e.getKey())] = e.getValue().asText());
    }
    this.codelists = loadCodelists(codelists);
  }

  private List<TestCodelist> loadCodelists(JsonNode doc) {
    if (doc == null) {
      return List.of();
    }
    List<String> languages = new ArrayList<>();
    doc.path("languages").forEach(l -> languages.add(l.asText()));
    if (languages.isEmpty()) {
      languages.add(metadata.path("extension").path("px").path("language").asText("en"));
    }
    List<TestCodelist> list = new ArrayList<>();
    for (JsonNode c : doc.path("codelists")) {
      TestVariable v = byCode.get(c.path("variable").asText());
      if (v == null) {
        throw new IllegalStateException("Codelist " + c.path("id").asText() + " names no variable"
            + " of " + id + ": " + c.path("variable").asText());
      }
      TestCodelist codelist = new TestCodelist(id, v, c, languages);
      if (list.stream().anyMatch(x -> x.id().equals(codelist.id()))) {
        throw new IllegalStateException("Duplicate codelist " + codelist.id() + " in " + id);
      }
      list.add(codelist);
      JsonNode extension = metadata.path("dimension").path(v.code()).path("extension");
      if (extension.isObject()) {
        // The reference server writes "codelists" (older servers "codeLists"); keep the
        // fixture's spelling and fill it in.
        String key = extension.has("codeLists") ? "codeLists" : "codelists";
        ArrayNode entries = extension.has(key) && extension.get(key).isArray()
            ? (ArrayNode) extension.get(key) : ((ObjectNode) extension).putArray(key);
        ObjectNode e = entries.addObject();
        e.put("id", codelist.id());
        e.put("label", codelist.label());
        e.put("type", codelist.type().jsonName());
      }
    }
    return Collections.unmodifiableList(list);
  }

  /** The table id as the server spells it, e.g. {@code "TAB001"} or {@code "05810"}. */
  public String id() {
    return id;
  }

  /** The table title ({@code label}). */
  public String label() {
    return metadata.path("label").asText();
  }

  /**
   * A copy of the JSON-stat 2.0 metadata document served by {@code /tables/{id}/metadata}.
   * Its {@code extension.codelists} entries lack the {@code links}, which the server adds
   * per request (they hold its base URL and the language).
   */
  public ObjectNode metadata() {
    return metadata.deepCopy();
  }

  /** A copy of the table object of {@code /tables}, without {@code links}. */
  public ObjectNode tableEntry() {
    return entry.deepCopy();
  }

  ObjectNode metadataView() {
    return metadata;
  }

  ObjectNode entryView() {
    return entry;
  }

  /** The variables in metadata order. */
  public List<TestVariable> variables() {
    return variables;
  }

  /** The variable codes in metadata order. */
  public List<String> variableCodes() {
    return List.copyOf(byCode.keySet());
  }

  /** A variable by code, exact match first, then ignoring case; throws if there is none. */
  public TestVariable variable(String code) {
    return findVariable(code).orElseThrow(
        () -> new IllegalArgumentException("No variable " + code + " in " + id));
  }

  /**
   * A variable by the reference a request may use: exact code, then the code ignoring case,
   * then the alias {@code time} for the time variable (PxWebApi).
   */
  public Optional<TestVariable> findVariable(String reference) {
    TestVariable v = byCode.get(reference);
    if (v != null) {
      return Optional.of(v);
    }
    for (TestVariable candidate : variables) {
      if (candidate.code().equalsIgnoreCase(reference)) {
        return Optional.of(candidate);
      }
    }
    if ("time".equalsIgnoreCase(reference)) {
      return timeVariable();
    }
    return Optional.empty();
  }

  /** The value codes of a variable in table order. */
  public List<String> valueCodes(String variableCode) {
    return variable(variableCode).valueCodes();
  }

  /** The time variable ({@code role.time}), if any. */
  public Optional<TestVariable> timeVariable() {
    return variables.stream().filter(TestVariable::isTime).findFirst();
  }

  /** The content variable ({@code role.metric}), if any. */
  public Optional<TestVariable> contentVariable() {
    return variables.stream().filter(TestVariable::isContent).findFirst();
  }

  /** The codelists of all variables, in the order of the codelist resource. */
  public List<TestCodelist> codelists() {
    return codelists;
  }

  /** The codelists of one variable (exact code, then ignoring case). */
  public List<TestCodelist> codelists(String variableCode) {
    TestVariable v = variable(variableCode);
    return codelists.stream().filter(c -> c.variableCode().equals(v.code())).toList();
  }

  /**
   * A codelist of a variable by id, as the server looks it up: the id must match exactly
   * (ids are case-sensitive, PxWebApi); the variable may be any reference
   * {@link #findVariable} accepts.
   */
  public Optional<TestCodelist> findCodelist(String variableReference, String codelistId) {
    return findVariable(variableReference).flatMap(v -> codelists.stream()
        .filter(c -> c.variableCode().equals(v.code()) && c.id().equals(codelistId))
        .findFirst());
  }

  /** The number of cells in the whole cube. */
  public int cellCount() {
    return cellCount;
  }

  /** Whether the values come from real data (a PX file or a recorded response). */
  public boolean hasRealValues() {
    return values != null;
  }

  /** Where the values come from, for reports: a fixture path or "synthesized". */
  public String valueSource() {
    return valueSource;
  }

  /**
   * The cell with the given value codes, one per variable in metadata order.
   */
  public Cell cell(String... codesInMetadataOrder) {
    if (codesInMetadataOrder.length != variables.size()) {
      throw new IllegalArgumentException("Expected " + variables.size() + " codes for " + id
          + " " + variableCodes() + ", got " + Arrays.toString(codesInMetadataOrder));
    }
    int[] positions = new int[variables.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = locate(variables.get(i), codesInMetadataOrder[i]);
    }
    return cellAt(positions);
  }

  /**
   * The cell a data request gets for these codes, keyed by variable code. A variable that is
   * left out is eliminated as the server does it: its elimination value when it has one,
   * otherwise the sum over all its values (see {@link #cellAt}).
   *
   * @throws IllegalArgumentException if a left-out variable cannot be eliminated
   */
  public Cell cell(Map<String, String> codesByVariable) {
    int[] positions = new int[variables.size()];
    int used = 0;
    for (int i = 0; i < positions.length; i++) {
      TestVariable v = variables.get(i);
      String code = codesByVariable.get(v.code());
      if (code != null) {
        positions[i] = locate(v, code);
        used++;
      } else if (!v.elimination()) {
        throw new IllegalArgumentException(v.code() + " of " + id + " cannot be eliminated");
      } else {
        positions[i] = v.eliminationValueCode().map(v::position).orElse(-1);
      }
    }
    if (used != codesByVariable.size()) {
      throw new IllegalArgumentException("Unknown variables in " + codesByVariable.keySet()
          + " for " + id + " " + variableCodes());
    }
    return cellAt(positions);
  }

  /**
   * The cell a data request gets for these codes when codelists are applied: for a variable
   * in {@code codelistByVariable} the code is one of that codelist's codes (e.g.
   * {@code REGION=NORDIC} under {@code agg_NordicBaltic}). Left-out variables are eliminated
   * as in {@link #cell(Map)}.
   *
   * <p>A value-set value is its member cell as stored. A grouping value is the sum of its
   * member cells under the same rule as elimination sums ({@link #cellAt}): the first member
   * (in {@code valueMap} order) that is a symbol cell makes the group cell {@code null}
   * with that member's status; otherwise the sum, without status.
   *
   * @param codelistByVariable codelist id per variable code; an empty map gives
   *     {@link #cell(Map)}
   * @throws IllegalArgumentException for unknown variables, codes or codelists, or a
   *     codelist for a left-out variable
   */
  public Cell cell(Map<String, String> codesByVariable, Map<String, String> codelistByVariable) {
    TestCodelist[] applied = new TestCodelist[variables.size()];
    for (Map.Entry<String, String> e : codelistByVariable.entrySet()) {
      TestVariable v = variable(e.getKey());
      if (!codesByVariable.containsKey(v.code())) {
        throw new IllegalArgumentException("Codelist " + e.getValue() + " for " + v.code()
            + " needs a code of " + v.code());
      }
      applied[variables.indexOf(v)] = findCodelist(v.code(), e.getValue()).orElseThrow(
          () -> new IllegalArgumentException("No codelist " + e.getValue() + " of " + v.code()));
    }
    int[] positions = new int[variables.size()];
    int used = 0;
    for (int i = 0; i < positions.length; i++) {
      TestVariable v = variables.get(i);
      String code = codesByVariable.get(v.code());
      if (code != null) {
        positions[i] = applied[i] != null ? applied[i].position(code) : locate(v, code);
        used++;
      } else if (!v.elimination()) {
        throw new IllegalArgumentException(v.code() + " of " + id + " cannot be eliminated");
      } else {
        positions[i] = v.eliminationValueCode().map(v::position).orElse(-1);
      }
    }
    if (used != codesByVariable.size()) {
      throw new IllegalArgumentException("Unknown variables in " + codesByVariable.keySet()
          + " for " + id + " " + variableCodes());
    }
    return cellAt(positions, applied);
  }

  /** The number of a cell (see {@link #cell(String...)}), or {@code null} for a symbol cell. */
  public BigDecimal value(String... codesInMetadataOrder) {
    return cell(codesInMetadataOrder).value();
  }

  /** The status symbol of a cell (see {@link #cell(String...)}), or {@code null}. */
  public String status(String... codesInMetadataOrder) {
    return cell(codesInMetadataOrder).status();
  }

  /**
   * The cell at the given positions in table order; a position of -1 sums that variable.
   *
   * <p>Summing (elimination without an elimination value, PxWebApi) adds
   * the numbers. A sum that meets a symbol cell becomes that symbol, because PCAxis keeps
   * symbols as magic numbers that swallow a sum; statuses on cells that have a number are
   * dropped. This rule is this server's choice: no recorded response shows it.
   */
  Cell cellAt(int[] positions) {
    int summed = -1;
    for (int i = 0; i < positions.length; i++) {
      if (positions[i] < 0) {
        summed = i;
        break;
      }
    }
    if (summed < 0) {
      return stored(positions);
    }
    BigDecimal sum = BigDecimal.ZERO;
    int[] copy = positions.clone();
    for (int p = 0; p < variables.get(summed).size(); p++) {
      copy[summed] = p;
      Cell part = cellAt(copy);
      if (part.isMissing()) {
        return new Cell(null, part.status());
      }
      sum = sum.add(part.value());
    }
    return new Cell(sum, null);
  }

  /**
   * The cell at the given positions where, for a variable with a codelist in
   * {@code applied}, the position is one in codelist order (see
   * {@link #cell(Map, Map)} for the rule); {@code applied} may hold nulls.
   */
  Cell cellAt(int[] positions, TestCodelist[] applied) {
    int i = 0;
    while (i < positions.length && (applied[i] == null || positions[i] < 0)) {
      i++;
    }
    if (i == positions.length) {
      return cellAt(positions);
    }
    TestCodelist codelist = applied[i];
    int[] members = codelist.members(positions[i]);
    TestCodelist[] rest = applied.clone();
    rest[i] = null;
    int[] copy = positions.clone();
    if (!codelist.isAggregation()) {
      copy[i] = members[0];
      return cellAt(copy, rest);
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (int member : members) {
      copy[i] = member;
      Cell part = cellAt(copy, rest);
      if (part.isMissing()) {
        return new Cell(null, part.status());
      }
      sum = sum.add(part.value());
    }
    return new Cell(sum, null);
  }

  private Cell stored(int[] positions) {
    int flat = 0;
    for (int i = 0; i < positions.length; i++) {
      flat += positions[i] * strides[i];
    }
    if (values != null) {
      return new Cell(values[flat], statuses[flat]);
    }
    List<String> codes = new ArrayList<>(positions.length);
    int decimals = metadata.path("extension").path("px").path("decimals").asInt(0);
    for (int i = 0; i < positions.length; i++) {
      TestVariable v = variables.get(i);
      String code = v.valueCodes().get(positions[i]);
      codes.add(code);
      if (v.isContent()) {
        decimals = v.decimals(code).orElse(decimals);
      }
    }
    return SyntheticValues.cell(id, codes, decimals);
  }

  private static int locate(TestVariable v, String code) {
    OptionalInt p = v.findIgnoringCase(code);
    if (p.isEmpty()) {
      throw new IllegalArgumentException("No value " + code + " in " + v.code());
    }
    return p.getAsInt();
  }

  @Override
  public String toString() {
    return id + variableCodes().stream()
        .map(c -> c + "(" + byCode.get(c).size() + ")").toList()
        + (values != null ? " real" : " synthesized");
  }
}
