package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Statement.cancel(), setQueryTimeout and early close stop work at once; the connection lives on. */
class CancellationTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  private static final ScheduledExecutorService OTHER = Executors.newSingleThreadScheduledExecutor();

  @AfterAll
  static void stop() {
    OTHER.shutdownNow();
  }

  /** Makes TAB004's data answer only after a long time (longer than any test waits). */
  private static void slowData() {
    server.stubFor(get(urlPathEqualTo("/api/v2/tables/TAB004/data")).atPriority(1)
        .willReturn(aResponse().withStatus(200).withFixedDelay(20_000)
            .withHeader("Content-Type", "application/json").withBody("{}")));
  }

  private static void stillUsable(Connection c) throws SQLException {
    assertEquals(1, Sql.rows(c, "select count(*) from \"TAB001\" where REGION = 'NO'").size());
  }

  @Test
  void cancelAbortsTheCallInFlightWithinASecond() throws SQLException {
    slowData();
    try (Connection c = DriverManager.getConnection(server.jdbcUrl() + ";readTimeout=60s");
        Statement s = c.createStatement()) {
      Sql.cancelLater(OTHER, s, 500);
      long start = System.nanoTime();
      SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("select * from \"TAB004\"").next());
      long took = (System.nanoTime() - start) / 1_000_000;
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertTrue(took < 1500, "took " + took + " ms");
      stillUsable(c);
    }
  }

  @Test
  void queryTimeoutStopsTheQuery() throws SQLException {
    slowData();
    try (Connection c = DriverManager.getConnection(server.jdbcUrl() + ";readTimeout=60s");
        Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      long start = System.nanoTime();
      SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("select * from \"TAB004\"").next());
      long took = (System.nanoTime() - start) / 1_000_000;
      assertEquals("HYT00", e.getSQLState(), e.getMessage());
      assertTrue(took >= 900 && took < 2500, "took " + took + " ms");
      stillUsable(c);
    }
  }

  @Test
  void closingAResultSetEarlyStopsTheRemainingRequests() throws SQLException {
    server.resetRequests();
    try (Connection c = DriverManager.getConnection(server.jdbcUrl() + ";maxDataCells=500");
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select * from \"TAB004\"")) {
        assertTrue(rs.next());
      }
      stillUsable(c);
    }
    // 4,312 cells in requests of at most 500: 9 planned, but only the first was needed.
    assertEquals(1, server.findAll(com.github.tomakehurst.wiremock.client.WireMock
        .anyRequestedFor(urlPathEqualTo("/api/v2/tables/TAB004/data"))).size());
  }
}
