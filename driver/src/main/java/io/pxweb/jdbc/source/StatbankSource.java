package io.pxweb.jdbc.source;

import io.pxweb.jdbc.model.CallBudget;
import io.pxweb.jdbc.model.Cube;
import io.pxweb.jdbc.model.DataRequest;
import io.pxweb.jdbc.model.SavedQuery;
import io.pxweb.jdbc.model.SourceDescription;
import io.pxweb.jdbc.model.SourceProblem;
import io.pxweb.jdbc.model.TableEntry;
import io.pxweb.jdbc.model.TableMetadata;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where statbank tables come from: a PxWebApi server over HTTP, or a folder of PX files.
 *
 * <p>Both answer the same four questions in the API's terms, so schemas, columns, planning
 * and SQL behave the same over either.
 */
public interface StatbankSource {
  /** Returns a description for messages: the base URL, or the folder as a {@code file:} URI. */
  String location();

  /**
   * Returns the key that scopes the JVM's caches of this source's answers: equal only for
   * connections that the source answers alike (same location and, for servers, the same
   * credentials). It holds no secret.
   */
  default String cacheScope() {
    return location();
  }

  /**
   * Returns what the source could not read, or read only by a lenient rule (files of a folder);
   * empty for servers, whose errors reach the statement that meets them.
   */
  default List<SourceProblem> problems() throws SQLException {
    return List.of();
  }

  /**
   * Reads a saved query by its id, its selection expanded to value codes in a language. Only
   * PxWebApi 2.0 servers keep saved queries.
   *
   * @throws SQLException 42S02 when there is no such saved query, 0A000 from other sources
   */
  default SavedQuery savedQuery(String id, String lang) throws SQLException {
    throw new SQLFeatureNotSupportedException("Saved queries are a PxWebApi 2.0 feature;"
        + " this source (" + location() + ") has none", "0A000");
  }

  /** Whether the source keeps saved queries ({@link #savedQuery}), so a connection offers them. */
  default boolean hasSavedQueries() {
    return false;
  }

  /** Returns the configuration: languages, default language, cell limit. */
  SourceDescription config() throws SQLException;

  /** Returns every table in the given language. */
  List<TableEntry> tables(String lang, int pageSize) throws SQLException;

  /**
   * Whether the whole table list costs a request per folder (PxWebApi v1's navigation tree):
   * a connection then reads only {@link #subjects}, a subject's tables when they are asked for,
   * and finds a named table with {@link #table}. Sources that list every table in one go (a
   * PxWebApi 2.0 server's paged {@code /tables}, a PX folder) read {@link #tables} once instead.
   */
  default boolean listsByFolder() {
    return false;
  }

  /** Returns the top-level subject folders, in the source's order. */
  default List<TableEntry.Folder> subjects(String lang, int pageSize) throws SQLException {
    return subjectsOf(tables(lang, pageSize));
  }

  /**
   * Returns the tables of one top-level subject folder (its whole subtree), or with a null
   * subject the tables outside every subject folder.
   */
  default List<TableEntry> subjectTables(String subject, String lang, int pageSize)
      throws SQLException {
    return inSubject(tables(lang, pageSize), subject);
  }

  /**
   * Finds one table by its name, ignoring case (an exact match first); null when there is none.
   * Sources that list by folder find it without reading every folder where they can.
   */
  default TableEntry table(String name, String lang, int pageSize) throws SQLException {
    return named(tables(lang, pageSize), name);
  }

  /** Returns the distinct first folders of the tables' paths, in order of appearance. */
  static List<TableEntry.Folder> subjectsOf(List<TableEntry> tables) {
    Map<String, TableEntry.Folder> seen = new LinkedHashMap<>();
    for (TableEntry t : tables) {
      for (List<TableEntry.Folder> path : t.paths()) {
        if (!path.isEmpty()) {
          seen.putIfAbsent(path.get(0).id(), path.get(0));
        }
      }
    }
    return List.copyOf(seen.values());
  }

  /** Returns the tables with a path in the subject, or with a null subject those with none. */
  static List<TableEntry> inSubject(List<TableEntry> tables, String subject) {
    return tables.stream().filter(t -> subject == null
        ? t.paths().stream().allMatch(List::isEmpty)
        : t.paths().stream().anyMatch(p -> !p.isEmpty() && p.get(0).id().equals(subject)))
        .toList();
  }

  /** Returns the table of a name: the one spelled exactly so, else one ignoring case, else null. */
  static TableEntry named(List<TableEntry> tables, String name) {
    TableEntry ignoringCase = null;
    for (TableEntry t : tables) {
      if (t.id().equals(name)) {
        return t;
      }
      if (ignoringCase == null && t.id().equalsIgnoreCase(name)) {
        ignoringCase = t;
      }
    }
    return ignoringCase;
  }

  /**
   * Finds tables: by a search query (Lucene syntax at PxWebApi servers), by recent update, with
   * or without discontinued tables. This default searches the table list itself (every word of
   * the query in the id, label or variable names, ignoring case); servers search their index.
   *
   * @param query search text, or null for all tables
   * @param pastDays only tables updated in the last days, or null
   * @param includeDiscontinued whether discontinued tables are wanted too
   */
  default List<TableEntry> findTables(String query, Integer pastDays, boolean includeDiscontinued,
      String lang, int pageSize) throws SQLException {
    return search(tables(lang, pageSize), query, pastDays);
  }

  /**
   * Searches a table list: every word of the query in the id, label or variable names
   * (ignoring case), and updated in the last {@code pastDays} days when that is given.
   */
  static List<TableEntry> search(List<TableEntry> tables, String query, Integer pastDays) {
    Instant since = pastDays == null ? null
        : Instant.now().minus(Duration.ofDays(pastDays));
    List<TableEntry> out = new ArrayList<>();
    for (TableEntry t : tables) {
      String text = (t.id() + " " + t.label() + " " + String.join(" ", t.variableNames()))
          .toLowerCase(Locale.ROOT);
      boolean matches = query == null || Arrays.stream(
          query.toLowerCase(Locale.ROOT).split("\\s+"))
          .filter(w -> !w.isBlank()).allMatch(text::contains);
      Instant updated = instant(t.updated());
      boolean recent = since == null || (updated != null && !updated.isBefore(since));
      if (matches && recent) {
        out.add(t);
      }
    }
    return out;
  }

  /** Reads an 'updated' stamp; one that is absent or unreadable counts as no stamp. */
  private static Instant instant(String iso) {
    try {
      return iso == null ? null : Instant.parse(iso);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Returns one table's metadata in the given language. */
  TableMetadata metadata(String tableId, String lang) throws SQLException;

  /**
   * Returns one table's metadata with codelists applied: the named variables then have the
   * codelists' values. Sources without codelist support say so.
   *
   * @param codelists codelist id by variable code
   */
  default TableMetadata metadata(String tableId, String lang, Map<String, String> codelists)
      throws SQLException {
    if (codelists.isEmpty()) {
      return metadata(tableId, lang);
    }
    throw new SQLFeatureNotSupportedException("Codelists are not supported by "
        + location() + " (table " + tableId + ", codelists " + codelists.values() + ")", "0A000");
  }

  /**
   * Returns the cells of one request.
   *
   * @param budget the statement's time and cancel switch: a cancel aborts the work in flight
   *     (from another thread), the deadline bounds it; null for none
   */
  Cube data(DataRequest request, String lang, CallBudget budget) throws SQLException;
}
