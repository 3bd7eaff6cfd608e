package io.pxweb.jdbc.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Variable (dimension) of a table with its values in table order. */
public final class Variable {
  private final String code;
  private final String label;
  private final VariableRole role;
  private final boolean elimination;
  private final String eliminationValueCode;
  private final List<Value> values;
  private final CodeIndex positions;
  private final VariableDetails details;

  /**
   * Creates a variable.
   *
   * @param code variable code, e.g. "Region", "Tid", "ContentsCode"
   * @param label label in the metadata's language
   * @param role time, content, geographical or regular
   * @param elimination whether the server may leave the variable out of a selection
   * @param eliminationValueCode code of the value the server picks when it eliminates, or null
   * @param values the values in table order (by {@code category.index})
   */
  public Variable(String code, String label, VariableRole role, boolean elimination,
      String eliminationValueCode, List<Value> values) {
    this(code, label, role, elimination, eliminationValueCode, values, VariableDetails.NONE);
  }

  /** Creates a variable with its notes, codelists and Klass links. */
  public Variable(String code, String label, VariableRole role, boolean elimination,
      String eliminationValueCode, List<Value> values, VariableDetails details) {
    this.details = requireNonNull(details, "details");
    this.code = requireNonNull(code, "code");
    this.label = label == null ? code : label;
    this.role = requireNonNull(role, "role");
    this.elimination = elimination;
    this.eliminationValueCode = eliminationValueCode;
    this.values = List.copyOf(values);
    this.positions = CodeIndex.of(this.values.stream().map(Value::code).toList());
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  public VariableRole role() {
    return role;
  }

  public boolean elimination() {
    return elimination;
  }

  public String eliminationValueCode() {
    return eliminationValueCode;
  }

  public List<Value> values() {
    return values;
  }

  public int size() {
    return values.size();
  }

  /** Returns the variable's notes, value notes, codelists and Klass links. */
  public VariableDetails details() {
    return details;
  }

  /**
   * Returns the position of a code in table order, -1 if absent: the exact code, else the one
   * value whose code differs only in case (servers match codes case-insensitively).
   */
  public int indexOf(String valueCode) {
    return positions.indexOf(valueCode);
  }

  @Override public String toString() {
    return code + "(" + values.size() + ")";
  }
}
