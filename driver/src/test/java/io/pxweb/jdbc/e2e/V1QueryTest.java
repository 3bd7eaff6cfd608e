package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.pxweb.jdbc.e2e.Sql.normalize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pxweb.jdbc.testserver.TestTable;
import io.pxweb.jdbc.testserver.V1TestServer;
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

/**
 * SQL over a PxWebApi v1 server: the rows (against the reference engine), the plan (EXPLAIN)
 * and the exact POST bodies sent, with the server's 1,000-cell limit from {@code ?config}.
 */
class V1QueryTest {
  @RegisterExtension
  static V1TestServer server = V1TestServer.builder().maxCells(1000).calls(10_000, 10, false)
      .mount("PO/PO02", "TAB001", "TAB004").build();

  @RegisterExtension
  static ServerConnections connections = new ServerConnections(server::jdbcUrl, server::catalog);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @BeforeEach
  void reset() {
    server.resetRequests();
  }

  private static List<List<Object>> assertSameRows(String sql) throws SQLException {
    List<List<Object>> actual = normalize(Sql.rows(connections.driver(), sql)).stream().sorted(Sql::compare)
        .toList();
    List<List<Object>> expected = normalize(Sql.rows(connections.reference(), sql)).stream()
        .sorted(Sql::compare).toList();
    assertEquals(expected, actual, sql);
    assertFalse(actual.isEmpty(), sql);
    return actual;
  }

  private static String plan(String sql) throws SQLException {
    String plan = Sql.explain(connections.driver(), sql);
    server.resetRequests();
    return plan;
  }

  private static List<String> bodies(String path) {
    return server.findAll(postRequestedFor(urlPathEqualTo("/api/v1/en/testdb/" + path))).stream()
        .map(LoggedRequest::getBodyAsString).toList();
  }

  /** The body the v1 contract asks for: every variable, in metadata order, json-stat2. */
  private static String body(TestTable t, Map<String, Object> selections) {
    ObjectNode body = MAPPER.createObjectNode();
    ArrayNode query = body.putArray("query");
    for (String v : t.variableCodes()) {
      Object s = selections.getOrDefault(v, "*");
      ObjectNode sel = query.addObject().put("code", v).putObject("selection");
      if ("*".equals(s)) {
        sel.put("filter", "all").putArray("values").add("*");
      } else if (s instanceof Integer n) {
        sel.put("filter", "top").putArray("values").add(Integer.toString(n));
      } else {
        sel.put("filter", "item");
        ArrayNode values = sel.putArray("values");
        @SuppressWarnings("unchecked") List<String> codes = (List<String>) s;
        // Table order, whatever the order in SQL.
        t.valueCodes(v).stream().filter(codes::contains).forEach(values::add);
      }
    }
    body.putObject("response").put("format", "json-stat2");
    return body.toString();
  }

  @Test
  void equalityAndInSelectExactlyTheirCodes() throws SQLException {
    String sql = "select REGION, SEX, AGE, \"TIME\", HNMGA from \"TAB001\""
        + " where REGION in ('SE', 'NO') and SEX = 'F'";
    assertTrue(plan(sql).contains("REGION=[NO, SE]") || plan(sql).contains("REGION=[SE, NO]"),
        plan(sql));
    assertSameRows(sql);
    assertEquals(List.of(body(server.table("TAB001"),
        Map.of("REGION", List.of("NO", "SE"), "SEX", List.of("F")))), bodies("PO/PO01/TAB001"));
  }

  @Test
  void latestPeriodsAreTop() throws SQLException {
    String sql = "select \"TIME\", \"TIME_date\", \"Emission\" from \"TAB004\""
        + " where \"TIME_date\" >= DATE '2015-01-01' and SECTOR = '0.1' and GREENHOUSEGAS = 'CO2'";
    assertTrue(plan(sql).contains("TIME=top(3)"), plan(sql));
    assertSameRows(sql);
    assertEquals(List.of(body(server.table("TAB004"), Map.of("SECTOR", List.of("0.1"),
        "GREENHOUSEGAS", List.of("CO2"), "TIME", 3))), bodies("EN/EN02/TAB004"));
  }

  @Test
  void fullScanIsSplitWithinTheConfigLimit() throws SQLException {
    String sql = "select * from \"TAB001\"";
    String plan = plan(sql);
    assertTrue(plan.contains("requests=[6], cells=[5940]"), plan);
    assertSameRows(sql);
    List<String> sent = bodies("PO/PO01/TAB001");
    assertEquals(6, sent.size());
    for (String b : sent) {
      assertFalse(b.contains("\"filter\":\"top\""), b);
    }
    // None refused: the driver kept to maxCells from ?config.
    assertEquals(0, server.getAllServeEvents().stream()
        .filter(e -> e.getResponse().getStatus() == 403).count());
  }

  @Test
  void tableNamesThatClashAreNamedByTheirFolder() throws SQLException {
    List<String> po = new ArrayList<>();
    try (ResultSet rs = connections.driver().getMetaData().getTables(null, "PO", "%", null)) {
      while (rs.next()) {
        po.add(rs.getString("TABLE_NAME"));
      }
    }
    assertTrue(po.contains("TAB001") && po.contains("PO02/TAB001"), po.toString());
    // The second TAB001 is TAB004's cube, at its own path.
    String sql = "select count(*) from \"PO02/TAB001\" where GREENHOUSEGAS = 'CO2'";
    assertEquals(List.of(List.of((long) server.table("TAB004").valueCodes("SECTOR").size()
        * server.table("TAB004").valueCodes("TIME").size())), Sql.rows(connections.driver(), sql));
    assertEquals(1, bodies("PO/PO02/TAB001").size());
  }

  @Test
  void unitsAndDecimalsComeFromTheProbeOnce() throws SQLException {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
      server.resetRequests();
      Sql.rows(c, "select \"WasteHazard\" from \"TAB003\" where \"TIME\" = '2014'");
      Sql.rows(c, "select \"WasteHazard\" from \"TAB003\" where \"TIME\" = '2016'");
    }
    // One metadata GET and one probe for the connection, one data POST per statement.
    assertEquals(1, server.findAll(getRequestedFor(urlPathEqualTo(
        "/api/v1/en/testdb/EN/EN01/TAB003"))).size());
    List<String> posts = bodies("EN/EN01/TAB003");
    assertEquals(3, posts.size(), posts.toString());
    assertTrue(posts.get(0).contains("\"filter\":\"top\",\"values\":[\"1\"]"), posts.get(0));
  }

  @Test
  void langRewritesTheLanguageSegment() throws SQLException {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl() + ";lang=sv")) {
      Sql.rows(c, "select count(*) from \"TAB004\" where SECTOR = '0.1' and GREENHOUSEGAS = 'CO2'");
    }
    assertFalse(server.findAll(postRequestedFor(urlPathEqualTo(
        "/api/v1/sv/testdb/EN/EN02/TAB004"))).isEmpty());
    assertTrue(server.findAll(postRequestedFor(urlPathMatching("/api/v1/en/.*"))).isEmpty());
  }

  @Test
  void searchAsksTheServersIndexWithoutWalkingTheTreeAgain() throws SQLException {
    String sql = "SELECT id FROM meta.tables WHERE search = 'emissions' ORDER BY id";
    try (Connection c = DriverManager.getConnection(server.jdbcUrl() + ";metadataTtl=0")) {
      server.resetRequests();
      // Both tables whose titles say emissions; TAB001 under PO/PO02 is named by its folder
      // because another TAB001 with another title is listed too.
      assertEquals(List.of(List.of("PO02/TAB001"), List.of("TAB004")), Sql.rows(c, sql));
      // The search, then the two subjects that hold hits (to name them), nothing else.
      assertEquals(List.of("/api/v1/en/testdb?query=emissions", "/api/v1/en/testdb/EN",
          "/api/v1/en/testdb/EN/EN02", "/api/v1/en/testdb/EN/EN01", "/api/v1/en/testdb/PO",
          "/api/v1/en/testdb/PO/PO01", "/api/v1/en/testdb/PO/PO02"), gets());
      server.resetRequests();
      assertEquals(List.of(List.of("PO02/TAB001"), List.of("TAB004")), Sql.rows(c, sql));
      assertEquals(List.of("/api/v1/en/testdb?query=emissions"), gets());
    }
  }

  private static List<String> gets() {
    return server.findAll(getRequestedFor(urlPathMatching("/api/v1/.*"))).stream()
        .map(LoggedRequest::getUrl).toList();
  }

  @Test
  void aServerWithoutSearchIsSearchedInTheTableList() throws SQLException {
    var stub = server.stubFor(com.github.tomakehurst.wiremock.client.WireMock
        .get(urlPathEqualTo("/api/v1/en/testdb"))
        .withQueryParam("query", com.github.tomakehurst.wiremock.client.WireMock.matching(".*"))
        .atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
            .withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":\"Search not activated\"}")));
    try (Connection c = DriverManager.getConnection(server.jdbcUrl() + ";metadataTtl=0")) {
      server.resetRequests();
      assertEquals(List.of(List.of("PO02/TAB001"), List.of("TAB004")),
          Sql.rows(c, "SELECT id FROM meta.tables WHERE search = 'emissions' ORDER BY id"));
      // The refused search, then every folder once: the whole list is searched.
      List<String> first = gets();
      assertEquals("/api/v1/en/testdb?query=emissions", first.get(0));
      assertEquals(new java.util.HashSet<>(first).size(), first.size(), first.toString());
      assertTrue(first.containsAll(List.of("/api/v1/en/testdb/EN/EN01",
          "/api/v1/en/testdb/PO/PO02", "/api/v1/en/testdb/AM")), first.toString());
      server.resetRequests();
      assertEquals(List.of(List.of("PO02/TAB001"), List.of("TAB004")),
          Sql.rows(c, "SELECT id FROM meta.tables WHERE search = 'emissions' ORDER BY id"));
      // Then only the refused search: the walked list answers.
      assertEquals(List.of("/api/v1/en/testdb?query=emissions"), gets());
    } finally {
      server.removeStub(stub);
    }
  }
}
