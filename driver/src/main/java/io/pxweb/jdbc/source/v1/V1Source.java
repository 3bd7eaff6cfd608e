package io.pxweb.jdbc.source.v1;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.pxweb.jdbc.http.BoundedInputStream;
import io.pxweb.jdbc.http.HttpService;
import io.pxweb.jdbc.http.HttpSettings;
import io.pxweb.jdbc.http.RateLimiter;
import io.pxweb.jdbc.json.JsonDocuments;
import io.pxweb.jdbc.jsonstat.JsonStatReader;
import io.pxweb.jdbc.model.CallBudget;
import io.pxweb.jdbc.model.Cube;
import io.pxweb.jdbc.model.DataRequest;
import io.pxweb.jdbc.model.MalformedDocumentException;
import io.pxweb.jdbc.model.Redaction;
import io.pxweb.jdbc.model.Selection;
import io.pxweb.jdbc.model.SourceDescription;
import io.pxweb.jdbc.model.TableEntry;
import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.source.StatbankSource;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * A PxWebApi v1 server as a statbank source: the navigation tree gives the tables, a table's
 * GET its metadata, a POST on it the cells (json-stat2, read by the same reader as v2's).
 *
 * <p>Everything below the source (pacing, retries, caches, cancel, error classification) is
 * the shared {@link HttpService}, addressed with the v1 URLs this class builds and classified
 * with v1's vocabulary ({@link V1Errors}). The language is a
 * path segment of the base URL; {@code lang} rewrites it.
 */
public final class V1Source implements StatbankSource {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  /** Most folder listings one table list reads; a larger tree needs a deeper base URL. */
  static final int MAX_LISTINGS = 5_000;
  /**
   * Names of the content variable at servers that follow the convention: ContentsCode in
   * PxWeb's own databases, localised names (Tabellinnehåll, Tiedot) at Sweden and Finland.
   */
  private static final Set<String> CONTENT_NAMES = Set.of("contentscode", "tabellinnehåll",
      "tiedot", "statistikkvariabel", "innihald", "indhold", "contents", "sisältö");

  private final HttpService http;
  private final HttpSettings settings;
  private final List<String> prefix;
  private final String urlLanguage;
  private final List<String> below;
  private final ServerCatalogue.Server known;
  private final Set<String> subjects;
  /** The top-level listing by language: read once (it is what a connection opens with). */
  private final Map<String, List<V1Node>> top = new ConcurrentHashMap<>();
  /** Tables of the subjects read so far, by language and subject ("" for the top level). */
  private final Map<String, List<TableEntry>> walked = new ConcurrentHashMap<>();

  /**
   * Creates the source of a v1 base URL.
   *
   * @param baseUrl the URL of the language level, a database or a folder, e.g.
   *     {@code https://pxdata.stat.fi/PXWeb/api/v1/en/StatFin}
   * @param subjects top-level folders to read (lowercase ids), or empty for all
   */
  public V1Source(String baseUrl, HttpSettings settings, Set<String> subjects)
      throws SQLException {
    String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    HttpUrl url = HttpUrl.parse(trimmed);
    if (url == null) {
      throw new SQLException("Malformed server URL: " + Redaction.redact(baseUrl),
          "08001");
    }
    List<String> segments = new ArrayList<>(url.pathSegments());
    segments.removeIf(String::isEmpty);
    int lang = languageSegment(segments);
    if (lang < 0) {
      throw new SQLException("Cannot tell the language segment of the PxWebApi v1 URL "
          + Redaction.redact(baseUrl) + ": expected .../v1/<lang>/...", "08001");
    }
    this.prefix = List.copyOf(segments.subList(0, lang));
    this.urlLanguage = segments.get(lang);
    this.below = List.copyOf(segments.subList(lang + 1, segments.size()));
    this.settings = settings;
    this.http = new HttpService(url, settings, V1Errors.VOCABULARY, "application/json");
    this.known = ServerCatalogue.standard().forUrl(trimmed).orElse(null);
    this.subjects = Set.copyOf(subjects);
  }

  /**
   * Returns the index of the language segment: the first two- or three-letter segment after
   * {@code v0}/{@code v1} (Statistics Sweden has {@code /v1/doris/en/ssd}), else the one right
   * after it, else the first two- or three-letter segment; -1 when there is none.
   */
  static int languageSegment(List<String> segments) {
    for (int i = 0; i + 1 < segments.size(); i++) {
      if (segments.get(i).matches("(?i)v[01]")) {
        for (int j = i + 1; j < segments.size(); j++) {
          if (segments.get(j).matches("[a-z]{2,3}")) {
            return j;
          }
        }
        return i + 1;
      }
    }
    for (int i = 0; i < segments.size(); i++) {
      if (segments.get(i).matches("[a-z]{2,3}")) {
        return i;
      }
    }
    return -1;
  }

  @Override public String location() {
    return http.location();
  }

  /** The server and identity, and the subjects read: a list of some subjects is not all. */
  @Override public String cacheScope() {
    return subjects.isEmpty() ? http.cacheScope()
        : http.cacheScope() + " subjects=" + new TreeSet<>(subjects);
  }

  /**
   * Builds a URL in a language below the base: the base's path with the language replaced.
   * The ids below it come from the server (listings, search hits): "." and ".." are refused,
   * since OkHttp would resolve them and the request would leave the base path.
   *
   * @throws SQLException 42S02 for an id "." or ".."
   */
  String url(String lang, List<String> more) throws SQLException {
    for (String id : more) {
      HttpService.pathSegment(id, "table or folder");
    }
    HttpUrl base = HttpUrl.parse(http.location());
    HttpUrl.Builder b = base.newBuilder();
    for (int i = base.pathSize() - 1; i >= 0; i--) {
      b.removePathSegment(i);
    }
    String l = lang == null ? urlLanguage : lang;
    for (String s : prefix) {
      // Iceland names the application by the language (pxis, pxen).
      b.addPathSegment(s.equals("px" + urlLanguage) ? "px" + l : s);
    }
    b.addPathSegment(l);
    below.forEach(b::addPathSegment);
    more.forEach(b::addPathSegment);
    return b.build().toString();
  }

  /**
   * Reads the limits from {@code ?config} where the server answers it, else the catalogue's,
   * and paces calls by them.
   */
  @Override public SourceDescription config() throws SQLException {
    V1Limits limits;
    try {
      limits = V1Documents.limits(document(url(null, List.of()) + "?config", "configuration"));
    } catch (SQLException e) {
      String state = String.valueOf(e.getSQLState());
      if (state.equals("08001") || state.equals("08004") || state.equals("08006")
          || state.equals("57014") || state.startsWith("HYT")) {
        throw e;
      }
      // No ?config at this server or level (404 page, empty 200): the catalogue's figures.
      limits = V1Limits.UNKNOWN;
    }
    V1Limits effective = known == null ? limits : limits.orElse(known.limits());
    if (effective.maxCalls() > 0 && effective.timeWindowSeconds() > 0) {
      http.rateLimiter().configure(effective.maxCalls(),
          Duration.ofSeconds(effective.timeWindowSeconds()), RateLimiter.Source.CONFIG);
    }
    List<String> languages = known == null ? List.of() : known.languages();
    return new SourceDescription("PxWebApi v1", languages, urlLanguage, effective.cellLimit(),
        effective.maxCalls(), effective.timeWindowSeconds(), List.of("json-stat2"));
  }

  /** The tree is read folder by folder: connections read only what they are asked for. */
  @Override public boolean listsByFolder() {
    return true;
  }

  private String lang(String lang) {
    return lang == null ? urlLanguage : lang;
  }

  private V1Names names(String lang) {
    return V1Names.of(cacheScope() + " " + lang(lang));
  }

  /** Returns the top-level listing: one request, once per source and language. */
  private List<V1Node> top(String lang) throws SQLException {
    String l = lang(lang);
    List<V1Node> t = top.get(l);
    if (t == null) {
      t = listing(l, List.of());
      top.put(l, t);
    }
    return t;
  }

  private boolean isSubject(V1Node n) {
    return (n.type() == V1Node.Type.FOLDER || n.type() == V1Node.Type.DATABASE) && addressable(n)
        && (subjects.isEmpty() || subjects.contains(n.id().toLowerCase(Locale.ROOT)));
  }

  /** The folders (or databases) of the top-level listing: one request. */
  @Override public List<TableEntry.Folder> subjects(String lang, int pageSize)
      throws SQLException {
    return top(lang).stream().filter(this::isSubject)
        .map(n -> new TableEntry.Folder(n.id(), n.text())).toList();
  }

  /** Walks one subject's folders (one listing each), or takes the top-level tables (none). */
  @Override public List<TableEntry> subjectTables(String subject, String lang, int pageSize)
      throws SQLException {
    return subjectTables(subject, lang, new int[] {0});
  }

  private List<TableEntry> subjectTables(String subject, String lang, int[] listings)
      throws SQLException {
    String l = lang(lang);
    String key = l + "/" + (subject == null ? "" : subject);
    List<TableEntry> done = walked.get(key);
    if (done != null) {
      return done;
    }
    List<Found> found = new ArrayList<>();
    for (V1Node n : top(l)) {
      if (subject == null && n.type() == V1Node.Type.TABLE && addressable(n)) {
        found.add(new Found(n, null));
      } else if (subject != null && isSubject(n) && n.id().equals(subject)) {
        walk(l, n, found, listings);
      }
    }
    Map<String, List<Found>> byName = new LinkedHashMap<>();
    V1Names names = names(l);
    for (Found f : found) {
      List<String> path = new ArrayList<>(f.segments());
      path.add(f.node.id());
      byName.computeIfAbsent(names.name(path, f.node.text()), k -> new ArrayList<>()).add(f);
    }
    List<TableEntry> entries = new ArrayList<>();
    byName.forEach((name, same) -> entries.add(entry(name, same.get(0).node,
        same.stream().map(Found::folders).toList())));
    done = List.copyOf(entries);
    walked.put(key, done);
    return done;
  }

  private static TableEntry entry(String name, V1Node node, List<List<TableEntry.Folder>> paths) {
    return new TableEntry(name, node.text(), null, node.updated(), null, null, null, List.of(),
        paths, null, false);
  }

  /**
   * Walks the whole navigation tree below the base URL (the subjects not walked yet): one
   * listing per folder, cached on disk like metadata, at most {@value #MAX_LISTINGS}. A table
   * in several subjects is one entry with all its paths; names are {@link V1Names}'.
   */
  @Override public List<TableEntry> tables(String lang, int pageSize) throws SQLException {
    int[] listings = {1};
    Map<String, TableEntry> byName = new LinkedHashMap<>();
    List<TableEntry> all = new ArrayList<>(subjectTables(null, lang, listings));
    for (TableEntry.Folder s : subjects(lang, pageSize)) {
      all.addAll(subjectTables(s.id(), lang, listings));
    }
    for (TableEntry t : all) {
      byName.merge(t.id(), t, (a, b) -> {
        List<List<TableEntry.Folder>> paths = new ArrayList<>(a.paths());
        paths.addAll(b.paths());
        return entry(a.id(), new V1Node(a.id(), V1Node.Type.TABLE, a.label(), a.updated()),
            paths);
      });
    }
    return List.copyOf(byName.values());
  }

  /**
   * Finds a table by name without walking the whole tree where the server can search: the
   * top-level tables (the listing read at connect), the subjects walked already, then the
   * subjects where the server's index ({@code ?query=<id>} below the base) has a table of that
   * id, in the server's order. The other subjects are walked only when those do not hold it
   * (an index that does not know ids, a server without search: Statistics Sweden and Iceland
   * answer 400 "Search not activated"), one by one until it is found.
   */
  @Override public TableEntry table(String name, String lang, int pageSize) throws SQLException {
    String l = lang(lang);
    int[] listings = {0};
    TableEntry t = StatbankSource.named(subjectTables(null, l, listings), name);
    if (t != null) {
      return t;
    }
    List<String> order = new ArrayList<>();
    subjects(l, pageSize).forEach(s -> order.add(s.id()));
    List<String> first = new ArrayList<>();
    order.stream().filter(s -> walked.containsKey(l + "/" + s)).forEach(first::add);
    for (String s : first) {
      t = StatbankSource.named(subjectTables(s, l, listings), name);
      if (t != null) {
        return t;
      }
    }
    List<JsonNode> hits = searchHits(name, l, order);
    if (hits != null && !hits.isEmpty() && name.indexOf('/') < 0 && hits.stream()
        .map(h -> h.path("title").asText("")).distinct().count() == 1) {
      // Every table of that id has one title: one table (in one or several folders), which
      // a walk would name by its id too. Named from the hits, no folder read (unless the id
      // was given to another table already).
      t = fromHits(hits, l);
      if (t.id().equalsIgnoreCase(name)) {
        return t;
      }
    }
    if (hits != null) {
      hits.stream().map(h -> hitPath(h).get(0)).distinct().filter(s -> !first.contains(s))
          .forEach(first::add);
    }
    order.stream().filter(s -> !first.contains(s)).forEach(first::add);
    for (String s : first) {
      t = StatbankSource.named(subjectTables(s, l, listings), name);
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  /**
   * Returns the hits of the server's index for the id of a name (its last segment: clash names
   * are {@code <folder>/<id>}) that are tables of that id in this connection's subjects, in the
   * server's order of subjects; null when the server cannot search here.
   */
  private List<JsonNode> searchHits(String name, String lang, List<String> order)
      throws SQLException {
    String id = name.substring(name.lastIndexOf('/') + 1);
    JsonNode hits = below.isEmpty() ? null : search(luceneTerm(id), lang);
    if (hits == null) {
      return null;
    }
    List<JsonNode> out = new ArrayList<>();
    for (String subject : order) {
      for (JsonNode h : hits) {
        List<String> path = hitPath(h);
        if (path.size() > 1 && path.get(0).equals(subject)
            && path.get(path.size() - 1).equalsIgnoreCase(id)) {
          out.add(h);
        }
      }
    }
    return out;
  }

  /** Names the table of search hits that all have one title: every path is that table's. */
  private TableEntry fromHits(List<JsonNode> hits, String lang) throws SQLException {
    V1Names names = names(lang);
    Map<String, String> labels = new HashMap<>();
    subjects(lang, 0).forEach(f -> labels.put(f.id(), f.label()));
    String name = null;
    List<List<TableEntry.Folder>> paths = new ArrayList<>();
    String title = hits.get(0).path("title").asText("");
    for (JsonNode h : hits) {
      List<String> path = hitPath(h);
      String n = names.name(path, title);
      name = name == null ? n : name;
      List<TableEntry.Folder> folders = new ArrayList<>();
      for (String f : path.subList(0, path.size() - 1)) {
        // The hit names only the folders' ids; a subject's label is in the top listing.
        folders.add(new TableEntry.Folder(f, folders.isEmpty() ? labels.getOrDefault(f, f) : f));
      }
      paths.add(folders);
    }
    String id = hitPath(hits.get(0)).get(hitPath(hits.get(0)).size() - 1);
    return entry(name, new V1Node(id, V1Node.Type.TABLE, title, null), paths);
  }

  /** Returns a term that matches the text literally in Lucene's query syntax. */
  static String luceneTerm(String text) {
    StringBuilder b = new StringBuilder();
    for (char c : text.toCharArray()) {
      if ("+-&|!(){}[]^\"~*?:\\/".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  /** Returns a search hit's path below the base: its folders, then its id. */
  private static List<String> hitPath(JsonNode hit) {
    List<String> path = new ArrayList<>();
    for (String segment : hit.path("path").asText("").split("/")) {
      if (!segment.isEmpty()) {
        path.add(segment);
      }
    }
    path.add(hit.path("id").asText(""));
    return path;
  }

  /**
   * Asks the server's index ({@code ?query=} below the base URL, Lucene syntax passed through);
   * null when the server has no search here (400 "Search not activated", an HTML page).
   */
  private JsonNode search(String query, String lang) throws SQLException {
    String u = HttpUrl.get(url(lang, List.of())).newBuilder().addQueryParameter("query", query)
        .build().toString();
    try {
      JsonNode hits = document(u, "search for '" + query + "'");
      return hits.isArray() ? hits : null;
    } catch (SQLException e) {
      String state = String.valueOf(e.getSQLState());
      if (state.equals("42000") || state.equals("22023") || state.equals("08P01")) {
        return null;
      }
      throw e;
    }
  }

  /**
   * Finds tables with the server's own index, matched to names by their paths: only the
   * subjects that hold hits are walked (once). A server without search (Statistics Sweden and
   * Iceland answer 400 "Search not activated") and a base URL above the databases are
   * searched in the whole table list instead, as PX folders are.
   */
  @Override public List<TableEntry> findTables(String query, Integer pastDays,
      boolean includeDiscontinued, String lang, int pageSize) throws SQLException {
    JsonNode hits = query == null || query.isBlank() || below.isEmpty() ? null
        : search(query, lang);
    if (hits == null) {
      return StatbankSource.search(tables(lang, pageSize), query, pastDays);
    }
    V1Names names = names(lang);
    Map<String, TableEntry> found = new LinkedHashMap<>();
    int[] listings = {0};
    for (JsonNode hit : hits) {
      List<String> path = hitPath(hit);
      String subject = path.size() > 1 ? path.get(0) : null;
      if (subject != null && !subjects.isEmpty()
          && !subjects.contains(subject.toLowerCase(Locale.ROOT))) {
        continue;
      }
      List<TableEntry> listed = subjectTables(subject, lang, listings);
      String name = names.nameAt(path);
      TableEntry t = name == null ? null : StatbankSource.named(listed, name);
      if (t != null) {
        found.putIfAbsent(t.id(), t);
      }
    }
    return StatbankSource.search(List.copyOf(found.values()), null, pastDays);
  }

  /** A table met on the walk, in its folder (null at the top level). */
  private record Found(V1Node node, Level folder) {
    List<String> segments() {
      return folder == null ? List.of() : folder.segments();
    }

    List<TableEntry.Folder> folders() {
      return folder == null ? List.of() : folder.folders();
    }
  }

  /**
   * A folder met on the walk, linked to its parent: a deep tree shares its paths' prefixes
   * instead of copying them per level, so what the walk holds grows with the entries listed,
   * not with their depth.
   */
  private record Level(Level parent, TableEntry.Folder folder, int depth) {
    Level(Level parent, V1Node node) {
      this(parent, new TableEntry.Folder(node.id(), node.text()),
          parent == null ? 1 : parent.depth + 1);
    }

    List<String> segments() {
      String[] out = new String[depth];
      for (Level l = this; l != null; l = l.parent) {
        out[l.depth - 1] = l.folder.id();
      }
      return List.of(out);
    }

    List<TableEntry.Folder> folders() {
      TableEntry.Folder[] out = new TableEntry.Folder[depth];
      for (Level l = this; l != null; l = l.parent) {
        out[l.depth - 1] = l.folder;
      }
      return List.of(out);
    }
  }

  /** Returns whether an entry can be a path segment: "." and ".." would leave its folder. */
  private static boolean addressable(V1Node n) {
    return !n.id().equals(".") && !n.id().equals("..");
  }

  /**
   * Walks a subject's folders depth first, in the server's order, with a stack rather than
   * recursion: a hostile tree (a chain 6,000 folders deep, a folder listing itself) ends at the
   * listing limit, never at the thread's stack. Every path is listed once: paths below distinct
   * folders differ, and a folder that a listing names twice is visited once (a listing naming
   * its folders ten times would otherwise multiply the walk by ten per level). Entries "." and
   * ".." are skipped: OkHttp would resolve them, so the walk would list the same folder again
   * or leave the base URL.
   */
  private void walk(String lang, V1Node subject, List<Found> found, int[] listings)
      throws SQLException {
    Deque<Object> pending = new ArrayDeque<>();
    pending.push(new Level(null, subject));
    while (!pending.isEmpty()) {
      Object next = pending.pop();
      if (next instanceof Found f) {
        found.add(f);
        continue;
      }
      Level level = (Level) next;
      if (++listings[0] > MAX_LISTINGS) {
        throw new SQLException("The navigation tree of " + location() + " has more than "
            + MAX_LISTINGS + " folders; connect to a folder below it (a longer base URL) or name"
            + " the top-level folders wanted in the subjects property", "54000");
      }
      List<V1Node> entries = listing(lang, level.segments());
      Set<String> visited = new HashSet<>();
      List<Object> children = new ArrayList<>();
      for (V1Node n : entries) {
        if (!addressable(n)) {
          continue;
        }
        if (n.type() == V1Node.Type.TABLE) {
          children.add(new Found(n, level));
        } else if ((n.type() == V1Node.Type.FOLDER || n.type() == V1Node.Type.DATABASE)
            && visited.add(n.id())) {
          children.add(new Level(level, n));
        }
      }
      for (int i = children.size() - 1; i >= 0; i--) {
        pending.push(children.get(i));
      }
    }
  }

  private List<V1Node> listing(String lang, List<String> segments) throws SQLException {
    String u = url(lang, segments);
    try {
      return V1Documents.listing(document(u, "listing"));
    } catch (MalformedDocumentException e) {
      throw http.errors().fromMalformed(e.getMessage(), "GET", u);
    }
  }

  /** Returns a table's path below the base; finds the table when no connection named it yet. */
  private List<String> path(String tableId, String lang) throws SQLException {
    V1Names names = names(lang);
    List<String> p = names.path(tableId);
    if (p == null) {
      TableEntry t = table(tableId, lang, 0);
      p = t == null ? null : names.path(t.id());
    }
    if (p == null) {
      throw new SQLException("No table '" + tableId + "' in the navigation tree of "
          + location(), "42S02");
    }
    return p;
  }

  /**
   * Reads a table's metadata, then sends one small data request (every content value, one
   * value of each other variable) for what v1 metadata lacks: which variable is the content
   * (role.metric), the units and decimals of its values, and the values of any variable the
   * metadata left out for being longer than the server's maxValues.
   */
  @Override public TableMetadata metadata(String tableId, String lang) throws SQLException {
    String u = url(lang, path(tableId, lang));
    V1Table table;
    try {
      table = V1Documents.table(document(u, "metadata of table " + tableId));
    } catch (MalformedDocumentException e) {
      throw http.errors().fromMalformed(e.getMessage(), "GET", u);
    }
    String content = contentByName(table);
    JsonNode probe = probe(u, table, content);
    V1Documents.Contents contents = V1Documents.contents(probe);
    if (contents != null && !contents.variable().equals(content)
        && variable(table, contents.variable()) != null) {
      // The name misled: ask again with every value of the variable the server calls metric.
      content = contents.variable();
      probe = probe(u, table, content);
      contents = V1Documents.contents(probe);
    }
    return V1Metadata.of(tableId, table, content, contents, probe);
  }

  private static V1Table.V1Variable variable(V1Table t, String code) {
    return t.variables().stream().filter(v -> v.code().equals(code)).findFirst().orElse(null);
  }

  /** Returns the content variable by its conventional name, or null. */
  static String contentByName(V1Table t) {
    for (V1Table.V1Variable v : t.variables()) {
      if (!v.time() && (CONTENT_NAMES.contains(v.code().toLowerCase(Locale.ROOT))
          || CONTENT_NAMES.contains(String.valueOf(v.text()).toLowerCase(Locale.ROOT)))) {
        return v.code();
      }
    }
    return null;
  }

  private JsonNode probe(String url, V1Table table, String content) throws SQLException {
    String body = query(table.variables(), V1Table.V1Variable::code, (v, g) -> {
      if (v.code().equals(content) || v.values().isEmpty()) {
        selection(g, "all", List.of("*"));
      } else if (v.time()) {
        selection(g, "top", List.of("1"));
      } else {
        selection(g, "item", List.of(v.values().get(0)));
      }
    });
    Request r = new Request.Builder().url(HttpUrl.get(url))
        .post(RequestBody.create(body, JSON)).build();
    String what = "units of a table";
    return http.execute(r, what, CallBudget.current(), in -> JsonDocuments.parse(
        new BoundedInputStream(in, http.documentLimit(), what), what));
  }

  /** GETs a document (object or array), from the disk cache when it holds one. */
  private JsonNode document(String url, String what) throws SQLException {
    return http.document(HttpUrl.get(url), what, in -> JsonDocuments.parse(in, what, true));
  }

  /** Sends every variable's selection (never one left out: elimination differs by server). */
  @Override public Cube data(DataRequest request, String lang, CallBudget budget)
      throws SQLException {
    String u = url(lang, path(request.tableId(), lang));
    Map<String, Integer> requested = new HashMap<>();
    request.selections().forEach(s -> requested.put(s.variable(), s.size()));
    Request r = new Request.Builder().url(HttpUrl.get(u))
        .post(RequestBody.create(body(request), JSON)).build();
    return http.data(r, "data of table " + request.tableId(), budget,
        in -> JsonStatReader.read(in, requested));
  }

  /** Returns the exact POST body of a data request. */
  static String body(DataRequest request) {
    return query(request.selections(), Selection::variable, (s, g) -> {
      if (s.all()) {
        selection(g, "all", List.of("*"));
      } else if (s.latest()) {
        selection(g, "top", List.of(Integer.toString(s.size())));
      } else {
        selection(g, "item", s.codes());
      }
    });
  }

  /** One variable's part of a query body: its filter and values. */
  private interface SelectionWriter<T> {
    void write(T variable, JsonGenerator g) throws IOException;
  }

  /**
   * Writes v1's query body, {@code {"query":[{"code":..,"selection":{..}}],"response":
   * {"format":"json-stat2"}}}, each variable named by {@code code} with its selection written by
   * {@code selection}.
   */
  private static <T> String query(List<T> variables, Function<T, String> code,
      SelectionWriter<T> selection) {
    return JsonDocuments.body(g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("query");
      for (T v : variables) {
        g.writeStartObject();
        g.writeStringField("code", code.apply(v));
        g.writeObjectFieldStart("selection");
        selection.write(v, g);
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("response");
      g.writeStringField("format", "json-stat2");
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  private static void selection(JsonGenerator g, String filter, List<String> values)
      throws IOException {
    g.writeStringField("filter", filter);
    g.writeArrayFieldStart("values");
    for (String value : values) {
      g.writeString(value);
    }
    g.writeEndArray();
  }
}
