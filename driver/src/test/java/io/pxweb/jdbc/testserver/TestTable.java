package io.pxweb.jdbc.testserver;

import com.fasterxml.jackson.databind.JsonNode;
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

  /**
   * @param cube {@code {"id":[..],"value":[..],"status":{..}}} in metadata id order, or
   *     {@code null} for synthesized values
   */
  TestTable(ObjectNode entry, ObjectNode metadata, JsonNode cube, String valueSource) {
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
  }

  /** The table id as the server spells it, e.g. {@code "TAB001"} or {@code "05810"}. */
  public String id() {
    return id;
  }

  /** The table title ({@code label}). */
  public String label() {
    return metadata.path("label").asText();
  }

  /** A copy of the JSON-stat 2.0 metadata document served by {@code /tables/{id}/metadata}. */
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
   * then the alias {@code time} for the time variable (contract §2, "Other notes").
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
   * <p>Summing (elimination without an elimination value, contract §1 "Elimination") adds
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
