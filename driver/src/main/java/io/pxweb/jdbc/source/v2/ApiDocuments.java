package io.pxweb.jdbc.source.v2;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxweb.jdbc.json.JsonDocuments;
import io.pxweb.jdbc.model.Codelist;
import io.pxweb.jdbc.model.MalformedDocumentException;
import io.pxweb.jdbc.model.Note;
import io.pxweb.jdbc.model.SavedQuery;
import io.pxweb.jdbc.model.SourceDescription;
import io.pxweb.jdbc.model.TableEntry;
import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.model.Value;
import io.pxweb.jdbc.model.Variable;
import io.pxweb.jdbc.model.VariableDetails;
import io.pxweb.jdbc.model.VariableRole;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reader of the server's small JSON documents: {@code /config}, {@code /tables} pages and
 * {@code /tables/{id}/metadata}. These are read as trees (they are small); data responses are
 * not, see {@code io.pxweb.jdbc.jsonstat}.
 *
 * <p>Readers are lenient where servers differ (missing keys, {@code null} versus absent,
 * {@code codeLists} versus {@code codelists}) and strict where a wrong guess would give wrong
 * rows: a metadata document without {@code id} or {@code dimension} is rejected.
 */
public final class ApiDocuments {
  /** A Klass classification reference in a META-ID link, e.g. urn:ssb:classification:klass:131. */
  private static final Pattern KLASS_URN =
      Pattern.compile("urn:ssb:classification:klass:(\\d+)");

  private ApiDocuments() {
  }

  /** Parses a document to a tree; see {@link JsonDocuments#parse}. */
  public static JsonNode parse(InputStream in, String what)
      throws MalformedDocumentException, IOException {
    return JsonDocuments.parse(in, what);
  }

  /** Reads a {@code /config} response. */
  public static SourceDescription config(JsonNode root) {
    List<String> languages = new ArrayList<>();
    for (JsonNode l : root.path("languages")) {
      languages.add(l.path("id").asText());
    }
    List<String> formats = new ArrayList<>();
    for (JsonNode f : root.path("dataFormats")) {
      formats.add(f.asText());
    }
    List<SourceDescription.SourceReference> references = new ArrayList<>();
    for (JsonNode r : root.path("sourceReferences")) {
      String text = text(r, "text");
      if (text != null && !text.isBlank()) {
        references.add(new SourceDescription.SourceReference(text(r, "language"), text));
      }
    }
    return new SourceDescription("PxWebApi " + text(root, "apiVersion"), languages, text(root, "defaultLanguage"),
        root.path("maxDataCells").asInt(0), root.path("maxCallsPerTimeWindow").asInt(0),
        root.path("timeWindow").asInt(0), formats, text(root, "license"), references);
  }

  /**
   * Reads a saved query from its {@code /savedqueries/{id}} document (the table) and its
   * {@code /savedqueries/{id}/selection} document (the expanded selection).
   */
  public static SavedQuery savedQuery(String id, JsonNode query, JsonNode selection)
      throws MalformedDocumentException {
    String tableId = text(query.path("savedQuery"), "tableId");
    if (tableId == null || tableId.isBlank()) {
      throw new MalformedDocumentException("saved query " + id + " names no tableId");
    }
    JsonNode variables = selection.path("selection");
    if (!variables.isArray()) {
      throw new MalformedDocumentException("selection of saved query " + id
          + " has no 'selection' array");
    }
    List<SavedQuery.Selected> selected = new ArrayList<>();
    for (JsonNode v : variables) {
      String code = text(v, "variableCode");
      if (code == null) {
        throw new MalformedDocumentException("selection of saved query " + id
            + " has a variable without variableCode");
      }
      List<String> codes = new ArrayList<>();
      for (JsonNode c : v.path("valueCodes")) {
        codes.add(c.asText());
      }
      selected.add(new SavedQuery.Selected(code, text(v, "codelist"), codes));
    }
    return new SavedQuery(id, tableId, selected);
  }

  /** One page of {@code /tables}: its tables and the number of pages the server reports. */
  public record TablePage(List<TableEntry> tables, int pageNumber, int totalPages) {
  }

  /** Reads a {@code /tables} response. */
  public static TablePage tablePage(JsonNode root) throws MalformedDocumentException {
    JsonNode tables = root.get("tables");
    if (tables == null || !tables.isArray()) {
      throw new MalformedDocumentException("table list has no 'tables' array");
    }
    List<TableEntry> entries = new ArrayList<>();
    for (JsonNode t : tables) {
      entries.add(tableEntry(t));
    }
    JsonNode page = root.path("page");
    return new TablePage(entries, page.path("pageNumber").asInt(1),
        page.path("totalPages").asInt(1));
  }

  /** Reads one table object of {@code /tables} or {@code /tables/{id}}. */
  public static TableEntry tableEntry(JsonNode t) {
    List<String> variableNames = new ArrayList<>();
    for (JsonNode n : t.path("variableNames")) {
      variableNames.add(n.asText());
    }
    List<List<TableEntry.Folder>> paths = new ArrayList<>();
    for (JsonNode path : t.path("paths")) {
      List<TableEntry.Folder> folders = new ArrayList<>();
      for (JsonNode f : path) {
        folders.add(new TableEntry.Folder(f.path("id").asText(), text(f, "label")));
      }
      paths.add(folders);
    }
    // Servers send discontinued as true, null or not at all (never false): only true counts.
    boolean discontinued = t.path("discontinued").asBoolean(false);
    return new TableEntry(t.path("id").asText(), text(t, "label"), text(t, "description"),
        text(t, "updated"), text(t, "firstPeriod"), text(t, "lastPeriod"), text(t, "timeUnit"),
        variableNames, paths, text(t, "source"), discontinued);
  }

  /** Reads a JSON-stat 2.0 metadata document ({@code /tables/{id}/metadata}). */
  public static TableMetadata metadata(String tableId, JsonNode root)
      throws MalformedDocumentException {
    JsonNode ids = root.get("id");
    JsonNode dimensions = root.get("dimension");
    if (ids == null || !ids.isArray() || dimensions == null || !dimensions.isObject()) {
      throw new MalformedDocumentException(
          "metadata of table " + tableId + " is not a JSON-stat dataset (no 'id' or 'dimension')");
    }
    JsonNode role = root.path("role");
    List<Variable> variables = new ArrayList<>();
    for (JsonNode idNode : ids) {
      String code = idNode.asText();
      JsonNode dim = dimensions.get(code);
      if (dim == null) {
        throw new MalformedDocumentException(
            "metadata of table " + tableId + " lists variable " + code + " but has no dimension for it");
      }
      variables.add(variable(code, dim, roleOf(code, role)));
    }
    List<String> notes = new ArrayList<>();
    for (JsonNode n : root.path("note")) {
      notes.add(n.asText());
    }
    return new TableMetadata(tableId, text(root, "label"), text(root, "source"),
        text(root, "updated"), notes, variables,
        mandatoryPositions(root.path("extension").path("noteMandatory")));
  }

  private static VariableRole roleOf(String code, JsonNode role) {
    if (contains(role.path("metric"), code)) {
      return VariableRole.CONTENT;
    } else if (contains(role.path("time"), code)) {
      return VariableRole.TIME;
    } else if (contains(role.path("geo"), code)) {
      return VariableRole.GEO;
    }
    return VariableRole.REGULAR;
  }

  private static boolean contains(JsonNode array, String code) {
    for (JsonNode n : array) {
      if (code.equals(n.asText())) {
        return true;
      }
    }
    return false;
  }

  private static Variable variable(String code, JsonNode dim, VariableRole role) {
    JsonNode category = dim.path("category");
    JsonNode labels = category.path("label");
    JsonNode units = category.path("unit");
    // Positions come from the integer values of category.index, never from key order:
    // servers and proxies reorder keys.
    Map<Integer, String> byPosition = categoryPositions(category);
    List<Value> values = new ArrayList<>(byPosition.size());
    for (String valueCode : byPosition.values()) {
      JsonNode unit = units.path(valueCode);
      values.add(new Value(valueCode, labels.path(valueCode).asText(valueCode),
          unit.isObject() ? text(unit, "base") : null, unit.path("decimals").asInt(0)));
    }
    JsonNode extension = dim.path("extension");
    return new Variable(code, text(dim, "label"), role,
        extension.path("elimination").asBoolean(false),
        text(extension, "eliminationValueCode"), values, details(dim));
  }

  /** Reads a dimension's notes, value notes, codelists and Klass links. */
  private static VariableDetails details(JsonNode dim) {
    JsonNode extension = dim.path("extension");
    Set<Integer> mandatory = mandatoryPositions(extension.path("noteMandatory"));
    List<Note> notes = new ArrayList<>();
    int i = 0;
    for (JsonNode n : dim.path("note")) {
      notes.add(new Note(n.asText(), mandatory.contains(i++)));
    }
    Map<String, List<Note>> valueNotes = new LinkedHashMap<>();
    JsonNode categoryNotes = dim.path("category").path("note");
    for (Iterator<Map.Entry<String, JsonNode>> it = categoryNotes.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Set<Integer> m = mandatoryPositions(
          extension.path("categoryNoteMandatory").path(e.getKey()));
      List<Note> list = new ArrayList<>();
      int k = 0;
      for (JsonNode n : e.getValue()) {
        list.add(new Note(n.asText(), m.contains(k++)));
      }
      valueNotes.put(e.getKey(), list);
    }
    // The key was "codeLists" until 2025-10 and SSB's documents still show it.
    JsonNode lists = extension.has("codelists") ? extension.path("codelists")
        : extension.path("codeLists");
    List<Codelist> codelists = new ArrayList<>();
    for (JsonNode c : lists) {
      codelists.add(new Codelist(c.path("id").asText(), text(c, "label"), text(c, "type")));
    }
    List<String> klass = new ArrayList<>();
    for (JsonNode link : dim.path("link").path("describedby")) {
      for (JsonNode urns : link.path("extension")) {
        Matcher m = KLASS_URN.matcher(urns.asText());
        while (m.find()) {
          if (!klass.contains(m.group(1))) {
            klass.add(m.group(1));
          }
        }
      }
    }
    return new VariableDetails(notes, valueNotes, codelists, klass);
  }

  /** Reads {@code {"0": true, "2": true}}: the positions of mandatory notes. */
  private static Set<Integer> mandatoryPositions(JsonNode node) {
    Set<Integer> out = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().asBoolean(false)) {
        try {
          out.add(Integer.parseInt(e.getKey()));
        } catch (NumberFormatException ignored) {
          // Not a note position: nothing to mark.
        }
      }
    }
    return out;
  }

  /** Returns a dimension's value codes by position, from {@code category.index} in either JSON-stat form. */
  public static Map<Integer, String> categoryPositions(JsonNode category) {
    Map<Integer, String> byPosition = new TreeMap<>();
    JsonNode index = category.get("index");
    if (index != null && index.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = index.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        byPosition.put(e.getValue().asInt(), e.getKey());
      }
    } else if (index != null && index.isArray()) {
      int i = 0;
      for (JsonNode n : index) {
        byPosition.put(i++, n.asText());
      }
    } else {
      // JSON-stat allows a single-valued dimension with only a label.
      int i = 0;
      for (Iterator<String> it = category.path("label").fieldNames(); it.hasNext(); ) {
        byPosition.put(i++, it.next());
      }
    }
    return byPosition;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
