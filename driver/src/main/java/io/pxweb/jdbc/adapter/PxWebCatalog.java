package io.pxweb.jdbc.adapter;

import static java.util.Objects.requireNonNull;

import io.pxweb.jdbc.model.SourceDescription;
import io.pxweb.jdbc.model.TableEntry;
import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.source.StatbankSource;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one connection knows of its source: the configuration read when the connection opens,
 * the table list, and each table's metadata, fetched the first time a statement uses the table
 * and kept for the life of the connection.
 *
 * <p>Sources that list every table in one go (PxWebApi 2.0, PX folders) give their whole list
 * when the connection opens. Sources that list folder by folder (PxWebApi v1's navigation
 * tree, {@link StatbankSource#listsByFolder()}) give only their top-level subjects then; a
 * subject's tables are read when they are asked for, a table named in a statement is found by
 * itself, and the whole list is read only when all of it is asked for. Every part read is kept
 * for the connection and shared with the JVM's other connections for the time to live.
 */
public final class PxWebCatalog {
  private final StatbankSource source;
  private final SourceDescription config;
  private final String language;
  private volatile int maxDataCells;
  /** The whole list in scope, read at open; null for a source that lists by folder. */
  private final List<TableEntry> eager;
  private final List<TableEntry.Folder> subjects;
  private final Scope scope;
  private volatile List<TableEntry> all;
  private final Map<String, List<TableEntry>> bySubject = new ConcurrentHashMap<>();
  private final Map<String, TableEntry> byName = new ConcurrentHashMap<>();
  private final Map<String, TableMetadata> metadata = new ConcurrentHashMap<>();
  private final PrintStream progress;
  private final int pageSize;
  private final CatalogCache cache;
  private final Duration ttl;

  private PxWebCatalog(StatbankSource source, SourceDescription config, String language,
      int maxDataCells, List<TableEntry> eager, List<TableEntry.Folder> subjects, Scope scope,
      PrintStream progress, CatalogCache cache, Duration ttl, int pageSize) {
    this.progress = progress;
    this.pageSize = pageSize;
    this.cache = cache;
    this.ttl = ttl;
    this.source = source;
    this.config = config;
    this.language = language;
    this.maxDataCells = maxDataCells;
    this.eager = eager == null ? null : List.copyOf(eager);
    this.all = this.eager;
    this.subjects = List.copyOf(subjects);
    this.scope = scope;
  }

  /**
   * Opens a catalog: reads the configuration, and the whole table list or, from a source that
   * lists by folder, its top-level subjects; nothing else.
   *
   * @param requestedLanguage the {@code lang} property, or null for the server's default
   * @param maxDataCellsOverride the {@code maxDataCells} property, or null for the server's
   * @param pageSize page size for reading the table list
   * @param progress where to report the progress of multi-request queries, or null
   * @param ttl how long metadata read by any connection of the JVM stays usable; zero for
   *     this connection only
   * @param scope the tables this connection shows
   */
  public static PxWebCatalog open(StatbankSource source, String requestedLanguage,
      Integer maxDataCellsOverride, int pageSize, PrintStream progress, Duration ttl,
      Scope scope) throws SQLException {
    requireNonNull(source, "source");
    CatalogCache cache = CatalogCache.of(source.cacheScope());
    SourceDescription config = cache.config(ttl);
    if (config == null) {
      config = source.config();
      cache.putConfig(config);
    }
    String language = requestedLanguage == null ? config.defaultLanguage()
        : requestedLanguage.toLowerCase(Locale.ROOT);
    if (requestedLanguage != null && !config.languages().isEmpty()
        && !config.languages().contains(language)) {
      throw new SQLException("Unsupported language '" + requestedLanguage + "' for "
          + source.location() + ": the server offers " + config.languages(), "22023");
    }
    int serverCells = config.maxDataCells() > 0 ? config.maxDataCells() : Integer.MAX_VALUE;
    int maxCells = maxDataCellsOverride == null ? serverCells
        : Math.min(serverCells, maxDataCellsOverride);
    List<TableEntry> eager = null;
    List<TableEntry.Folder> subjects;
    if (source.listsByFolder()) {
      List<TableEntry.Folder> all = cache.part("subjects/" + language, ttl,
          () -> source.subjects(language, pageSize));
      subjects = all.stream().filter(f -> scope.subjects().isEmpty()
          || scope.subjects().contains(f.id().toLowerCase(Locale.ROOT))).toList();
    } else {
      eager = scope.apply(cache.tables(language, ttl, () -> source.tables(language, pageSize)));
      subjects = StatbankSource.subjectsOf(eager);
    }
    return new PxWebCatalog(source, config, language, maxCells, eager, subjects, scope,
        progress, cache, ttl, pageSize);
  }

  public StatbankSource source() {
    return source;
  }

  public SourceDescription config() {
    return config;
  }

  /** Returns the language of labels and metadata for this connection. */
  public String language() {
    return language;
  }

  /**
   * Returns the Klass classification ids that the tables whose metadata this connection has
   * read link to; they are the classifications the {@code klass} schema lists.
   */
  public Set<String> linkedKlassIds() {
    Set<String> ids = new TreeSet<>();
    for (TableMetadata m : metadata.values()) {
      m.variables().forEach(v -> ids.addAll(v.details().klassIds()));
    }
    return ids;
  }

  /** Returns where to report the progress of multi-request queries, or null for nowhere. */
  PrintStream progress() {
    return progress;
  }

  /** Returns the most cells one data request of this connection may select. */
  public int maxDataCells() {
    return maxDataCells;
  }

  /**
   * Lowers the cell limit after the server refused a request as too large: its real limit is
   * lower than its configuration says, and later requests should not be refused again.
   */
  void lowerMaxDataCells(long cells) {
    if (cells >= 1 && cells < maxDataCells) {
      maxDataCells = (int) cells;
    }
  }

  /**
   * The part of a catalog a connection shows: given table ids and/or top-level subjects
   * (the {@code tables} and {@code subjects} properties); empty sets mean everything.
   *
   * @param tableIds lower-cased table ids, or empty
   * @param subjects lower-cased subject ids, or empty
   */
  public record Scope(Set<String> tableIds, Set<String> subjects) {
    public static final Scope ALL = new Scope(Set.of(), Set.of());

    /** Parses the comma-separated property values (null for none). */
    public static Scope of(String tables, String subjects) {
      return new Scope(split(tables), split(subjects));
    }

    private static Set<String> split(String text) {
      Set<String> out = new HashSet<>();
      if (text != null) {
        for (String part : text.split(",")) {
          if (!part.isBlank()) {
            out.add(part.trim().toLowerCase(Locale.ROOT));
          }
        }
      }
      return out;
    }

    List<TableEntry> apply(List<TableEntry> all) {
      if (tableIds.isEmpty() && subjects.isEmpty()) {
        return all;
      }
      return all.stream().filter(this::admits).toList();
    }

    /** Whether the connection shows a table. */
    boolean admits(TableEntry t) {
      return (tableIds.isEmpty() || tableIds.contains(t.id().toLowerCase(Locale.ROOT)))
          && (subjects.isEmpty() || t.paths().stream().anyMatch(p -> !p.isEmpty()
              && subjects.contains(p.get(0).id().toLowerCase(Locale.ROOT))));
    }
  }

  /**
   * Finds tables through the source's search (server: {@code /tables?query=...}); results
   * outside this connection's scope are left out.
   */
  public List<TableEntry> findTables(String query, Integer pastDays, boolean includeDiscontinued)
      throws SQLException {
    List<TableEntry> found = source.findTables(query, pastDays, includeDiscontinued, language,
        pageSize);
    if (eager == null) {
      return found.stream().filter(t -> t.discontinued() || scope.admits(t)).toList();
    }
    Set<String> inScope = new HashSet<>();
    eager.forEach(t -> inScope.add(t.id().toLowerCase(Locale.ROOT)));
    return found.stream().filter(t -> t.discontinued()
        || inScope.contains(t.id().toLowerCase(Locale.ROOT))).toList();
  }

  /** Returns the top-level subject folders in scope, in the source's order. */
  public List<TableEntry.Folder> subjects() {
    return subjects;
  }

  /**
   * Returns every table in scope, in the source's order. From a source that lists by folder
   * this reads every folder not read yet (bounded by the source).
   */
  public List<TableEntry> tables() throws SQLException {
    List<TableEntry> a = all;
    if (a == null) {
      a = scope.apply(cache.tables(language, ttl, () -> source.tables(language, pageSize)));
      all = a;
    }
    return a;
  }

  /** Returns the tables in scope of one top-level subject; reads its folders on first use. */
  public List<TableEntry> tables(String subject) throws SQLException {
    if (eager != null) {
      return StatbankSource.inSubject(eager, subject);
    }
    if (!scope.subjects().isEmpty()
        && !scope.subjects().contains(subject.toLowerCase(Locale.ROOT))) {
      return List.of();
    }
    List<TableEntry> list = bySubject.get(subject);
    if (list == null) {
      list = scope.apply(cache.part("subject/" + language + "/" + subject, ttl,
          () -> source.subjectTables(subject, language, pageSize)));
      bySubject.put(subject, list);
    }
    return list;
  }

  /**
   * Returns the table in scope of a name (an exact match first, else ignoring case), or null:
   * from what the connection has read, else found by the source without reading every folder
   * where it can.
   */
  public TableEntry table(String name) throws SQLException {
    List<TableEntry> a = all;
    if (a != null) {
      return StatbankSource.named(a, name);
    }
    String key = name.toLowerCase(Locale.ROOT);
    TableEntry read = known(name);
    if (read != null) {
      return remember(key, read);
    }
    TableEntry found = cache.part("table/" + language + "/" + key, ttl,
        () -> source.table(name, language, pageSize));
    return found != null && scope.admits(found) ? remember(key, found) : null;
  }

  private TableEntry remember(String key, TableEntry t) {
    TableEntry raced = byName.putIfAbsent(key, t);
    return raced != null ? raced : t;
  }

  /** Returns a table's entry from what the connection has read, without any request; or null. */
  public TableEntry known(String tableId) {
    List<TableEntry> a = all;
    if (a != null) {
      return StatbankSource.named(a, tableId);
    }
    TableEntry t = byName.get(tableId.toLowerCase(Locale.ROOT));
    if (t != null) {
      return t;
    }
    for (List<TableEntry> listed : bySubject.values()) {
      t = StatbankSource.named(listed, tableId);
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  /**
   * Returns a table's metadata seen through codelists (codelist id by variable code), fetched
   * on first use and kept for the connection.
   */
  public TableMetadata metadata(String tableId, Map<String, String> codelists)
      throws SQLException {
    if (codelists.isEmpty()) {
      return metadata(tableId);
    }
    String key = tableId.toLowerCase(Locale.ROOT) + "@" + new TreeMap<>(codelists);
    TableMetadata cached = metadata.get(key);
    if (cached != null) {
      return cached;
    }
    TableMetadata fetched = source.metadata(tableId, language, codelists);
    TableMetadata raced = metadata.putIfAbsent(key, fetched);
    return raced != null ? raced : fetched;
  }

  /**
   * Returns a table's metadata: this connection's copy, else the JVM's while valid, else
   * fetched.
   */
  public TableMetadata metadata(String tableId) throws SQLException {
    String key = tableId.toLowerCase(Locale.ROOT);
    TableMetadata cached = metadata.get(key);
    if (cached != null) {
      return cached;
    }
    // A table without an 'updated' stamp (or not read yet) has none to compare.
    TableEntry entry = known(tableId);
    String updated = entry == null ? null : entry.updated();
    TableMetadata shared = cache.metadata(language, tableId, updated, ttl);
    if (shared != null) {
      metadata.putIfAbsent(key, shared);
      return shared;
    }
    TableMetadata fetched = source.metadata(tableId, language);
    cache.putMetadata(language, tableId, updated, fetched);
    TableMetadata raced = metadata.putIfAbsent(key, fetched);
    return raced != null ? raced : fetched;
  }
}
