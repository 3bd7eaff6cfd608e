package io.pxweb.jdbc.e2e;

import static io.pxweb.jdbc.e2e.Sql.normalize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DBeaver's data editor opens a table with {@code SELECT * FROM t}, {@code setMaxRows(200)}
 * and a fetch size, and sorts and filters it the same way: such a statement fetches the cells
 * of its leading rows only, exactly what the same query with {@code FETCH FIRST 200 ROWS ONLY}
 * fetches (its EXPLAIN shows them), not a whole request of the table. Rows are checked against
 * a plain SQL engine over the full cube; the requests as WireMock logged them.
 *
 * <p>The connection splits requests at 1,000 cells (as a live statbank splits a large table at
 * its own limit): before, opening TAB001 (5,940 cells) with 200 rows read the first split
 * request's 990 cells.
 */
class MaxRowsPushdownTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  private static Connection driver;
  private static Connection reference;

  @BeforeAll
  static void connect() throws SQLException {
    driver = DriverManager.getConnection(server.jdbcUrl() + ";maxDataCells=1000");
    reference = ReferenceEngine.connect(server.catalog());
  }

  @AfterAll
  static void close() throws SQLException {
    driver.close();
    reference.close();
  }

  @BeforeEach
  void reset() {
    server.resetRequests();
  }

  private static List<LoggedRequest> data(String table) {
    return Requests.data(server, table);
  }

  /** The valueCodes of a request, by variable. */
  private static Map<String, String> selection(LoggedRequest r) {
    Map<String, String> out = new TreeMap<>();
    r.getQueryParams().forEach((name, value) -> {
      if (name.startsWith("valueCodes[")) {
        out.put(name.substring(11, name.length() - 1), value.firstValue());
      }
    });
    return out;
  }

  /** Runs a statement with a row limit and a fetch size, as DBeaver's data editor does. */
  private static List<List<Object>> withMaxRows(String sql, int maxRows) throws SQLException {
    try (Statement s = driver.createStatement()) {
      s.setMaxRows(maxRows);
      s.setFetchSize(50);
      try (ResultSet rs = s.executeQuery(sql)) {
        return normalize(Sql.rows(rs));
      }
    }
  }

  /**
   * Asserts that the query with the row limit sent the one request the same query with
   * FETCH FIRST sends, and returns that request's cells; the limited plan is the one EXPLAIN
   * shows for FETCH FIRST.
   */
  private static long sameRequestAsFetchFirst(String sql, int maxRows, List<LoggedRequest> sent,
      String table) throws SQLException {
    String fetchFirst = sql + " FETCH FIRST " + maxRows + " ROWS ONLY";
    String plan = Sql.explain(driver, fetchFirst);
    server.resetRequests();
    Sql.rows(driver, fetchFirst);
    List<LoggedRequest> limited = data(table);
    assertEquals(1, sent.size(), "requests with setMaxRows");
    assertEquals(1, limited.size(), "requests with FETCH FIRST");
    assertEquals(selection(limited.get(0)), selection(sent.get(0)));
    long cells = Requests.cells(sent.get(0), server.table(table));
    assertTrue(plan.contains("requests=[1], cells=[" + cells + "]"), plan);
    return cells;
  }

  /** Asserts the rows are distinct rows of the table, as many as asked for. */
  private static void realRows(List<List<Object>> rows, String allRowsSql, int expected)
      throws SQLException {
    assertEquals(expected, rows.size());
    assertEquals(expected, new HashSet<>(rows).size(), "distinct rows");
    List<List<Object>> all = normalize(Sql.rows(reference, allRowsSql));
    assertTrue(new HashSet<>(all).containsAll(rows), "rows of " + allRowsSql);
  }

  @Test
  void openingATableReadsTheLeadingRowsCellsOnly() throws SQLException {
    String sql = "SELECT * FROM \"TAB001\"";
    List<List<Object>> rows = withMaxRows(sql, 200);
    realRows(rows, sql, 200);
    List<LoggedRequest> sent = data("TAB001");
    long cells = sameRequestAsFetchFirst(sql, 200, sent, "TAB001");
    // The leading box in table order: a region holds 198 rows, so the first two regions,
    // not the 990 cells of the first split request.
    assertEquals(2 * 198, cells);
    assertEquals("AT,BE", selection(sent.get(0)).get("REGION"));
    // Without a row limit the same statement reads the whole table in its 6 split requests.
    server.resetRequests();
    assertEquals(5940, withMaxRows(sql, 0).size());
    assertEquals(6, data("TAB001").size());
  }

  @Test
  void aClickedOrderByColumnReadsTheFirstRowsInThatOrder() throws SQLException {
    String sql = "SELECT * FROM \"TAB001\" ORDER BY \"REGION\" DESC";
    List<List<Object>> rows = withMaxRows(sql, 200);
    realRows(rows, "SELECT * FROM \"TAB001\"", 200);
    // The order is the query's: the regions of the first 200 rows are the reference's.
    Function<List<List<Object>>, List<Object>> regions =
        r -> r.stream().map(row -> row.get(0)).toList();
    assertEquals(regions.apply(normalize(Sql.rows(reference, sql + " FETCH FIRST 200 ROWS ONLY"))),
        regions.apply(rows));
    List<LoggedRequest> sent = data("TAB001");
    long cells = sameRequestAsFetchFirst(sql, 200, sent, "TAB001");
    // One region holds 198 rows: the last two regions.
    assertEquals(2 * 198, cells);
    assertEquals("SK,UK", selection(sent.get(0)).get("REGION"));
  }

  @Test
  void theFilterBoxsWhereAndTheRowLimitArePushedTogether() throws SQLException {
    String sql = "SELECT * FROM \"TAB001\" WHERE \"SEX\" = 'F' AND \"REGION\" LIKE 'S%'";
    List<List<Object>> rows = withMaxRows(sql, 100);
    realRows(rows, sql, 100);
    List<LoggedRequest> sent = data("TAB001");
    long cells = sameRequestAsFetchFirst(sql, 100, sent, "TAB001");
    assertEquals("F", selection(sent.get(0)).get("SEX"));
    assertTrue(cells >= 100 && cells < 198, cells + " cells");
  }

  @Test
  void aPreparedStatementsRowLimitIsPushedWithItsParameters() throws SQLException {
    String sql = "SELECT * FROM \"TAB001\" WHERE \"SEX\" = ? ORDER BY \"REGION\"";
    for (String sex : List.of("F", "M")) {
      server.resetRequests();
      List<List<Object>> rows;
      try (PreparedStatement ps = driver.prepareStatement(sql)) {
        ps.setMaxRows(30);
        ps.setFetchSize(10);
        ps.setString(1, sex);
        try (ResultSet rs = ps.executeQuery()) {
          rows = normalize(Sql.rows(rs));
        }
      }
      String literal = sql.replace("?", "'" + sex + "'");
      realRows(rows, literal, 30);
      assertTrue(rows.stream().allMatch(r -> r.get(0).equals("AT")), "the first region's rows");
      List<LoggedRequest> sent = data("TAB001");
      assertEquals(1, sent.size());
      Map<String, String> s = selection(sent.get(0));
      assertEquals(sex, s.get("SEX"));
      assertEquals("AT", s.get("REGION"));
      // The first region's 66 rows of one sex, not the 990 cells of the first split request.
      assertEquals(66, Requests.cells(sent.get(0), server.table("TAB001")));
    }
  }

  @Test
  void aSmallerFetchFirstStaysAndALargerOneIsCut() throws SQLException {
    String sql = "SELECT * FROM \"TAB004\"";
    assertEquals(10, withMaxRows(sql + " FETCH FIRST 10 ROWS ONLY", 200).size());
    assertEquals(10, Requests.cells(data("TAB004").get(0), server.table("TAB004")));
    server.resetRequests();
    List<List<Object>> rows = withMaxRows(sql + " FETCH FIRST 500 ROWS ONLY", 20);
    realRows(rows, sql, 20);
    assertEquals(1, data("TAB004").size());
    assertTrue(Requests.cells(data("TAB004").get(0), server.table("TAB004")) <= 28,
        "the leading 20 cells' box");
  }

  @Test
  void offsetsAndRowLimitsTakeTheRightRows() throws SQLException {
    String sql = "SELECT \"SECTOR\", \"GREENHOUSEGAS\", \"TIME\", \"Emission\" FROM \"TAB004\""
        + " ORDER BY \"SECTOR\", \"GREENHOUSEGAS\", \"TIME\" OFFSET 5 ROWS";
    List<List<Object>> rows = withMaxRows(sql, 7);
    assertEquals(normalize(Sql.rows(reference, sql + " FETCH NEXT 7 ROWS ONLY")), rows);
    assertEquals(1, data("TAB004").size());
    assertEquals(12, Requests.cells(data("TAB004").get(0), server.table("TAB004")));
  }

  @Test
  void explainWithARowLimitStillExplainsTheWholeQuery() throws SQLException {
    String sql = "SELECT * FROM \"TAB001\"";
    try (Statement s = driver.createStatement()) {
      s.setMaxRows(1);
      try (ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
        assertTrue(rs.next());
        assertTrue(rs.getString(1).contains("requests=[6], cells=[5940]"), rs.getString(1));
      }
    }
  }

  @Test
  void aGroupedQueryGetsTheLimitAboveItsAggregate() throws SQLException {
    String sql = "SELECT \"REGION\", SUM(\"HNMGA\") AS total FROM \"TAB001\""
        + " WHERE \"SEX\" = 'T' AND \"AGE\" = 'TOTAL' GROUP BY \"REGION\"";
    List<List<Object>> rows = withMaxRows(sql, 5);
    assertEquals(5, rows.size());
    Map<Object, List<Object>> all = normalize(Sql.rows(reference, sql)).stream()
        .collect(Collectors.toMap(r -> r.get(0), r -> r));
    for (List<Object> row : rows) {
      assertEquals(all.get(row.get(0)), row, "the whole group's sum");
    }
  }
}
