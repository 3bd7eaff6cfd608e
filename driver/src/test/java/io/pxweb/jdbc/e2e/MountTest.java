package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import io.pxweb.jdbc.testserver.V1TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several statbanks in one connection: a PxWebApi 2.0 server as the main source and a v1
 * server mounted as schema {@code v1}; one statement joins their tables on period dates, each
 * side's predicates pushed to its own server.
 */
class MountTest {
  @RegisterExtension
  static PxWebTestServer v2 = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  @RegisterExtension
  static V1TestServer v1 = V1TestServer.builder().calls(10_000, 10, false).build();

  private static String url() {
    return v2.jdbcUrl() + ";mount.v1={" + v1.baseUrl() + "}";
  }

  @Test
  void joinOnPeriodDatesAcrossTwoStatbanks() throws SQLException {
    String sql = "select a.\"TIME\", a.\"Emission\" as e2, b.\"Emission\" as e1"
        + " from statbank.\"TAB004\" a join v1.\"TAB004\" b on a.\"TIME_date\" = b.\"TIME_date\""
        + " where a.SECTOR = '0.1' and a.GREENHOUSEGAS = 'CO2'"
        + " and b.SECTOR = '0.1' and b.GREENHOUSEGAS = 'CO2'";
    List<List<Object>> rows;
    try (Connection c = DriverManager.getConnection(url())) {
      rows = Sql.rows(c, sql);
      String plan = Sql.explain(c, sql);
      assertTrue(plan.contains("[[statbank, TAB004]]") && plan.contains("[[v1, TAB004]]"), plan);
    }
    assertEquals(v2.table("TAB004").valueCodes("TIME").size(), rows.size());
    for (List<Object> r : rows) {
      // The same cube on both servers: the same number for each period.
      assertEquals(String.valueOf(r.get(1)), String.valueOf(r.get(2)), r.toString());
    }
    // Each side's selection went to its own server, once.
    assertEquals(1, v2.findAll(anyRequestedFor(urlPathEqualTo("/api/v2/tables/TAB004/data")))
        .size());
    assertFalse(v1.findAll(postRequestedFor(urlPathEqualTo("/api/v1/en/testdb/EN/EN02/TAB004")))
        .stream().filter(r -> r.getBodyAsString().contains("\"values\":[\"0.1\"]")).toList()
        .isEmpty());
  }

  @Test
  void theMountIsASchemaOfItsOwn() throws SQLException {
    try (Connection c = DriverManager.getConnection(url())) {
      List<String> schemas = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getSchemas()) {
        while (rs.next()) {
          schemas.add(rs.getString("TABLE_SCHEM"));
        }
      }
      assertTrue(schemas.contains("v1") && schemas.contains("statbank"), schemas.toString());
    }
  }

  @Test
  void aMountMayNotHideAnotherSchema() {
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
        v2.jdbcUrl() + ";mount.statbank={" + v1.baseUrl() + "}"));
    assertEquals("42000", e.getSQLState());
  }

  @Test
  void connectingReadsTheMountsConfigurationAndTopListingOnly() throws SQLException {
    v1.resetRequests();
    try (Connection c = DriverManager.getConnection(v2.jdbcUrl() + ";metadataTtl=0;mount.v1={"
        + v1.baseUrl() + "}")) {
      assertEquals(List.of("/api/v1/en/testdb?config", "/api/v1/en/testdb"),
          v1.findAll(getRequestedFor(urlPathMatching("/api/v1/.*"))).stream()
              .map(r -> r.getUrl()).toList());
    }
  }

  @Test
  void theMountHasItsSubjectsAndItsOwnMeta() throws SQLException {
    String where = " where SECTOR = '0.1' and GREENHOUSEGAS = 'CO2'";
    try (Connection c = DriverManager.getConnection(url())) {
      List<List<Object>> nested = Sql.rows(c, "select count(*) from v1.EN.\"TAB004\"" + where);
      // The same subject as DatabaseMetaData lists it: one top-level schema named v1.EN.
      assertEquals(nested, Sql.rows(c, "select count(*) from \"v1.EN\".\"TAB004\"" + where));
      assertEquals(List.of(List.of((long) v1.table("TAB004").valueCodes("TIME").size())), nested);
      List<String> schemas = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getSchemas()) {
        while (rs.next()) {
          schemas.add(rs.getString("TABLE_SCHEM"));
        }
      }
      assertTrue(schemas.containsAll(List.of("v1", "v1.EN", "v1.PO", "v1.meta", "meta", "EN")),
          schemas.toString());
      List<String> en = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, "v1.EN", "%", null)) {
        while (rs.next()) {
          en.add(rs.getString("TABLE_NAME"));
        }
      }
      assertTrue(en.contains("TAB004") && !en.contains("TAB001"), en.toString());
      // The mount's own catalog tables, asked of its own server.
      v1.resetRequests();
      List<List<Object>> variables = Sql.rows(c,
          "select variable_code from v1.meta.variables where table_id = 'TAB003'");
      assertFalse(variables.isEmpty());
      assertEquals(variables, Sql.rows(c,
          "select variable_code from \"v1.meta\".variables where table_id = 'TAB003'"));
      assertEquals(1, v1.findAll(getRequestedFor(urlPathEqualTo(
          "/api/v1/en/testdb/EN/EN01/TAB003"))).size());
      List<List<Object>> ids = Sql.rows(c, "select id from v1.meta.tables where id = 'TAB003'");
      assertEquals(List.of(List.of("TAB003")), ids);
    }
  }
}
