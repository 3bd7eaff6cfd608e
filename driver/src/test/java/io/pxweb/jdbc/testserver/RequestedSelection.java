package io.pxweb.jdbc.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The selection part of a data request, read from GET query parameters or a POST body but
 * not yet checked against a table.
 */
final class RequestedSelection {

  /**
   * Splits on commas that are not inside {@code [...]}
   * (QueryStringToDictionaryOfStrings.cs; PxWebApi).
   */
  private static final Pattern LIST_SPLIT = Pattern.compile(",(?=[^\\]]*(?:\\[|$))");
  private static final Pattern VALUE_CODES = Pattern.compile("(?i)^valuecodes\\[(.*)\\]$");
  private static final Pattern CODELIST = Pattern.compile("(?i)^codelist\\[(.*)\\]$");

  /** Value-code tokens per variable reference, in request order. */
  final Map<String, List<String>> valueCodes = new LinkedHashMap<>();
  /** Codelist ids per variable reference. */
  final Map<String, String> codelists = new LinkedHashMap<>();
  final List<String> heading = new ArrayList<>();
  final List<String> stub = new ArrayList<>();

  private RequestedSelection() {
  }

  /** No selection at all: the server then uses the table's default selection (PxWebApi). */
  boolean isEmpty() {
    return valueCodes.isEmpty();
  }

  static RequestedSelection fromQuery(ApiRequest request) {
    RequestedSelection r = new RequestedSelection();
    for (ApiRequest.Param p : request.params()) {
      String lower = p.name().toLowerCase(Locale.ROOT);
      if (lower.startsWith("valuecodes")) {
        Matcher m = VALUE_CODES.matcher(p.name());
        if (!m.matches() || m.group(1).isEmpty()) {
          // A bare valueCodes=x fails model binding (PxWebApi, GET query parameters).
          throw ApiProblem.validation(p.name(), "The value '" + p.value() + "' is not valid.");
        }
        // Repeated parameters are joined with "," by StringValues (ASP.NET Core model binding; inferred).
        r.valueCodes.computeIfAbsent(m.group(1), k -> new ArrayList<>()).addAll(split(p.value()));
      } else if (lower.startsWith("codelist")) {
        Matcher m = CODELIST.matcher(p.name());
        if (m.matches() && !p.value().isEmpty()) {
          r.codelists.put(m.group(1), p.value());
        }
      } else if (lower.equals("heading")) {
        r.heading.addAll(split(p.value()));
      } else if (lower.equals("stub")) {
        r.stub.addAll(split(p.value()));
      }
    }
    // codelist[VAR] is applied only to variables that also have valuecodes[VAR]; others are
    // silently ignored (MapDataParameters; PxWebApi).
    r.codelists.keySet().retainAll(r.valueCodes.keySet());
    return r;
  }

  /**
   * The POST body ({@code VariablesSelection}). Items are used verbatim: no comma splitting,
   * no bracket unwrapping (PxWebApi). Property names bind case-insensitively, so both
   * {@code codelist} and the older {@code codeList} work.
   */
  static RequestedSelection fromBody(String body) {
    RequestedSelection r = new RequestedSelection();
    if (body == null || body.isBlank()) {
      return r;
    }
    JsonNode root;
    try {
      root = Json.parse(body);
    } catch (IOException e) {
      throw ApiProblem.validation("$", "The JSON value could not be converted.");
    }
    if (root == null || !root.isObject()) {
      throw ApiProblem.validation("$", "The JSON value could not be converted.");
    }
    JsonNode selection = property(root, "selection");
    if (selection != null && !selection.isNull()) {
      if (!selection.isArray()) {
        throw ApiProblem.validation("selection", "The JSON value could not be converted.");
      }
      for (JsonNode item : selection) {
        JsonNode code = property(item, "variableCode");
        JsonNode values = property(item, "valueCodes");
        if (code == null || !code.isTextual()) {
          throw ApiProblem.validation("VariableCode", "The VariableCode field is required.");
        }
        if (values == null || !values.isArray()) {
          throw ApiProblem.validation("ValueCodes", "The ValueCodes field is required.");
        }
        List<String> tokens = r.valueCodes.computeIfAbsent(code.asText(), k -> new ArrayList<>());
        values.forEach(v -> tokens.add(v.asText()));
        JsonNode codelist = property(item, "codelist");
        if (codelist != null && !codelist.isNull() && !codelist.asText().isEmpty()) {
          r.codelists.put(code.asText(), codelist.asText());
        }
      }
    }
    JsonNode placement = property(root, "placement");
    if (placement != null && placement.isObject()) {
      JsonNode h = property(placement, "heading");
      JsonNode s = property(placement, "stub");
      if (h != null) {
        h.forEach(x -> r.heading.add(x.asText()));
      }
      if (s != null) {
        s.forEach(x -> r.stub.add(x.asText()));
      }
    }
    return r;
  }

  /**
   * Items of a GET list: split on commas outside brackets; an item wrapped in {@code [...]}
   * loses the brackets and keeps its inner text verbatim, other items are trimmed. Empty
   * items are kept (they later fail as "Non-existent value"); an empty parameter is an
   * empty list.
   */
  static List<String> split(String value) {
    List<String> items = new ArrayList<>();
    if (value.isEmpty()) {
      return items;
    }
    for (String item : LIST_SPLIT.split(value, -1)) {
      if (item.length() >= 2 && item.startsWith("[") && item.endsWith("]")) {
        items.add(item.substring(1, item.length() - 1));
      } else {
        items.add(item.trim());
      }
    }
    return items;
  }

  private static JsonNode property(JsonNode object, String name) {
    if (object == null || !object.isObject()) {
      return null;
    }
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }
}
