package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Metadata shared across connections of the JVM; the optional data cache. */
class CachingTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  @BeforeEach
  void reset() {
    server.resetRequests();
  }

  @Test
  void connectionsOfOneJvmShareConfigTableListAndMetadata() throws SQLException {
    String sql = "select * from \"TAB004\" where SECTOR = '0.1' and GREENHOUSEGAS = 'CO2'";
    List<List<Object>> first;
    try (Connection c = DriverManager.getConnection(server.jdbcUrl() + ";metadataTtl=10m")) {
      first = Sql.rows(c, sql);
    }
    try (Connection c = DriverManager.getConnection(server.jdbcUrl() + ";metadataTtl=10m")) {
      assertEquals(first, Sql.rows(c, sql));
    }
    server.verify(exactly(1), getRequestedFor(urlPathEqualTo("/api/v2/config")));
    server.verify(exactly(1), getRequestedFor(urlPathEqualTo("/api/v2/tables")));
    server.verify(exactly(1), getRequestedFor(urlPathMatching("/api/v2/tables/TAB004/metadata")));
    // Data is not cached unless asked for.
    server.verify(exactly(2), getRequestedFor(urlPathEqualTo("/api/v2/tables/TAB004/data")));
  }

  @Test
  void dataCacheServesIdenticalRequestsWhenTurnedOn() throws SQLException {
    String sql = "select * from \"TAB003\" where TREATMENT_CAT = '20'";
    try (Connection c = DriverManager.getConnection(server.jdbcUrl() + ";dataCacheTtl=5m")) {
      List<List<Object>> first = Sql.rows(c, sql);
      assertEquals(first, Sql.rows(c, sql));
      // Another selection is another request.
      Sql.rows(c, "select * from \"TAB003\" where TREATMENT_CAT = '30'");
    }
    assertEquals(2, server.findAll(anyRequestedFor(
        urlPathEqualTo("/api/v2/tables/TAB003/data"))).size());
  }
}
