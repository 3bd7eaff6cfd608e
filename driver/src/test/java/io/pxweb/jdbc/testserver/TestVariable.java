package io.pxweb.jdbc.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** One variable (JSON-stat dimension) of a {@link TestTable}, with its values in table order. */
public final class TestVariable {

  private final String code;
  private final String label;
  private final List<String> codes;
  private final List<String> labels;
  private final Map<String, Integer> positions = new HashMap<>();
  private final Map<String, Integer> positionsIgnoringCase = new HashMap<>();
  private final boolean elimination;
  private final String eliminationValueCode;
  private final boolean time;
  private final boolean content;
  private final Map<String, Integer> decimals = new HashMap<>();

  TestVariable(String code, JsonNode dimension, boolean time, boolean content) {
    this.code = code;
    this.label = dimension.path("label").asText(code);
    JsonNode index = dimension.path("category").path("index");
    // Table order is given by the index positions, not by the JSON key order: SSB's 05810
    // metadata has {"0":0,"1":2,"2":1} (PCAxis.Serializers).
    String[] ordered = new String[index.size()];
    index.properties().forEach(e -> ordered[e.getValue().asInt()] = e.getKey());
    this.codes = List.of(ordered);
    JsonNode labelNode = dimension.path("category").path("label");
    List<String> valueLabels = new ArrayList<>();
    for (int i = 0; i < ordered.length; i++) {
      valueLabels.add(labelNode.path(ordered[i]).asText(ordered[i]));
      positions.put(ordered[i], i);
      positionsIgnoringCase.putIfAbsent(ordered[i].toLowerCase(Locale.ROOT), i);
    }
    this.labels = Collections.unmodifiableList(valueLabels);
    JsonNode extension = dimension.path("extension");
    this.elimination = extension.path("elimination").asBoolean(false);
    this.eliminationValueCode = extension.hasNonNull("eliminationValueCode")
        ? extension.get("eliminationValueCode").asText() : null;
    this.time = time;
    this.content = content;
    dimension.path("category").path("unit").properties()
        .forEach(e -> decimals.put(e.getKey(), e.getValue().path("decimals").asInt(0)));
  }

  /** The variable code, e.g. {@code "TIME"}. */
  public String code() {
    return code;
  }

  /** The variable label, e.g. {@code "year"}. */
  public String label() {
    return label;
  }

  /** The value codes in table order. */
  public List<String> valueCodes() {
    return codes;
  }

  /** The value labels in table order. */
  public List<String> valueLabels() {
    return labels;
  }

  /** The label of one value code. */
  public String valueLabel(String valueCode) {
    return labels.get(position(valueCode));
  }

  /** The number of values. */
  public int size() {
    return codes.size();
  }

  /** The position of a value code in table order; throws if the code is unknown. */
  public int position(String valueCode) {
    Integer p = positions.get(valueCode);
    if (p == null) {
      throw new IllegalArgumentException("No value " + valueCode + " in " + code);
    }
    return p;
  }

  /** The position of a value code compared case-insensitively, as the server compares them. */
  public OptionalInt findIgnoringCase(String valueCode) {
    Integer p = positions.get(valueCode);
    if (p == null) {
      p = positionsIgnoringCase.get(valueCode.toLowerCase(Locale.ROOT));
    }
    return p == null ? OptionalInt.empty() : OptionalInt.of(p);
  }

  /** Whether the variable may be left out of a selection (metadata {@code extension.elimination}). */
  public boolean elimination() {
    return elimination;
  }

  /** The value selected when the variable is left out, if the table has one. */
  public Optional<String> eliminationValueCode() {
    return Optional.ofNullable(eliminationValueCode);
  }

  /** Whether this is the table's time variable ({@code role.time}). */
  public boolean isTime() {
    return time;
  }

  /** Whether this is the table's content variable ({@code role.metric}). */
  public boolean isContent() {
    return content;
  }

  /** The decimals of a content value ({@code category.unit.<code>.decimals}), or empty. */
  public OptionalInt decimals(String valueCode) {
    Integer d = decimals.get(valueCode);
    return d == null ? OptionalInt.empty() : OptionalInt.of(d);
  }

  @Override
  public String toString() {
    return code + codes;
  }
}
