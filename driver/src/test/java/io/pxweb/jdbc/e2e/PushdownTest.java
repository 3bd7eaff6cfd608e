package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.pxweb.jdbc.e2e.Sql.normalize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pushdown, rule by rule: each test checks the rows (against a plain SQL engine over the full
 * cube), the plan (EXPLAIN) and the exact requests sent.
 */
class PushdownTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  private static Connection driver;
  private static Connection reference;

  @BeforeAll
  static void connect() throws SQLException {
    driver = DriverManager.getConnection(server.jdbcUrl());
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

  private static String param(LoggedRequest r, String variable) {
    return r.queryParameter("valueCodes[" + variable + "]").firstValue();
  }

  /** Runs the query on the driver and the reference engine; asserts equal rows. */
  private static List<List<Object>> assertSameRows(String sql, boolean ordered) throws SQLException {
    List<List<Object>> actual = normalize(Sql.rows(driver, sql));
    List<List<Object>> expected = normalize(Sql.rows(reference, sql));
    if (!ordered) {
      actual = actual.stream().sorted(Sql::compare).toList();
      expected = expected.stream().sorted(Sql::compare).toList();
    }
    assertEquals(expected, actual, sql);
    return actual;
  }

  private static String plan(String sql) throws SQLException {
    String plan = Sql.explain(driver, sql);
    server.resetRequests();
    return plan;
  }

  @Test
  void equalityAndInSelectExactlyTheirCodes() throws SQLException {
    String sql = "select * from \"TAB001\" where SEX = 'F' and REGION in ('NO', 'SE')";
    assertTrue(plan(sql).contains(
        "PxTableScan(table=[[statbank, TAB001]], selection=[[REGION=[NO, SE], SEX=[F]]],"
            + " requests=[1], cells=[132])"), plan(sql));
    assertSameRows(sql, false);
    List<LoggedRequest> r = data("TAB001");
    assertEquals(1, r.size());
    assertEquals("NO,SE", param(r.get(0), "REGION"));
    assertEquals("F", param(r.get(0), "SEX"));
    assertEquals("*", param(r.get(0), "AGE"));
  }

  @Test
  void inListsOfTwentyOrMoreCodesArePushed() throws SQLException {
    // Calcite makes an IN list of 20 or more values a join with VALUES unless told otherwise,
    // which would fetch every region.
    List<String> regions = List.of("AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES",
        "FI", "FR", "GR", "HU", "IE", "IS", "IT", "LT", "LU", "LV", "NL", "PL");
    String sql = "select REGION, \"TIME\", HNMGA from \"TAB001\" where SEX = 'T'"
        + " and AGE = 'TOTAL' and REGION in ('" + String.join("', '", regions) + "')";
    String plan = plan(sql);
    assertTrue(plan.contains("REGION=[AT, BE, BG, CH, CY, ... (22 values)]")
        && plan.contains("cells=[66]"), plan);
    assertFalse(plan.contains("Join") || plan.contains("Values"), plan);
    assertEquals(66, assertSameRows(sql, false).size());
    List<LoggedRequest> r = data("TAB001");
    assertEquals(1, r.size());
    // Runs of neighbours in table order travel as ranges (LI, MT, NO, ... lie outside them).
    assertEquals("[range(AT,IT)],[range(LT,NL)],PL", param(r.get(0), "REGION"));
  }

  @Test
  void parametersNarrowTheRequestNextToMeasurePredicatesAndInOrs() throws SQLException {
    // Both went unpushed before: a parameterized conjunct cost what an unpushed one did, so the
    // planner kept it in the filter; an OR across variables with parameters had no box.
    String sql = "select REGION, SEX, \"TIME\", HNMGA from \"TAB001\" where AGE = ?"
        + " and ((REGION = ? and SEX = ?) or (REGION = ? and SEX = ?)) and HNMGA >= ?";
    String literal = "select REGION, SEX, \"TIME\", HNMGA from \"TAB001\" where AGE = 'TOTAL'"
        + " and ((REGION = 'NO' and SEX = 'F') or (REGION = 'SE' and SEX = 'M')) and HNMGA >= 0";
    Object[] values = {"TOTAL", "NO", "F", "SE", "M", java.math.BigDecimal.ZERO};
    try (PreparedStatement ps = driver.prepareStatement("explain plan for " + sql)) {
      for (int i = 0; i < values.length; i++) {
        ps.setObject(i + 1, values[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertTrue(rs.getString(1).contains("runtime=[2 parameterized]"), rs.getString(1));
      }
    }
    server.resetRequests();
    List<List<Object>> rows;
    try (PreparedStatement ps = driver.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        ps.setObject(i + 1, values[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rows = normalize(Sql.rows(rs)).stream().sorted(Sql::compare).toList();
      }
    }
    assertFalse(rows.isEmpty());
    assertEquals(normalize(Sql.rows(reference, literal)).stream().sorted(Sql::compare).toList(),
        rows);
    List<LoggedRequest> r = data("TAB001");
    assertEquals(1, r.size());
    assertEquals("TOTAL", param(r.get(0), "AGE"));
    // The OR's box, from the bound values: 2 regions x 2 sexes x 3 periods.
    assertEquals("NO,SE", param(r.get(0), "REGION"));
    assertEquals("F,M", param(r.get(0), "SEX"));
  }

  @Test
  void notEqualAndNotInAreDecidedOnMetadata() throws SQLException {
    String sql = "select REGION, SEX, \"TIME\", HNMGA from \"TAB001\""
        + " where SEX <> 'T' and REGION not in ('AT', 'BE') and AGE = 'TOTAL'";
    assertTrue(plan(sql).contains("SEX=[F, M]"), plan(sql));
    assertSameRows(sql, false);
    LoggedRequest r = data("TAB001").get(0);
    assertEquals("F,M", param(r, "SEX"));
    // 28 neighbouring regions from BG to UK travel as one range.
    assertEquals("[range(BG,UK)]", param(r, "REGION"));
  }

  @Test
  void labelPredicatesWithFunctionsArePushed() throws SQLException {
    String sql = "select REGION, REGION_label, HNMGA from \"TAB001\""
        + " where UPPER(REGION_label) LIKE '%LAND%' and SEX = 'T' and AGE = 'TOTAL'"
        + " and \"TIME\" = '2001'";
    String plan = plan(sql);
    // Finland, Iceland, Ireland, Netherlands, Poland, Switzerland
    assertTrue(plan.contains("REGION=[CH, FI, IE, IS, NL, PL]"), plan);
    assertSameRows(sql, false);
    assertEquals("CH,FI,IE,IS,NL,PL", param(data("TAB001").get(0), "REGION"));
  }

  @Test
  void substringOfCodeAndRangesArePushed() throws SQLException {
    String sql = "select SECTOR, \"TIME\", \"Emission\" from \"TAB004\""
        + " where SUBSTRING(SECTOR, 1, 2) = '0.' and GREENHOUSEGAS = 'CO2'"
        + " and \"TIME\" between '2000' and '2004'";
    String plan = plan(sql);
    assertTrue(plan.contains("SECTOR=[0.1, 0.2, 0.3, 0.4]"), plan);
    assertTrue(plan.contains("TIME=[2000, 2001, 2002, 2003, 2004]"), plan);
    assertTrue(plan.contains("cells=[20]"), plan);
    assertSameRows(sql, false);
    LoggedRequest r = data("TAB004").get(0);
    assertEquals("[range(0.1,0.4)]", param(r, "SECTOR"));
    assertEquals("[range(2000,2004)]", param(r, "TIME"));
  }

  @Test
  void datePredicatesArePushed() throws SQLException {
    String sql = "select \"TIME\", \"TIME_date\", \"Emission\" from \"TAB004\""
        + " where \"TIME_date\" >= DATE '2015-01-01' and SECTOR = '0.1' and GREENHOUSEGAS = 'CO2'";
    assertTrue(plan(sql).contains("TIME=top(3)"), plan(sql));
    assertSameRows(sql, false);
    assertEquals("top(3)", param(data("TAB004").get(0), "TIME"));
  }

  @Test
  void timestampTextsOnADateAreItsDateAndArePushed() throws SQLException {
    // Grafana's and Superset's time filters: a text with a time of day and a zone against a
    // DATE is read as PostgreSQL reads it, as its date (this failed with 22007), and narrows
    // the request as the DATE literal does.
    String select = "select \"TIME\", \"TIME_date\", \"Emission\" from \"TAB004\""
        + " where SECTOR = '0.1' and GREENHOUSEGAS = 'CO2' and ";
    String literal = select + "\"TIME_date\" between DATE '2015-01-01' and DATE '2016-01-01'";
    List<List<Object>> expected = assertSameRows(literal, false);
    String sent = param(data("TAB004").get(0), "TIME");
    assertEquals(2, expected.size());
    for (String text : List.of(
        "\"TIME_date\" between '2015-01-01T00:00:00Z' and '2016-01-01T23:59:59.999Z'",
        "\"TIME_date\" >= '2015-01-01 00:00' and \"TIME_date\" <= '2016-01-01 12:00:00'",
        "\"TIME_date\" between '2015-01-01 12:00:00+02' and '2016-01-01T08:00:00-05:00'")) {
      server.resetRequests();
      assertEquals(expected, normalize(Sql.rows(driver, select + text)), text);
      assertEquals(1, data("TAB004").size(), text);
      assertEquals(sent, param(data("TAB004").get(0), "TIME"), text);
    }
    // Not a date with a time of day: Calcite's reading and its error.
    SQLException e = assertThrows(SQLException.class,
        () -> Sql.rows(driver, select + "\"TIME_date\" > '2015-01-01 25:00'"));
    assertEquals("22007", e.getSQLState());
  }

  @Test
  void theClockIsReadWhenTheStatementRuns() throws SQLException {
    // Relative dates as Grafana and Superset write them: CURRENT_DATE and CURRENT_TIMESTAMP are
    // the statement's values (never the day the plan was made), and they narrow the request as
    // the same literal would. This failed in the scan with a null DataContext variable.
    String where = " and SECTOR = '0.1' and GREENHOUSEGAS = 'CO2'";
    String clock = "select \"TIME\", \"Emission\" from \"TAB004\""
        + " where \"TIME_date\" >= CURRENT_DATE - INTERVAL '20' YEAR" + where;
    String literal = "select \"TIME\", \"Emission\" from \"TAB004\" where \"TIME_date\" >= DATE '"
        + java.time.LocalDate.now().minusYears(20) + "'" + where;
    assertTrue(plan(clock).contains("runtime=[1 parameterized]"), plan(clock));
    List<List<Object>> rows = normalize(Sql.rows(driver, clock));
    List<String> sent = data("TAB004").stream().map(r -> param(r, "TIME")).toList();
    server.resetRequests();
    assertFalse(rows.isEmpty());
    assertEquals(normalize(Sql.rows(reference, literal)), rows);
    assertEquals(rows, normalize(Sql.rows(driver, literal)));
    // The same request as the literal's: a top(n) of the years since then, not every year.
    assertEquals(data("TAB004").stream().map(r -> param(r, "TIME")).toList(), sent);
    assertTrue(sent.size() == 1 && sent.get(0).startsWith("top("), sent::toString);
    server.resetRequests();
    // Every year lies before now, and a count of the cells is the metadata's answer: no request.
    String past = "select count(*) from \"TAB004\" where \"TIME_date\" < CURRENT_TIMESTAMP" + where;
    assertEquals(28L, ((Number) Sql.rows(driver, past).get(0).get(0)).longValue());
    assertEquals(0, data("TAB004").size());
  }

  @Test
  void orAndNotWithinOneVariableArePushed() throws SQLException {
    String sql = "select * from \"TAB001\" where (REGION = 'NO' or REGION_label = 'Sweden'"
        + " or REGION like 'D%') and not (SEX = 'T') and AGE = 'TOTAL'";
    assertTrue(plan(sql).contains("REGION=[DE, DK, NO, SE], SEX=[F, M], AGE=[TOTAL]"), plan(sql));
    assertSameRows(sql, false);
    assertEquals(1, data("TAB001").size());
  }

  @Test
  void orAcrossVariablesSendsTheBoundingBoxAndKeepsTheFilter() throws SQLException {
    String sql = "select REGION, SEX, AGE, \"TIME\", HNMGA from \"TAB001\" where AGE = 'TOTAL' and"
        + " ((REGION = 'NO' and SEX = 'F') or (REGION = 'SE' and SEX = 'M'))";
    String plan = plan(sql);
    assertTrue(plan.contains("REGION=[NO, SE], SEX=[F, M], AGE=[TOTAL]"), plan);
    // The exact predicate stays in Calcite above the scan.
    assertTrue(plan.contains("EnumerableCalc") && plan.contains("OR("), plan);
    List<List<Object>> rows = assertSameRows(sql, false);
    assertEquals(2 * 3, rows.size());
    assertEquals(1, data("TAB001").size());
  }

  @Test
  void measurePredicatesStayInCalcite() throws SQLException {
    String sql = "select REGION, \"TIME\", HNMGA from \"TAB001\""
        + " where HNMGA > 1000000 and SEX = 'T' and AGE = 'TOTAL'";
    String plan = plan(sql);
    assertTrue(plan.contains("selection=[[SEX=[T], AGE=[TOTAL]]]"), plan);
    assertTrue(plan.contains(">($"), plan);
    assertSameRows(sql, false);
    assertEquals("*", param(data("TAB001").get(0), "REGION"));
  }

  @Test
  void aPredicateNoValueSatisfiesSendsNothing() throws SQLException {
    String sql = "select * from \"TAB001\" where REGION_label like 'Atlantis%'";
    assertTrue(plan(sql).contains("requests=[0], cells=[0]"), plan(sql));
    assertEquals(List.of(), Sql.rows(driver, sql));
    assertEquals(0, data("TAB001").size());
  }

  @Test
  void onlyTheContentsTheQueryReadsAreRequested() throws SQLException {
    String sql = "select TREATMENT_CAT, WASTE_CAT, \"TIME\", \"WasteHazard\" from \"TAB003\""
        + " where TREATMENT_CAT = '10'";
    assertTrue(plan(sql).contains("ContentsCode=[WasteHazard]"), plan(sql));
    assertSameRows(sql, false);
    assertEquals("WasteHazard", param(data("TAB003").get(0), "ContentsCode"));
  }

  @Test
  void contentsReadOnlyByAResidualFilterAreStillRequested() throws SQLException {
    String sql = "select WASTE_CAT, \"TIME\" from \"TAB003\""
        + " where TREATMENT_CAT = '10' and \"WasteNonHazard\" > 0";
    assertTrue(plan(sql).contains("ContentsCode=[WasteNonHazard]"), plan(sql));
    assertSameRows(sql, false);
    assertEquals("WasteNonHazard", param(data("TAB003").get(0), "ContentsCode"));
  }

  @Test
  void latestPeriodsForOrderByTimeDescLimit() throws SQLException {
    String sql = "select SECTOR, \"TIME\", \"Emission\" from \"TAB004\""
        + " where SECTOR in ('0.1', '0.2') and GREENHOUSEGAS = 'CO2'"
        + " order by \"TIME\" desc, SECTOR limit 5";
    // 5 rows at 2 sectors per year: the 3 latest years.
    assertTrue(plan(sql).contains("TIME=top(3)"), plan(sql));
    assertSameRows(sql, true);
    List<LoggedRequest> r = data("TAB004");
    assertEquals(1, r.size());
    assertEquals("top(3)", param(r.get(0), "TIME"));
  }

  @Test
  void earliestPeriodsForOrderByDateAscLimitWithOffset() throws SQLException {
    String sql = "select \"TIME\", \"Emission\" from \"TAB004\""
        + " where SECTOR = '0.1' and GREENHOUSEGAS = 'CO2'"
        + " order by \"TIME_date\" limit 3 offset 2";
    assertTrue(plan(sql).contains("TIME=[1990, 1991, 1992, 1993, 1994]"), plan(sql));
    assertSameRows(sql, true);
    assertEquals("[range(1990,1994)]", param(data("TAB004").get(0), "TIME"));
  }

  @Test
  void offsetWithoutLimitLeavesOutTheSkippedPeriods() throws SQLException {
    // LIMIT ALL OFFSET n (pxweb-server sends OFFSET n): the periods whose rows are all skipped
    // are not fetched, the sort skips the rest. Before, the whole selection (28 years) was read.
    String sql = "select \"TIME\", \"Emission\" from \"TAB004\""
        + " where SECTOR = '0.1' and GREENHOUSEGAS = 'CO2' order by \"TIME\" offset 20 rows";
    assertTrue(plan(sql).contains("cells=[8]"), plan(sql));
    assertEquals(8, assertSameRows(sql, true).size());
    assertEquals(1, data("TAB004").size());
    String sent = param(data("TAB004").get(0), "TIME");
    assertTrue(sent.equals("top(8)") || sent.equals("[range(2010,2017)]"), sent);
    // Two sectors a year, latest first: 45 rows skipped are 22 whole years and one row more.
    String two = "select \"TIME\", SECTOR, \"Emission\" from \"TAB004\" where SECTOR in"
        + " ('0.1', '0.2') and GREENHOUSEGAS = 'CO2' order by \"TIME_date\" desc, SECTOR"
        + " offset 45 rows";
    assertTrue(plan(two).contains("cells=[12]"), plan(two));
    assertEquals(11, assertSameRows(two, true).size());
    // Fewer rows skipped than a year holds: nothing to leave out.
    String few = "select \"TIME\", SECTOR from \"TAB004\" where GREENHOUSEGAS = 'CO2'"
        + " order by \"TIME\", SECTOR offset 3 rows";
    assertSameRows(few, true);
  }

  @Test
  void limitWithoutOrderFetchesOnlyLeadingCells() throws SQLException {
    String sql = "select * from \"TAB004\" limit 10";
    assertTrue(plan(sql).contains("cells=[10]"), plan(sql));
    List<List<Object>> rows = Sql.rows(driver, sql);
    assertEquals(10, rows.size());
    // Any 10 rows of the cube are right; these must be real rows of it.
    List<List<Object>> all = normalize(Sql.rows(reference, "select * from \"TAB004\""));
    assertTrue(all.containsAll(normalize(rows)));
    LoggedRequest r = data("TAB004").get(0);
    assertEquals(1, data("TAB004").size());
    assertEquals("0.1", param(r, "SECTOR"));
    assertEquals("CH4", param(r, "GREENHOUSEGAS"));
    assertEquals("[range(1990,1999)]", param(r, "TIME"));
  }

  @Test
  void countAndDistinctAreAnsweredFromMetadata() throws SQLException {
    String count = "select count(*) from \"TAB001\" where SEX <> 'T' and REGION like 'S%'";
    // The count is computed at plan time from the selected values: no scan is left.
    assertTrue(plan(count).contains("EnumerableValues"), plan(count));
    assertSameRows(count, false);
    String distinct = "select distinct REGION_label, \"TIME_date\" from \"TAB001\" where REGION < 'C'";
    assertTrue(plan(distinct).contains("requests=[0]"), plan(distinct));
    assertSameRows(distinct, false);
    String dims = "select REGION, SEX, AGE, \"TIME\" from \"TAB001\"";
    assertSameRows(dims, false);
    assertEquals(0, data("TAB001").size());
  }

  @Test
  void parametersAreAppliedWhenTheStatementRuns() throws SQLException {
    String sql = "select SECTOR, \"TIME\", \"Emission\" from \"TAB004\""
        + " where GREENHOUSEGAS = ? and SECTOR like ? and \"TIME\" = '2017'";
    try (PreparedStatement s = driver.prepareStatement("explain plan for " + sql)) {
      s.setString(1, "CO2");
      s.setString(2, "0.%");
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        String plan = rs.getString(1);
        assertTrue(plan.contains("runtime=[2 parameterized]"), plan);
      }
    }
    for (String gas : List.of("CO2", "CH4")) {
      server.resetRequests();
      List<List<Object>> rows;
      try (PreparedStatement s = driver.prepareStatement(sql)) {
        s.setString(1, gas);
        s.setString(2, "0.%");
        try (ResultSet rs = s.executeQuery()) {
          rows = normalize(Sql.rows(rs));
        }
      }
      String literal = sql.replaceFirst("\\?", "'" + gas + "'").replaceFirst("\\?", "'0.%'");
      assertEquals(normalize(Sql.rows(reference, literal)).stream().sorted(Sql::compare).toList(),
          rows.stream().sorted(Sql::compare).toList());
      LoggedRequest r = data("TAB004").get(0);
      assertEquals(gas, param(r, "GREENHOUSEGAS"));
      assertEquals("[range(0.1,0.4)]", param(r, "SECTOR"));
    }
  }

  @Test
  void notPushedSortOnAMeasureOrLabel() throws SQLException {
    String byMeasure = "select \"TIME\", \"Emission\" from \"TAB004\" where SECTOR = '0.1'"
        + " and GREENHOUSEGAS = 'CO2' order by \"Emission\" desc limit 3";
    String plan = plan(byMeasure);
    assertFalse(plan.contains("TIME=top"), plan);
    assertTrue(plan.contains("cells=[28]"), plan);
    assertSameRows(byMeasure, true);
    String byLabelWithResidual = "select \"TIME\", \"Emission\" from \"TAB004\" where SECTOR = '0.1'"
        + " and GREENHOUSEGAS = 'CO2' and \"Emission\" > 0 order by \"TIME\" desc limit 3";
    // A residual filter between the sort and the scan: the latest periods might not qualify.
    assertFalse(plan(byLabelWithResidual).contains("TIME=top"), plan(byLabelWithResidual));
    assertSameRows(byLabelWithResidual, true);
  }

  @Test
  void notPushedPredicatesAcrossVariablesWithoutOr() throws SQLException {
    String sql = "select REGION, SEX from \"TAB001\" where REGION_label > SEX_label"
        + " and AGE = 'TOTAL' and \"TIME\" = '2001' and HNMGA is not null";
    String plan = plan(sql);
    assertTrue(plan.contains("selection=[[AGE=[TOTAL], TIME=top(1)]]"), plan);
    assertSameRows(sql, false);
    assertEquals("*", param(data("TAB001").get(0), "REGION"));
  }

  @Test
  void fullScanOverTheCellLimitIsSplitAndEqualsTheUnsplitResult() throws SQLException {
    String sql = "select * from \"TAB001\"";
    try (Connection small = DriverManager.getConnection(server.jdbcUrl() + ";maxDataCells=1000")) {
      String plan = Sql.explain(small, sql);
      assertTrue(plan.contains("requests=[6], cells=[5940]"), plan);
      server.resetRequests();
      List<List<Object>> split = normalize(Sql.rows(small, sql)).stream().sorted(Sql::compare).toList();
      assertEquals(6, data("TAB001").size());
      for (LoggedRequest r : data("TAB001")) {
        long cells = Requests.cells(r, server.table("TAB001"));
        assertTrue(cells > 0 && cells <= 1000, cells + " cells in " + r.getUrl());
      }
      server.resetRequests();
      List<List<Object>> whole = normalize(Sql.rows(driver, sql)).stream().sorted(Sql::compare).toList();
      assertEquals(1, data("TAB001").size());
      assertEquals(whole, split);
    }
  }
}
