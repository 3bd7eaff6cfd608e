package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.pxweb.jdbc.e2e.Sql.normalize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Answers the metadata already holds cost no data request: counts, MIN/MAX of codes, labels
 * and dates (also as subqueries that narrow a scan), and the leading slice of a table ordered
 * by any variables' codes. Each test checks the rows (against a plain SQL engine over the full
 * cube), the plan and the exact requests.
 */
class MetadataAnswersTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  @RegisterExtension
  static ServerConnections db = new ServerConnections(server);


  @BeforeEach
  void reset() {
    server.resetRequests();
  }

  private static List<LoggedRequest> data() {
    return server.findAll(anyRequestedFor(urlPathMatching("/api/v2/tables/[^/]+/data")));
  }

  private static String param(LoggedRequest r, String variable) {
    return r.queryParameter("valueCodes[" + variable + "]").firstValue();
  }

  private static String plan(String sql) throws SQLException {
    String plan = Sql.explain(db.driver(), sql);
    server.resetRequests();
    return plan;
  }

  /** Runs the query on the driver and on the reference (with its own SQL); rows must match. */
  private static List<List<Object>> assertSameRows(String sql, String referenceSql)
      throws SQLException {
    List<List<Object>> actual = normalize(Sql.rows(db.driver(), sql));
    assertEquals(normalize(Sql.rows(db.reference(), referenceSql)), actual, sql);
    return actual;
  }

  @Test
  void countWithoutWhereIsAnsweredFromMetadata() throws SQLException {
    String sql = "select count(*) from \"TAB004\"";
    String plan = plan(sql);
    assertTrue(plan.contains("EnumerableValues"), plan);
    assertFalse(plan.contains("PxTableScan"), plan);
    assertEquals(List.of(List.of(14L * 11 * 28)), assertSameRows(sql, sql));
    assertEquals(List.of(), data());
  }

  @Test
  void countsInScalarSubqueriesUnionBranchesAndSubjectSchemasCostNothing() throws SQLException {
    String scalar = "select (select count(*) from \"TAB001\") as n, count(*) as m"
        + " from \"TAB004\" where SECTOR = '0.1'";
    assertSameRows(scalar, scalar);
    String union = "select count(*) from \"TAB001\" union all select count(*) from \"TAB003\"";
    List<List<Object>> counts = assertSameRows(union + " order by 1", union + " order by 1");
    assertEquals(List.of(List.of(9L * 34 * 4), List.of(30L * 3 * 22 * 3)), counts);
    String subject = "select count(*) from \"EN\".\"TAB004\"";
    assertTrue(plan(subject).contains("EnumerableValues"), plan(subject));
    assertSameRows(subject, "select count(*) from \"TAB004\"");
    assertEquals(List.of(), data());
  }

  @Test
  void latestPeriodSubqueryFetchesOnlyThatPeriod() throws SQLException {
    String sql = "select SECTOR, \"TIME\", \"Emission\" from \"TAB004\""
        + " where \"TIME\" = (select max(\"TIME\") from \"TAB004\") and GREENHOUSEGAS = 'CO2'";
    String plan = plan(sql);
    assertTrue(plan.contains("selection=[[GREENHOUSEGAS=[CO2], TIME=top(1)]], requests=[1],"
        + " cells=[14]"), plan);
    List<List<Object>> rows = assertSameRows(sql + " order by SECTOR", sql + " order by SECTOR");
    assertEquals(14, rows.size());
    List<LoggedRequest> r = data();
    assertEquals(1, r.size());
    assertEquals("top(1)", param(r.get(0), "TIME"));
    assertEquals("CO2", param(r.get(0), "GREENHOUSEGAS"));
  }

  @Test
  void minOfDatesAndCodesInSubqueriesBecomeLiterals() throws SQLException {
    String sql = "select Kjonn, Alder, \"Tid\", \"Personer\" from \"05810\""
        + " where \"Tid_date\" = (select min(\"Tid_date\") from \"05810\")"
        + " and Kjonn = (select max(Kjonn) from \"05810\")";
    String plan = plan(sql);
    assertTrue(plan.contains("selection=[[Kjonn=[2], Tid=[1845]]], requests=[1], cells=[7]"),
        plan);
    assertSameRows(sql + " order by Alder", sql + " order by Alder");
    List<LoggedRequest> r = data();
    assertEquals(1, r.size());
    assertEquals("1845", param(r.get(0), "Tid"));
  }

  @Test
  void minMaxAndDistinctCountsOfVariablesCostNothing() throws SQLException {
    String sql = "select min(REGION_label), max(\"TIME_date\"), count(distinct SEX),"
        + " max(AGE) from \"TAB001\" where AGE <> 'TOTAL'";
    assertTrue(plan(sql).contains("EnumerableValues"), plan(sql));
    assertSameRows(sql, sql);
    assertEquals(List.of(), data());
  }

  @Test
  void orderByCodesWithLimitFetchesTheLeadingSlice() throws SQLException {
    String sql = "select * from \"TAB004\" order by SECTOR desc, GREENHOUSEGAS, \"TIME\" limit 3";
    String plan = plan(sql);
    // Codes sort as text: 9.0 is the last sector, CH4 the first gas, then three periods.
    assertTrue(plan.contains("selection=[[SECTOR=[9.0], GREENHOUSEGAS=[CH4],"
        + " TIME=[1990, 1991, 1992]]], requests=[1], cells=[3]"), plan);
    assertEquals(3, assertSameRows(sql, sql).size());
    LoggedRequest r = data().get(0);
    assertEquals("9.0", param(r, "SECTOR"));
    assertEquals("CH4", param(r, "GREENHOUSEGAS"));
    assertEquals("[range(1990,1992)]", param(r, "TIME"));
  }

  @Test
  void offsetCountsInTheSlice() throws SQLException {
    String sql = "select REGION, SEX, AGE, \"TIME\", HNMGA from \"TAB001\""
        + " order by REGION, SEX, AGE, \"TIME\" limit 5 offset 70";
    String plan = plan(sql);
    // 75 rows: one region holds 3 * 22 * 3 = 198; within it one sex holds 66, so two sexes.
    assertTrue(plan.contains("selection=[[REGION=[AT], SEX=[F, M]]], requests=[1], cells=[132]"),
        plan);
    assertSameRows(sql, sql);
    assertEquals(1, data().size());
  }

  @Test
  void orderByPeriodDatesDescendingThenCodes() throws SQLException {
    String sql = "select \"Tid\", Kjonn, Alder, \"Personer\" from \"05810\""
        + " order by \"Tid_date\" desc, Kjonn, Alder limit 2";
    String plan = plan(sql);
    assertTrue(plan.contains("selection=[[Kjonn=[0], Alder=["), plan);
    assertTrue(plan.contains("Tid=top(1)]], requests=[1], cells=[2]"), plan);
    assertSameRows(sql, sql);
    assertEquals("top(1)", param(data().get(0), "Tid"));
  }

  @Test
  void orderByALabelIsNotPushedBeyondTheCodesBeforeIt() throws SQLException {
    String sql = "select SECTOR, GREENHOUSEGAS_label, \"TIME\", \"Emission\" from \"TAB004\""
        + " order by SECTOR, GREENHOUSEGAS_label, \"TIME\" limit 4";
    String plan = plan(sql);
    // Labels may repeat: only the first sector is known to hold the first rows.
    assertTrue(plan.contains("selection=[[SECTOR=[0.1]]], requests=[1], cells=[308]"), plan);
    assertSameRows(sql, sql);
  }
}
