package io.pxweb.jdbc.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.pxweb.jdbc.testserver.PxWebTestServer;
import io.pxweb.jdbc.testserver.TestTable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one query through the driver (against the test server) and through H2, and says how
 * they differ: in rows, or in what the driver fetched beyond what the query needs.
 */
final class Differential implements AutoCloseable {
  private static final Pattern DATA_PATH = Pattern.compile("/api/v2/tables/([^/?]+)/data");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TIMEOUT_SECONDS = 60;

  final List<CubeTable> tables;
  final Connection driver;
  /** The reference engine: H2, or PostgreSQL. */
  final Connection reference;
  final boolean postgres;
  /** Forgets the source's requests before a query; null for a source without requests. */
  private final Runnable resetRequests;
  /** Requests and cells per table since the reset; null when nothing is counted. */
  private final java.util.function.Supplier<Map<String, long[]>> fetches;

  /** Counts of what the queries did, for the campaign's summary. */
  int queries;
  int bothRejected;
  long rowsCompared;
  long requests;
  long cells;

  /**
   * Connects the driver to the test server and loads the reference: H2, or PostgreSQL when
   * {@code postgresUrl} is given.
   */
  Differential(PxWebTestServer server, String name, String postgresUrl) throws Exception {
    this(tablesOf(server.catalog().tables()), server.jdbcUrl(), name, postgresUrl,
        server::resetRequests, () -> fetched(server.getAllServeEvents(), null, DATA_PATH));
  }

  /**
   * Connects the driver to any source of the test cubes and loads the reference.
   *
   * @param tables the cubes the source serves (the generator's tables)
   * @param resetRequests forgets the source's requests, or null
   * @param fetches the data requests and cells per table since the reset, or null for a
   *     source whose reads are not counted (a PX folder)
   */
  Differential(List<CubeTable> tables, String driverUrl, String name, String postgresUrl,
      Runnable resetRequests, java.util.function.Supplier<Map<String, long[]>> fetches)
      throws Exception {
    this.tables = tables;
    this.resetRequests = resetRequests;
    this.fetches = fetches;
    this.driver = DriverManager.getConnection(driverUrl);
    this.postgres = postgresUrl != null;
    this.reference = postgresUrl == null ? ReferenceDatabase.h2(tables, name)
        : ReferenceDatabase.postgres(tables, postgresUrl);
  }

  static List<CubeTable> tablesOf(List<TestTable> testTables) throws Exception {
    List<CubeTable> t = new ArrayList<>();
    for (TestTable table : testTables) {
      t.add(CubeTable.of(table));
    }
    return t;
  }

  Differential(PxWebTestServer server, String name) throws Exception {
    this(server, name, null);
  }

  /** How a query's answers differ, and a short name for the kind of difference. */
  record Mismatch(String kind, String detail) {
  }

  /** Runs a query on both engines; returns null when they agree, else how they differ. */
  Mismatch check(GeneratedQuery q) {
    String detail = compare(q);
    return detail == null ? null : new Mismatch(kind(q, detail), detail);
  }

  /**
   * Names the kind of a difference, so a campaign's report groups the many queries one bug
   * breaks: row shapes, CHAR padding, AVG precision, over-fetching, errors, other rows.
   */
  private String kind(GeneratedQuery q, String detail) {
    if (detail.contains("Ljava.lang.Object") || detail.contains("cannot be cast")) {
      return "row shape";
    }
    if (detail.startsWith("fetched more")) {
      return "fetch";
    }
    if (!detail.startsWith("driver failed")
        && (detail.contains(" ,") || detail.contains(" ]"))) {
      return "CHAR padding";
    }
    if (!detail.startsWith("driver failed") && q.sql().contains("AVG(")) {
      return "AVG precision";
    }
    return detail.startsWith("driver failed") ? "driver error"
        : detail.startsWith("reference failed") ? "reference error" : "rows";
  }

  private String compare(GeneratedQuery q) {
    queries++;
    if (resetRequests != null) {
      resetRequests.run();
    }
    List<List<Object>> actual;
    String actualError = null;
    try {
      actual = ResultRows.run(driver, q.sql(), q.params(), TIMEOUT_SECONDS);
    } catch (SQLException | RuntimeException e) {
      actual = null;
      actualError = e.getClass().getSimpleName() + " [" + (e instanceof SQLException s
          ? s.getSQLState() : "-") + "]: " + e.getMessage();
    }
    Map<String, long[]> fetched = fetches == null ? null : fetches.get();
    List<List<Object>> expected;
    String expectedError = null;
    try {
      expected = ResultRows.run(reference, q.referenceSql(), q.params(), TIMEOUT_SECONDS);
    } catch (SQLException e) {
      expected = null;
      expectedError = e.getMessage();
    }
    if (actual == null && expected == null) {
      bothRejected++;
      return null;
    }
    if (actual == null) {
      return "driver failed, the reference answered " + expected.size() + " rows: "
          + actualError;
    }
    if (expected == null) {
      return "reference failed (" + firstLine(expectedError) + "), driver answered " + actual.size()
          + " rows";
    }
    rowsCompared += actual.size();
    String rows = compareRows(q, actual, expected);
    return rows != null || fetched == null ? rows : compareFetches(q, fetched);
  }

  private static String compareRows(GeneratedQuery q, List<List<Object>> actual,
      List<List<Object>> expected) {
    switch (q.order()) {
      case ORDERED:
        return ResultRows.same(actual, expected) ? null : differ(actual, expected);
      case UNORDERED:
        List<List<Object>> a = ResultRows.sorted(actual);
        List<List<Object>> e = ResultRows.sorted(expected);
        return ResultRows.same(a, e) ? null : differ(a, e);
      default:
        long want = Math.min(q.limit(), expected.size());
        if (actual.size() != want) {
          return "LIMIT " + q.limit() + " gave " + actual.size() + " rows, expected " + want;
        }
        return ResultRows.containedIn(actual, expected) ? null
            : "LIMIT rows not among the query's rows: " + actual;
    }
  }

  private static String differ(List<List<Object>> actual, List<List<Object>> expected) {
    int i = 0;
    while (i < actual.size() && i < expected.size()
        && ResultRows.sameRow(actual.get(i), expected.get(i))) {
      i++;
    }
    return "rows differ (driver " + actual.size() + ", reference " + expected.size()
        + ") first at row " + i + ": driver " + (i < actual.size() ? actual.get(i) : "-")
        + ", reference " + (i < expected.size() ? expected.get(i) : "-");
  }

  /** Checks data requests and cells per table against the bound of the query's references. */
  private String compareFetches(GeneratedQuery q, Map<String, long[]> fetched) {
    Map<String, long[]> allowed = new HashMap<>();
    for (GeneratedQuery.Fetch f : q.fetches()) {
      long[] a = allowed.computeIfAbsent(f.table(), k -> new long[2]);
      if (f.cells() > 0) {
        a[0]++;
        a[1] += f.cells();
      }
    }
    for (Map.Entry<String, long[]> e : fetched.entrySet()) {
      long[] a = allowed.getOrDefault(e.getKey(), new long[2]);
      long[] got = e.getValue();
      requests += got[0];
      cells += got[1];
      if (got[0] > a[0] || got[1] > a[1]) {
        return "fetched more than needed from " + e.getKey() + ": " + got[0] + " requests, "
            + got[1] + " cells; the metadata allows " + a[0] + " requests, " + a[1] + " cells";
      }
    }
    return null;
  }

  /**
   * Returns requests and cells served per table: the answered requests of the method (any when
   * null) whose URL the pattern matches, its first group naming the table.
   */
  static Map<String, long[]> fetched(List<ServeEvent> events, String method,
      Pattern dataRequest) {
    Map<String, long[]> out = new HashMap<>();
    for (ServeEvent e : events) {
      Matcher m = dataRequest.matcher(e.getRequest().getUrl());
      if (!m.find() || e.getResponse().getStatus() != 200
          || (method != null && !method.equals(e.getRequest().getMethod().getName()))) {
        continue;
      }
      long[] f = out.computeIfAbsent(m.group(1), k -> new long[2]);
      f[0]++;
      f[1] += cells(e.getResponse().getBodyAsString());
    }
    return out;
  }

  private static long cells(String jsonStat) {
    try {
      JsonNode size = JSON.readTree(jsonStat).path("size");
      long n = 1;
      for (JsonNode s : size) {
        n *= s.asLong();
      }
      return n;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String firstLine(String s) {
    int nl = s == null ? -1 : s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Closes both connections; on PostgreSQL, drops the schema the tables were loaded into. */
  @Override public void close() throws SQLException {
    driver.close();
    try (reference) {
      if (postgres) {
        try (java.sql.Statement s = reference.createStatement()) {
          s.execute("DROP SCHEMA " + ReferenceDatabase.PG_SCHEMA + " CASCADE");
        }
      }
    }
  }
}
