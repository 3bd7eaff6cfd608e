package io.pxweb.jdbc.source.v1;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxweb.jdbc.model.MalformedDocumentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reader of PxWebApi v1 documents into plain records: navigation listings, table metadata,
 * {@code ?config} limits, and the units a json-stat2 data response gives its content values.
 *
 * <p>Lenient where servers differ (absent flags are false, nulls are omitted, unknown keys are
 * ignored) and strict where a wrong reading would give wrong rows (values and texts of unequal
 * length, a listing entry without id).
 */
public final class V1Documents {
  private V1Documents() {
  }

  /**
   * Reads a navigation listing: {@code [{"id","type","text","updated"?}]} below a database, or
   * {@code [{"dbid","text"}]} at the language level.
   */
  public static List<V1Node> listing(JsonNode doc) throws MalformedDocumentException {
    if (!doc.isArray()) {
      throw new MalformedDocumentException("expected a v1 listing (a JSON array), got "
          + kind(doc));
    }
    List<V1Node> nodes = new ArrayList<>(doc.size());
    for (JsonNode n : doc) {
      if (!n.isObject()) {
        throw new MalformedDocumentException("a v1 listing entry is not an object: " + kind(n));
      }
      String dbid = text(n, "dbid");
      if (dbid != null) {
        nodes.add(new V1Node(dbid, V1Node.Type.DATABASE, text(n, "text"), null));
        continue;
      }
      String id = text(n, "id");
      if (id == null || id.isEmpty()) {
        throw new MalformedDocumentException("a v1 listing entry has no id");
      }
      String type = text(n, "type");
      V1Node.Type t;
      if ("t".equals(type)) {
        t = V1Node.Type.TABLE;
      } else if ("l".equals(type)) {
        t = V1Node.Type.FOLDER;
      } else if ("h".equals(type)) {
        t = V1Node.Type.HEADING;
      } else {
        throw new MalformedDocumentException("v1 listing entry '" + id
            + "' has unknown type '" + type + "'");
      }
      nodes.add(new V1Node(id, t, text(n, "text"), text(n, "updated")));
    }
    return nodes;
  }

  /** Reads a table's metadata: {@code {"title","variables":[{code,text,values,valueTexts,..}]}}. */
  public static V1Table table(JsonNode doc) throws MalformedDocumentException {
    if (!doc.isObject() || !doc.path("variables").isArray()) {
      throw new MalformedDocumentException("expected v1 table metadata {title, variables}, got "
          + kind(doc));
    }
    List<V1Table.V1Variable> variables = new ArrayList<>();
    for (JsonNode v : doc.get("variables")) {
      String code = text(v, "code");
      if (code == null || code.isEmpty()) {
        throw new MalformedDocumentException("a v1 variable has no code");
      }
      List<String> values = strings(v.path("values"), code, "values");
      List<String> texts = strings(v.path("valueTexts"), code, "valueTexts");
      if (texts.isEmpty()) {
        texts = values;
      }
      if (texts.size() != values.size()) {
        throw new MalformedDocumentException("variable '" + code + "' has " + values.size()
            + " values but " + texts.size() + " valueTexts");
      }
      variables.add(new V1Table.V1Variable(code, text(v, "text"), values, texts,
          v.path("elimination").asBoolean(false), v.path("time").asBoolean(false),
          text(v, "map")));
    }
    return new V1Table(text(doc, "title"), variables);
  }

  /**
   * Reads a {@code ?config} answer; anything that is not the JSON object (the empty 200 above
   * the handler route, an HTML page) means "no config" and gives {@link V1Limits#UNKNOWN}.
   */
  public static V1Limits limits(JsonNode doc) {
    if (doc == null || !doc.isObject()) {
      return V1Limits.UNKNOWN;
    }
    return new V1Limits(positive(doc, "maxValues"), positive(doc, "maxCells"),
        positive(doc, "maxCalls"), positive(doc, "timeWindow"));
  }

  /**
   * Reads what a json-stat2 data response says about its content: the metric dimension
   * ({@code role.metric}), and each of its values' unit label and decimals.
   *
   * @return the contents, or null when the response has no metric role (Greenland)
   */
  public static Contents contents(JsonNode dataset) {
    String metric = dataset.path("role").path("metric").path(0).asText(null);
    if (metric == null) {
      return null;
    }
    JsonNode unit = dataset.path("dimension").path(metric).path("category").path("unit");
    Map<String, Unit> units = new LinkedHashMap<>();
    unit.properties().forEach(e -> units.put(e.getKey(), new Unit(
        e.getValue().path("label").asText(null),
        e.getValue().path("decimals").isInt() ? e.getValue().path("decimals").asInt() : -1)));
    return new Contents(metric, units);
  }

  /**
   * The content dimension of a data response.
   *
   * @param variable code of the metric dimension
   * @param units unit by value code
   */
  public record Contents(String variable, Map<String, Unit> units) {
    public Contents {
      units = Map.copyOf(units);
    }
  }

  /**
   * Unit of a content value.
   *
   * @param label unit label, or null
   * @param decimals decimals, or -1 when the response gives none
   */
  public record Unit(String label, int decimals) {
  }

  private static int positive(JsonNode doc, String field) {
    JsonNode n = doc.path(field);
    return n.canConvertToInt() && n.asInt() > 0 ? n.asInt() : 0;
  }

  private static List<String> strings(JsonNode array, String code, String field)
      throws MalformedDocumentException {
    if (array.isMissingNode() || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new MalformedDocumentException("'" + field + "' of variable '" + code
          + "' is not an array");
    }
    List<String> out = new ArrayList<>(array.size());
    for (JsonNode s : array) {
      if (!s.isValueNode() || s.isNull()) {
        throw new MalformedDocumentException("'" + field + "' of variable '" + code
            + "' holds " + kind(s));
      }
      out.add(s.asText());
    }
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
  }

  private static String kind(JsonNode n) {
    return n.isObject() ? "an object" : n.isArray() ? "an array" : n.isNull() ? "null"
        : "'" + n.asText() + "'";
  }
}
