package io.pxweb.jdbc.adapter;

import io.pxweb.jdbc.model.SourceDescription;
import io.pxweb.jdbc.model.TableEntry;
import io.pxweb.jdbc.model.TableMetadata;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Metadata shared by every connection of the JVM to the same source with the same identity:
 * configuration, table list and table metadata, each kept for a time to live.
 *
 * <p>A BI tool's connection pool opens many connections; without this each would read the
 * table list again and each statement's table metadata again, spending the server's rationed
 * calls. Sources that list by folder (PxWebApi v1) fill it in parts: the subjects, a subject's
 * tables, a table found by name, each as the connection that read it first asked. A table's metadata also stays valid past its time to live while the table list (itself
 * fresh) shows the same {@code updated} stamp it had when the metadata was read.
 */
final class CatalogCache {
  private static final Map<String, CatalogCache> BY_SOURCE = new ConcurrentHashMap<>();

  private volatile Timed<SourceDescription> config;
  private final Map<String, Timed<List<TableEntry>>> tables = new ConcurrentHashMap<>();
  private final Map<String, Stamped> metadata = new ConcurrentHashMap<>();
  /** Parts of the table list read lazily (subjects, one subject's tables, a found table). */
  private final Map<String, Timed<Object>> parts = new ConcurrentHashMap<>();

  /** A value and when it was read. */
  record Timed<T>(T value, long readAtNanos) {
    boolean fresh(Duration ttl) {
      return System.nanoTime() - readAtNanos < ttl.toNanos();
    }
  }

  /** Table metadata with the table's {@code updated} stamp at the time it was read. */
  record Stamped(TableMetadata metadata, String updated, long readAtNanos) {
  }

  private CatalogCache() {
  }

  /**
   * Returns the cache of a source and identity ({@link
   * io.pxweb.jdbc.source.StatbankSource#cacheScope()}): connections with other credentials
   * never see what this one was shown.
   */
  static CatalogCache of(String scope) {
    CatalogCache cache = BY_SOURCE.get(scope);
    if (cache != null) {
      return cache;
    }
    if (BY_SOURCE.size() >= MAX_SCOPES) {
      // A process that meets many identities (pxweb-server's users) must not keep them all:
      // dropping a scope costs only a re-read of its documents.
      BY_SOURCE.keySet().stream().findAny().ifPresent(BY_SOURCE::remove);
    }
    return BY_SOURCE.computeIfAbsent(scope, k -> new CatalogCache());
  }

  /** Most sources and identities whose catalogs a JVM keeps. */
  static final int MAX_SCOPES = 64;
  /** Most languages whose table lists are kept per scope: more than any statbank offers. */
  static final int MAX_LANGUAGES = 16;
  /** Most table metadata documents kept per scope: more than any statbank has tables. */
  static final int MAX_TABLES = 20_000;

  SourceDescription config(Duration ttl) {
    Timed<SourceDescription> c = config;
    return c != null && c.fresh(ttl) ? c.value() : null;
  }

  void putConfig(SourceDescription value) {
    config = new Timed<>(value, System.nanoTime());
  }

  /** Reads what is not cached, from the source. */
  interface Read<T> {
    T read() throws SQLException;
  }

  /** Returns the whole table list in a language: cached within the time to live, else read. */
  List<TableEntry> tables(String lang, Duration ttl, Read<List<TableEntry>> read)
      throws SQLException {
    Timed<List<TableEntry>> t = tables.get(lang);
    if (t != null && t.fresh(ttl)) {
      return t.value();
    }
    List<TableEntry> value = read.read();
    if (tables.size() >= MAX_LANGUAGES) {
      // A server that answers any language (v1 servers not in the catalogue are not checked).
      tables.clear();
    }
    tables.put(lang, new Timed<>(value, System.nanoTime()));
    return value;
  }

  /**
   * Returns a part of the table list: cached within the time to live, else read (a part read
   * as null, such as a table not found, is not kept).
   *
   * @param key what part: {@code subjects/<lang>}, {@code subject/<lang>/<id>}, ...
   */
  @SuppressWarnings("unchecked")
  <T> T part(String key, Duration ttl, Read<T> read) throws SQLException {
    Timed<Object> t = parts.get(key);
    if (t != null && t.fresh(ttl)) {
      return (T) t.value();
    }
    T value = read.read();
    if (value != null) {
      if (parts.size() >= MAX_TABLES) {
        parts.clear();
      }
      parts.put(key, new Timed<>(value, System.nanoTime()));
    }
    return value;
  }

  /**
   * Returns a table's cached metadata if still valid: read within the time to live, or read
   * when the table had the same {@code updated} stamp as it has now.
   */
  TableMetadata metadata(String lang, String tableId, String updatedNow, Duration ttl) {
    Stamped s = metadata.get(key(lang, tableId));
    if (s == null || ttl.isZero()) {
      return null;
    }
    boolean young = System.nanoTime() - s.readAtNanos() < ttl.toNanos();
    boolean unchanged = updatedNow != null && Objects.equals(updatedNow, s.updated());
    return young || unchanged ? s.metadata() : null;
  }

  void putMetadata(String lang, String tableId, String updated, TableMetadata value) {
    if (metadata.size() >= MAX_TABLES) {
      metadata.clear();
    }
    metadata.put(key(lang, tableId), new Stamped(value, updated, System.nanoTime()));
  }

  private static String key(String lang, String tableId) {
    return lang + "/" + tableId.toLowerCase(Locale.ROOT);
  }
}
