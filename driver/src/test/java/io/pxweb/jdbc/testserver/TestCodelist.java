package io.pxweb.jdbc.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A codelist of one variable of a {@link TestTable}: a grouping ({@code agg_…}, values are
 * sums of member cells) or a value set ({@code vs_…}, values are member cells), PxWebApi
 * "Codelists" and "GET /codelists/{id}".
 *
 * <p>Labels exist per language; the first of {@link #languages()} is the language of the
 * table's fixtures, used in metadata and data responses.
 */
public final class TestCodelist {

  /** The codelist type as {@code /codelists/{id}} and the metadata spell it. */
  public enum Type {
    AGGREGATION("Aggregation"),
    VALUESET("Valueset");

    private final String jsonName;

    Type(String jsonName) {
      this.jsonName = jsonName;
    }

    /** {@code "Aggregation"} or {@code "Valueset"}. */
    public String jsonName() {
      return jsonName;
    }

    static Type of(String name) {
      for (Type t : values()) {
        if (t.jsonName.equalsIgnoreCase(name)) {
          return t;
        }
      }
      throw new IllegalArgumentException("Codelist type " + name);
    }
  }

  /**
   * One value of the codelist.
   *
   * @param code the codelist's code, e.g. {@code "NORDIC"}
   * @param labels label per language
   * @param valueMap the codes of the variable this value stands for (a value set: its own code)
   */
  public record Value(String code, Map<String, String> labels, List<String> valueMap) {

    public Value {
      labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
      valueMap = List.copyOf(valueMap);
    }

    /** The label in the first language. */
    public String label() {
      return labels.values().iterator().next();
    }

    /** The label in a language, falling back to the first language. */
    public String label(String language) {
      return labels.getOrDefault(language, label());
    }
  }

  private final String id;
  private final String tableId;
  private final TestVariable variable;
  private final Type type;
  private final Map<String, String> labels;
  private final List<String> languages;
  private final boolean elimination;
  private final String eliminationValueCode;
  private final List<Value> values;
  private final int[][] memberPositions;
  private final TestVariable view;

  /**
   * @param tableId the table the codelist belongs to
   * @param variable the table's variable
   * @param json one entry of a {@code codelists-<table>.json} resource
   * @param languages the languages of the resource, first = the fixtures' language
   */
  TestCodelist(String tableId, TestVariable variable, JsonNode json, List<String> languages) {
    this.tableId = tableId;
    this.variable = variable;
    this.id = json.path("id").asText();
    this.type = Type.of(json.path("type").asText());
    String prefix = type == Type.AGGREGATION ? "agg_" : "vs_";
    if (!id.startsWith(prefix)) {
      throw new IllegalStateException("Codelist " + id + " of type " + type + " needs " + prefix);
    }
    this.languages = List.copyOf(languages);
    this.labels = labels(json.path("label"), id);
    this.elimination = json.path("elimination").asBoolean(false);
    this.eliminationValueCode = json.hasNonNull("eliminationValueCode")
        ? json.get("eliminationValueCode").asText() : null;
    List<Value> list = new ArrayList<>();
    List<int[]> members = new ArrayList<>();
    for (JsonNode v : json.path("values")) {
      String code = v.path("code").asText();
      List<String> map = new ArrayList<>();
      v.path("valueMap").forEach(c -> map.add(c.asText()));
      if (map.isEmpty() || (type == Type.VALUESET && !map.equals(List.of(code)))) {
        throw new IllegalStateException("Codelist " + id + " value " + code + " maps " + map);
      }
      int[] positions = new int[map.size()];
      for (int i = 0; i < positions.length; i++) {
        positions[i] = variable.position(map.get(i)); // throws for unknown codes
      }
      list.add(new Value(code, labels(v.path("label"), code), map));
      members.add(positions);
    }
    this.values = List.copyOf(list);
    this.memberPositions = members.toArray(new int[0][]);
    this.view = new TestVariable(variable.code(), dimension(), variable.isTime(),
        variable.isContent());
  }

  private Map<String, String> labels(JsonNode node, String fallback) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node.isTextual()) {
      languages.forEach(l -> out.put(l, node.asText()));
    } else {
      for (String l : languages) {
        out.put(l, node.path(l).asText(fallback));
      }
    }
    return out;
  }

  /** A JSON-stat dimension of the codelist's values, for {@link #asVariable()}. */
  private ObjectNode dimension() {
    ObjectNode d = Json.object();
    d.put("label", variable.label());
    ObjectNode category = d.putObject("category");
    ObjectNode index = category.putObject("index");
    ObjectNode label = category.putObject("label");
    for (int i = 0; i < values.size(); i++) {
      index.put(values.get(i).code(), i);
      label.put(values.get(i).code(), values.get(i).label());
    }
    d.putObject("extension").put("elimination", variable.elimination());
    return d;
  }

  /** The id, e.g. {@code "agg_NordicBaltic"}; ids are case-sensitive. */
  public String id() {
    return id;
  }

  /** The id of the table whose variable this codelist belongs to. */
  public String tableId() {
    return tableId;
  }

  /** The code of the variable the codelist applies to, e.g. {@code "REGION"}. */
  public String variableCode() {
    return variable.code();
  }

  public Type type() {
    return type;
  }

  /** Whether this is a grouping whose values are sums of their members. */
  public boolean isAggregation() {
    return type == Type.AGGREGATION;
  }

  /** The label in the first language. */
  public String label() {
    return labels.get(languages.get(0));
  }

  /** The label in a language, falling back to the first language. */
  public String label(String language) {
    return labels.getOrDefault(language, label());
  }

  /** The languages the codelist has labels in; the first is the fixtures' language. */
  public List<String> languages() {
    return languages;
  }

  public boolean elimination() {
    return elimination;
  }

  public Optional<String> eliminationValueCode() {
    return Optional.ofNullable(eliminationValueCode);
  }

  /** The values in codelist order. */
  public List<Value> values() {
    return values;
  }

  /** The codes in codelist order. */
  public List<String> valueCodes() {
    return values.stream().map(Value::code).toList();
  }

  /** A value by code, exact match first, then ignoring case; throws if there is none. */
  public Value value(String code) {
    return values.get(position(code));
  }

  /** The position of a code (exact, then ignoring case) in codelist order; throws if unknown. */
  int position(String code) {
    return view.findIgnoringCase(code).orElseThrow(
        () -> new IllegalArgumentException("No value " + code + " in codelist " + id));
  }

  /** The table positions of the members of the value at a codelist position. */
  int[] members(int position) {
    return memberPositions[position];
  }

  /**
   * The variable as it looks with the codelist applied: same code, label and roles, the
   * codelist's codes and (first-language) labels as values. Selection expressions resolve
   * against it.
   */
  TestVariable asVariable() {
    return view;
  }

  @Override
  public String toString() {
    return id + valueCodes();
  }
}
