package io.pxweb.jdbc.source.v1;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.model.Value;
import io.pxweb.jdbc.model.Variable;
import io.pxweb.jdbc.model.VariableRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The driver's table metadata from a v1 table's {@code {title, variables}} and the json-stat2
 * answer to one small data request (the probe): roles, units and decimals, and the values of
 * variables the metadata left out.
 */
final class V1Metadata {
  private V1Metadata() {
  }

  /**
   * @param content code of the content variable, or null for none
   * @param contents what the probe said of the content values, or null (no role.metric)
   * @param probe the probe's json-stat2 dataset
   */
  static TableMetadata of(String tableId, V1Table table, String content,
      V1Documents.Contents contents, JsonNode probe) {
    List<Variable> variables = new ArrayList<>();
    for (V1Table.V1Variable v : table.variables()) {
      VariableRole role = v.time() ? VariableRole.TIME
          : v.code().equals(content) ? VariableRole.CONTENT
          : v.map() != null ? VariableRole.GEO : VariableRole.REGULAR;
      List<String> codes = v.values();
      List<String> texts = v.valueTexts();
      if (codes.isEmpty()) {
        // Left out of the metadata for exceeding maxValues: the probe asked for all of them.
        codes = new ArrayList<>();
        texts = new ArrayList<>();
        readCategories(probe.path("dimension").path(v.code()).path("category"), codes, texts);
      }
      List<Value> values = new ArrayList<>(codes.size());
      for (int i = 0; i < codes.size(); i++) {
        String unit = null;
        int decimals = 0;
        if (role == VariableRole.CONTENT && contents != null) {
          V1Documents.Unit u = contents.units().get(codes.get(i));
          if (u != null) {
            unit = u.label();
            decimals = u.decimals() >= 0 ? u.decimals() : 0;
          }
        }
        values.add(new Value(codes.get(i), texts.get(i), unit, decimals));
      }
      variables.add(new Variable(v.code(), v.text(), role, v.elimination(), null, values));
    }
    return new TableMetadata(tableId, table.title(), probe.path("source").asText(null),
        probe.path("updated").asText(null), List.of(), variables);
  }

  /** Reads a dimension's codes in index order and their labels. */
  private static void readCategories(JsonNode category, List<String> codes, List<String> texts) {
    JsonNode index = category.path("index");
    String[] ordered = new String[index.size()];
    if (index.isArray()) {
      for (int i = 0; i < index.size(); i++) {
        ordered[i] = index.get(i).asText();
      }
    } else {
      for (Map.Entry<String, JsonNode> e : index.properties()) {
        int p = e.getValue().asInt(-1);
        if (p >= 0 && p < ordered.length) {
          ordered[p] = e.getKey();
        }
      }
    }
    for (String code : ordered) {
      if (code != null) {
        codes.add(code);
        texts.add(category.path("label").path(code).asText(code));
      }
    }
  }
}
