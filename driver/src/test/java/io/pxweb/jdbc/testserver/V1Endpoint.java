package io.pxweb.jdbc.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one transformer of a {@link V1TestServer}: walks the path (language, database, folders,
 * table) and answers listings, metadata, {@code ?config}, search and data as PxWebApi v1 does
 * (as PxWeb's v1 API serves them: statisticssweden/PxWeb, and docs/pxwebapi-v1.md).
 */
final class V1Endpoint implements ResponseDefinitionTransformerV2 {
  static final String NAME = "pxweb-v1";
  private static final String JSON = "application/json; charset=utf-8";
  /** The formats v1 knows (SRC WebSerializerSwitch); this server writes only json-stat2. */
  private static final Set<String> FORMATS = Set.of("px", "csv", "csv2", "csv3", "json",
      "json-stat", "json-stat2", "xlsx", "sdmx");

  private final V1Settings settings;
  private final DatasetWriter writer = new DatasetWriter(true);

  V1Endpoint(V1Settings settings) {
    this.settings = settings;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  /** A v1 error answer. */
  private static final class V1Error extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    V1Error(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }

    static V1Error parameter() {
      return new V1Error(400, "Parameter error");
    }

    static V1Error variable(String code) {
      return new V1Error(400, "The request for variable '" + code
          + "' has an error. Please check your query.");
    }
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    Request request = event.getRequest();
    RateLimitRule limit = settings.rateLimit();
    if (limit != null) {
      long wait = limit.admit();
      if (wait > 0) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(429)
            .withHeader("Content-Type", "application/json")
            .withHeader("Retry-After", Integer.toString(settings.timeWindow()))
            .withBody("{\"error\":\"429 - Too many requests in too short timeframe. Please try"
                + " again later.\"}")
            .build();
      }
    }
    try {
      return handle(request);
    } catch (V1Error e) {
      ObjectNode body = Json.object();
      body.put("error", e.getMessage());
      return ResponseDefinitionBuilder.responseDefinition().withStatus(e.status)
          .withHeader("Content-Type", "application/json").withBody(Json.write(body)).build();
    }
  }

  private ResponseDefinition handle(Request request) {
    String url = request.getUrl();
    int q = url.indexOf('?');
    String path = q < 0 ? url : url.substring(0, q);
    Map<String, String> query = query(q < 0 ? "" : url.substring(q + 1));
    List<String> segments = new ArrayList<>();
    for (String s : path.substring(settings.prefix().length()).split("/")) {
      if (!s.isEmpty()) {
        segments.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
      }
    }
    if (segments.isEmpty()) {
      // Above the handler route (PxWeb serves the API below /api/v1/<lang>): 404 HTML, or
      // an empty 200 for ?config.
      return query.containsKey("config") ? ok("", "text/html") : notFound();
    }
    if (query.containsKey("config")) {
      if (!settings.config()) {
        return notFound();
      }
      ObjectNode c = Json.object();
      c.put("maxValues", settings.maxValues());
      c.put("maxCells", settings.maxCells());
      c.put("maxCalls", settings.maxCalls());
      c.put("timeWindow", settings.timeWindow());
      c.put("CORS", true);
      return ok(Json.write(c), JSON);
    }
    if (!settings.languages().contains(segments.get(0))) {
      throw V1Error.parameter();
    }
    boolean post = request.getMethod().getName().equals("POST");
    if (segments.size() == 1) {
      if (post) {
        throw V1Error.parameter();
      }
      ArrayNode dbs = Json.array();
      dbs.addObject().put("dbid", settings.tree().database).put("text", settings.tree().root.text);
      return ok(Json.write(dbs), JSON);
    }
    if (!segments.get(1).equals(settings.tree().database)) {
      throw V1Error.parameter();
    }
    V1Tree.Folder folder = settings.tree().root;
    for (int i = 2; i < segments.size(); i++) {
      String s = segments.get(i);
      V1Tree.Folder sub = folder.folders.get(s);
      if (sub != null) {
        folder = sub;
        continue;
      }
      TestTable table = folder.tables.get(s);
      if (table == null || i != segments.size() - 1) {
        throw V1Error.parameter();
      }
      return post ? data(table, request) : ok(Json.write(metadata(table)), JSON);
    }
    if (post) {
      throw V1Error.parameter();
    }
    if (query.containsKey("query")) {
      return ok(Json.write(search(folder, query.get("query"))), JSON);
    }
    return ok(Json.write(listing(folder)), JSON);
  }

  private static ArrayNode listing(V1Tree.Folder folder) {
    ArrayNode out = Json.array();
    folder.folders.values().forEach(f -> out.addObject().put("id", f.id).put("type", "l")
        .put("text", f.text));
    folder.tables.forEach((name, t) -> {
      ObjectNode n = out.addObject().put("id", name).put("type", "t").put("text", t.label());
      String updated = t.entryView().path("updated").asText(null);
      if (updated != null) {
        // Listings give local time without a zone (what Statistics Sweden's v1 listings send).
        n.put("updated", updated.replaceFirst("(\\.\\d+)?Z$", ""));
      }
    });
    return out;
  }

  /**
   * {@code ?query=}: every word in the title, or the table's id (backslash escapes of Lucene's
   * syntax removed), ignoring case; paths relative to the folder.
   */
  private static ArrayNode search(V1Tree.Folder folder, String text) {
    ArrayNode out = Json.array();
    String[] words = text.toLowerCase(Locale.ROOT).split("\\s+");
    searchInto(folder, "/", words, out);
    return out;
  }

  private static void searchInto(V1Tree.Folder folder, String path, String[] words,
      ArrayNode out) {
    folder.tables.forEach((name, t) -> {
      String title = t.label().toLowerCase(Locale.ROOT);
      boolean all = true;
      for (String w : words) {
        all &= w.equals("*") || title.contains(w.replace("*", ""))
            || name.equalsIgnoreCase(w.replace("\\", ""));
      }
      if (all) {
        out.addObject().put("id", name).put("path", path).put("title", t.label())
            .put("score", 1.0).put("published", t.entryView().path("updated").asText(""));
      }
    });
    folder.folders.values().forEach(f -> searchInto(f, path + f.id + "/", words, out));
  }

  private static ObjectNode metadata(TestTable table) {
    ObjectNode m = Json.object();
    m.put("title", table.label());
    ArrayNode vars = m.putArray("variables");
    for (TestVariable v : table.variables()) {
      ObjectNode n = vars.addObject();
      n.put("code", v.code());
      n.put("text", v.label());
      ArrayNode values = n.putArray("values");
      ArrayNode texts = n.putArray("valueTexts");
      v.valueCodes().forEach(values::add);
      v.valueLabels().forEach(texts::add);
      // Flags are omitted when false (DefaultValueHandling.Ignore).
      if (v.elimination()) {
        n.put("elimination", true);
      }
      if (v.isTime()) {
        n.put("time", true);
      }
    }
    return m;
  }

  private ResponseDefinition data(TestTable table, Request request) {
    JsonNode body;
    try {
      body = Json.parse(request.getBodyAsString());
    } catch (IOException | RuntimeException e) {
      throw V1Error.parameter();
    }
    String format = body.path("response").path("format").asText("px").toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(format)) {
      throw V1Error.parameter();
    }
    if (!format.equals("json-stat2")) {
      throw new V1Error(400, "This test server writes only json-stat2, not " + format);
    }
    Map<TestVariable, BitSet> selected = new LinkedHashMap<>();
    JsonNode items = body.path("query");
    if (!items.isArray()) {
      throw V1Error.parameter();
    }
    for (JsonNode item : items) {
      String code = item.path("code").asText();
      TestVariable v = table.variables().stream().filter(x -> x.code().equals(code))
          .findFirst().orElseThrow(V1Error::parameter);
      selected.put(v, select(v, item.path("selection")));
    }
    long cells = 1;
    for (TestVariable v : table.variables()) {
      BitSet bits = selected.get(v);
      if (bits == null) {
        // Omitted: eliminated when it may be, else every value (PxWeb v1's elimination rule).
        bits = new BitSet();
        if (!v.elimination()) {
          bits.set(0, v.size());
        }
        selected.put(v, bits);
      } else if (bits.isEmpty() && !v.elimination()) {
        throw V1Error.parameter();
      }
      cells *= Math.max(1, bits.cardinality());
    }
    if (cells > settings.maxCells()) {
      throw new V1Error(403, "Too many values selected");
    }
    ObjectNode v2 = Json.object();
    ArrayNode selection = v2.putArray("selection");
    selected.forEach((v, bits) -> {
      if (!bits.isEmpty()) {
        ArrayNode codes = selection.addObject().put("variableCode", v.code())
            .putArray("valueCodes");
        bits.stream().forEach(i -> codes.add(v.valueCodes().get(i)));
      }
    });
    ResolvedSelection resolved = ResolvedSelection.resolve(table,
        RequestedSelection.fromBody(Json.write(v2)), Integer.MAX_VALUE);
    return ok(Json.write(writer.write(resolved)), JSON);
  }

  private static BitSet select(TestVariable v, JsonNode selection) {
    String filter = selection.path("filter").asText("item");
    List<String> values = new ArrayList<>();
    selection.path("values").forEach(x -> values.add(x.asText()));
    BitSet bits = new BitSet();
    String f = filter.toLowerCase(Locale.ROOT);
    if (f.equals("all")) {
      for (String pattern : values) {
        if (!pattern.startsWith("*") && !pattern.endsWith("*")) {
          throw V1Error.parameter();
        }
        String core = pattern.replaceAll("^\\*|\\*$", "");
        for (int i = 0; i < v.size(); i++) {
          String c = v.valueCodes().get(i);
          if (pattern.equals("*") || (pattern.endsWith("*") && c.startsWith(core))
              || (pattern.startsWith("*") && c.endsWith(core))) {
            bits.set(i);
          }
        }
      }
    } else if (f.equals("top")) {
      int n;
      try {
        n = values.size() == 1 ? Integer.parseInt(values.get(0)) : 0;
      } catch (NumberFormatException e) {
        n = 0;
      }
      if (n < 1) {
        throw V1Error.parameter();
      }
      int count = Math.min(n, v.size());
      if (v.isTime()) {
        bits.set(v.size() - count, v.size());
      } else {
        bits.set(0, count);
      }
    } else if (f.startsWith("agg:") || f.startsWith("vs:") || f.startsWith("agg_")) {
      // No groupings or value sets in the test database.
      throw V1Error.variable(v.code());
    } else {
      // "item", and any unrecognised filter (SRC "Assume item").
      for (String code : values) {
        int p = v.valueCodes().indexOf(code);
        if (p < 0) {
          throw V1Error.variable(v.code());
        }
        bits.set(p);
      }
    }
    return bits;
  }

  private static Map<String, String> query(String q) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : q.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static ResponseDefinition ok(String body, String type) {
    return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
        .withHeader("Content-Type", type).withBody(body).build();
  }

  private static ResponseDefinition notFound() {
    return ResponseDefinitionBuilder.responseDefinition().withStatus(404)
        .withHeader("Content-Type", "text/html")
        .withBody("<html><body><h2>404 - File or directory not found.</h2></body></html>").build();
  }
}
