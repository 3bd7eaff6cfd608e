package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.pxweb.jdbc.e2e.Sql.normalize;
import static io.pxweb.jdbc.e2e.Sql.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pxweb.jdbc.testserver.Cell;
import io.pxweb.jdbc.testserver.PxWebTestServer;
import io.pxweb.jdbc.testserver.TestCodelist;
import io.pxweb.jdbc.testserver.TestTable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Codelists as tables: {@code "<id>@<codelist>"} applies a grouping or value set. */
class CodelistTableTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  @BeforeEach
  void reset() {
    server.resetRequests();
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl() + ";metadataTtl=0");
  }

  private static List<List<Object>> expected(String codelistId, List<String> regions) {
    TestTable t = server.table("TAB001");
    TestCodelist cl = server.catalog().codelist(codelistId);
    List<List<Object>> rows = new ArrayList<>();
    for (TestCodelist.Value region : cl.values()) {
      if (regions != null && !regions.contains(region.code())) {
        continue;
      }
      for (String time : t.valueCodes("TIME")) {
        Cell cell = t.cell(Map.of("REGION", region.code(), "SEX", "T", "AGE", "TOTAL",
            "ContentsCode", "HNMGA", "TIME", time), Map.of("REGION", codelistId));
        rows.add(row(region.code(), region.label(), time, cell.value(), cell.status()));
      }
    }
    return rows;
  }

  @Test
  void aGroupingSumsItsMembersOnTheServer() throws SQLException {
    String sql = "select REGION, REGION_label, \"TIME\", HNMGA, HNMGA_status"
        + " from statbank.\"TAB001@agg_NordicBaltic\" where SEX = 'T' and AGE = 'TOTAL'";
    try (Connection c = connect()) {
      assertEquals(normalize(expected("agg_NordicBaltic", null)), normalize(Sql.rows(c, sql)));
      String plan = Sql.explain(c, sql);
      assertTrue(plan.contains("table=[[statbank, TAB001@agg_NordicBaltic]]"), plan);
    }
    server.verify(exactly(1), getRequestedFor(urlPathEqualTo("/api/v2/tables/TAB001/metadata"))
        .withQueryParam("codelist[REGION]", equalTo("agg_NordicBaltic")));
    List<LoggedRequest> data = server.findAll(anyRequestedFor(
        urlPathEqualTo("/api/v2/tables/TAB001/data")));
    assertEquals(1, data.size());
    assertEquals("agg_NordicBaltic",
        data.get(0).queryParameter("codelist[REGION]").firstValue());
    assertEquals("*", data.get(0).queryParameter("valueCodes[REGION]").firstValue());
  }

  @Test
  void filtersPushDownToTheCodelistsCodes() throws SQLException {
    String sql = "select REGION, REGION_label, \"TIME\", HNMGA, HNMGA_status"
        + " from \"tab001@vs_Nordic\" where REGION in ('NO', 'SE') and SEX = 'T' and AGE = 'TOTAL'";
    try (Connection c = connect()) {
      assertEquals(normalize(expected("vs_Nordic", List.of("NO", "SE"))),
          normalize(Sql.rows(c, sql)));
    }
    LoggedRequest r = server.findAll(anyRequestedFor(
        urlPathEqualTo("/api/v2/tables/TAB001/data"))).get(0);
    assertEquals("NO,SE", r.queryParameter("valueCodes[REGION]").firstValue());
    assertEquals("vs_Nordic", r.queryParameter("codelist[REGION]").firstValue());
  }

  @Test
  void unknownCodelistsAreClearErrors() throws SQLException {
    try (Connection c = connect()) {
      SQLException e = assertThrows(SQLException.class,
          () -> Sql.rows(c, "select * from \"TAB001@agg_Nowhere\""));
      assertEquals("42S02", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("agg_Nowhere") && e.getMessage().contains("meta.codelists"),
          e.getMessage());
      // Codelist ids are case-sensitive, as at the servers.
      SQLException cased = assertThrows(SQLException.class,
          () -> Sql.rows(c, "select * from \"TAB001@AGG_NordicBaltic\""));
      assertEquals("42S02", cased.getSQLState(), cased.getMessage());
    }
  }

  @Test
  void codelistTablesResolveInEachSchemaOfTheirTableWithoutBeingListed() throws SQLException {
    try (Connection c = connect()) {
      List<String> schemas = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, null, "TAB001", null)) {
        while (rs.next()) {
          schemas.add(rs.getString("TABLE_SCHEM"));
        }
      }
      assertTrue(schemas.size() >= 2 && schemas.contains("statbank"), schemas.toString());
      for (String schema : schemas) {
        assertEquals(normalize(expected("vs_Nordic", List.of("NO"))), normalize(Sql.rows(c,
            "select REGION, REGION_label, \"TIME\", HNMGA, HNMGA_status from " + schema
            + ".\"tab001@vs_Nordic\" where REGION = 'NO' and SEX = 'T' and AGE = 'TOTAL'")),
            schema);
        try (ResultSet rs = c.getMetaData().getTables(null, schema, "%", null)) {
          while (rs.next()) {
            assertFalse(rs.getString("TABLE_NAME").contains("@"), rs.getString("TABLE_NAME"));
          }
        }
      }
    }
  }
}
