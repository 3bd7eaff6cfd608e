package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import io.pxweb.jdbc.PxWebDriver;
import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Headers and proxies for internal servers; secrets never shown; SQL text never reaches the URL. */
class SecurityTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  private static final String SECRET = "Bearer s3cr3t-t0ken";

  @BeforeEach
  void reset() {
    server.resetRequests();
  }

  @Test
  void extraHeadersGoOnEveryCallAndNeverIntoMessages() throws SQLException {
    Properties info = new Properties();
    info.setProperty("httpHeaders", "Authorization:" + SECRET + "|X-Api-Key:k3y");
    server.respondTo(RequestMethod.GET, "/tables/TAB004/data", aResponse().withStatus(503));
    try (Connection c = DriverManager.getConnection(server.jdbcUrl() + ";retries=0;metadataTtl=0", info)) {
      SQLException e = assertThrows(SQLException.class,
          () -> Sql.rows(c, "select * from \"TAB004\""));
      assertFalse(e.getMessage().contains("s3cr3t") || e.getMessage().contains("k3y"), e.getMessage());
    }
    server.verify(exactly(1), getRequestedFor(urlPathEqualTo("/api/v2/config"))
        .withHeader("Authorization", equalTo(SECRET)).withHeader("X-Api-Key", equalTo("k3y")));
    server.verify(exactly(1), getRequestedFor(urlPathEqualTo("/api/v2/tables/TAB004/data"))
        .withHeader("Authorization", equalTo(SECRET)));
  }

  @Test
  void secretsAreRedactedInPropertyInfoAndUrls() throws SQLException {
    String url = server.jdbcUrl() + ";proxyPassword=hunter2;httpHeaders=Authorization:x";
    DriverPropertyInfo[] infos = new PxWebDriver().getPropertyInfo(url, new Properties());
    for (DriverPropertyInfo i : infos) {
      if (i.name.equals("proxyPassword") || i.name.equals("httpHeaders")) {
        assertEquals("***", i.value, i.name);
      }
    }
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
        "jdbc:pxweb:http://user:hunter2@localhost:1/api/v2;proxyPassword=hunter2;bogus=1"));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertTrue(e.getMessage().contains("bogus"), e.getMessage());
  }

  @Test
  void callsGoThroughTheConfiguredProxy() throws SQLException {
    // The test server stands in for a forward proxy: the driver asks it for absolute URLs of a
    // host that does not exist, so an answer proves the call went through the proxy.
    String url = "jdbc:pxweb:http://statbank.invalid/api/v2;proxy=localhost:" + server.getPort()
        + ";metadataTtl=0";
    try (Connection c = DriverManager.getConnection(url)) {
      List<List<Object>> rows = Sql.rows(c,
          "select NACE2007, \"P90P10\" from \"13861\" where Tid = '2016'");
      assertEquals(4, rows.size());
    }
    server.verify(exactly(1), getRequestedFor(urlPathEqualTo("/api/v2/config")));
  }

  @Test
  void sqlTextNeverBecomesPartOfARequest() throws SQLException {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl() + ";metadataTtl=0")) {
      for (String literal : List.of("0.1&valueCodes[TIME]=*", "*", "top(5)", "[range(0.1,9.0)]",
          "0.1,1.0", "0.1' OR '1'='1")) {
        String sql = "select * from \"TAB004\" where SECTOR = '" + literal.replace("'", "''") + "'";
        assertEquals(List.of(), Sql.rows(c, sql), literal);
      }
    }
    server.verify(exactly(0), getRequestedFor(urlPathMatching("/api/v2/tables/TAB004/data")));
  }

  @Test
  void loadingTheDriverLeavesNoCalciteUrlOpen() throws Exception {
    Class.forName("io.pxweb.jdbc.PxWebDriver");
    // jdbc:calcite: would let anyone who types a JDBC URL into the host open any JDBC URL
    // through Calcite's JdbcSchema factory, past AttachPolicy.
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
        "jdbc:calcite:schemaFactory=org.apache.calcite.adapter.jdbc.JdbcSchema$Factory;"
            + "schema.jdbcUrl=jdbc:h2:mem:secret"));
    assertEquals("08001", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().startsWith("No suitable driver"), e.getMessage());
    assertTrue(DriverManager.drivers().noneMatch(
        d -> d.getClass().getName().equals("org.apache.calcite.jdbc.Driver")));
    assertTrue(DriverManager.getDriver("jdbc:pxweb:ssb").acceptsURL("jdbc:pxweb:ssb"));
  }

  @Test
  void otherCalciteUsersKeepTheirSettings() throws Exception {
    Class.forName("io.pxweb.jdbc.PxWebDriver");
    // The driver keeps IN lists of any length as filters for its own statements only: a host
    // that uses Calcite itself still gets Calcite's default (20 or more values become a join
    // with VALUES).
    StringBuilder values = new StringBuilder();
    StringBuilder list = new StringBuilder();
    for (int i = 1; i <= 25; i++) {
      values.append(i == 1 ? "" : ", ").append('(').append(i).append(')');
      list.append(i == 1 ? "" : ", ").append(i);
    }
    String sql = "explain plan for select x from (values " + values + ") as t(x) where x in ("
        + list + ")";
    try (java.sql.Connection c = new org.apache.calcite.jdbc.Driver().connect("jdbc:calcite:",
        new java.util.Properties()); java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      String plan = rs.getString(1);
      assertTrue(plan.contains("Join") || plan.contains("SemiJoin"), plan);
    }
  }
}
