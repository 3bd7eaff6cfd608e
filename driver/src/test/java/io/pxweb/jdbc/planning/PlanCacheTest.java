package io.pxweb.jdbc.planning;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The plan cache: the same SQL text again reuses the connection's plan, and every execution
 * still binds its own parameters, honours its own row limit and sends its own requests.
 */
class PlanCacheTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  private static final String BY_REGION = "select REGION, \"TIME\", HNMGA from \"TAB001\""
      + " where SEX = 'T' and AGE = 'TOTAL' and REGION = ? order by \"TIME\"";

  private static CalciteSchema root(Connection c) throws SQLException {
    return c.unwrap(CalciteConnection.class).getRootSchema().unwrap(CalciteSchema.class);
  }

  private static List<List<Object>> rows(ResultSet rs) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        row.add(rs.getObject(i));
      }
      out.add(row);
    }
    return out;
  }

  private static List<List<Object>> run(Connection c, String sql, String region)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, region);
      try (ResultSet rs = p.executeQuery()) {
        return rows(rs);
      }
    }
  }

  private static List<LoggedRequest> dataRequests() {
    return server.findAll(anyRequestedFor(urlPathEqualTo("/api/v2/tables/TAB001/data")));
  }

  @Test
  void theSameTextReusesOnePlanAndEachExecutionBindsItsOwnParameters() throws SQLException {
    try (Connection cached = DriverManager.getConnection(server.jdbcUrl());
         Connection uncached = DriverManager.getConnection(server.jdbcUrl() + ";planCacheSize=0")) {
      List<List<Object>> no = run(uncached, BY_REGION, "NO");
      List<List<Object>> se = run(uncached, BY_REGION, "SE");
      assertNotEquals(no, se);
      assertEquals(0, PlanCache.size(root(uncached)));

      server.resetRequests();
      assertEquals(no, run(cached, BY_REGION, "NO"));
      assertEquals(1, PlanCache.size(root(cached)));
      // Two open statements share the plan; each keeps its own parameter, and each
      // execution sends its own request for its own region.
      try (PreparedStatement a = cached.prepareStatement(BY_REGION);
           PreparedStatement b = cached.prepareStatement(BY_REGION)) {
        a.setString(1, "SE");
        b.setString(1, "NO");
        try (ResultSet ra = a.executeQuery(); ResultSet rb = b.executeQuery()) {
          List<List<Object>> fromA = new ArrayList<>();
          List<List<Object>> fromB = new ArrayList<>();
          // Interleaved, as two dashboard tiles may read.
          while (ra.next() & rb.next()) {
            fromA.add(Arrays.asList(ra.getObject(1), ra.getObject(2), ra.getObject(3)));
            fromB.add(Arrays.asList(rb.getObject(1), rb.getObject(2), rb.getObject(3)));
          }
          assertEquals(se, fromA);
          assertEquals(no, fromB);
        }
      }
      assertEquals(1, PlanCache.size(root(cached)));
      List<String> regions = dataRequests().stream()
          .map(r -> r.queryParameter("valueCodes[REGION]").firstValue()).toList();
      assertEquals(List.of("NO", "SE", "NO"), regions);
    }
  }

  @Test
  void theRowLimitAndTheTextArePartOfTheKey() throws SQLException {
    String all = "select REGION from \"TAB001\" where SEX = 'T' and AGE = 'TOTAL'"
        + " and \"TIME\" = '2001'";
    String other = all.replace("'2001'", "'2000'");
    List<List<Object>> expectedOther;
    try (Connection uncached = DriverManager.getConnection(server.jdbcUrl() + ";planCacheSize=0");
         Statement s = uncached.createStatement(); ResultSet rs = s.executeQuery(other)) {
      expectedOther = rows(rs);
    }
    try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
      List<List<Object>> first;
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(all)) {
        first = rows(rs);
      }
      int full = first.size();
      assertNotEquals(first, expectedOther);
      assertTrue(full > 2, "rows: " + full);
      try (Statement s = c.createStatement()) {
        s.setMaxRows(2);
        try (ResultSet rs = s.executeQuery(all)) {
          assertEquals(2, rows(rs).size());
        }
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(all)) {
        assertEquals(full, rows(rs).size());
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(other)) {
        assertEquals(expectedOther, rows(rs));
      }
      assertEquals(3, PlanCache.size(root(c)));
    }
  }

  @Test
  void theCacheIsBoundedAndDroppedWithTheConnection() throws SQLException {
    Connection c = DriverManager.getConnection(server.jdbcUrl() + ";planCacheSize=2");
    CalciteSchema root = root(c);
    for (String year : List.of("2000", "2001", "2002")) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "select count(*) from \"TAB001\" where \"TIME\" = '" + year + "'")) {
        assertTrue(rs.next());
      }
    }
    assertEquals(2, PlanCache.size(root));
    // A failed statement is not kept.
    try (Statement s = c.createStatement()) {
      s.executeQuery("select nope from \"TAB001\"");
    } catch (SQLException expected) {
      assertEquals("42S22", expected.getSQLState(), expected.getMessage());
    }
    assertEquals(2, PlanCache.size(root));
    c.close();
    assertEquals(0, PlanCache.size(root));
  }
}
