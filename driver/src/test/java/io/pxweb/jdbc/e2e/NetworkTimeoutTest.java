package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Calls outside a statement's execute are bounded and stoppable too: preparing a statement
 * (planning reads table metadata) and DatabaseMetaData obey {@code Connection.setNetworkTimeout},
 * and {@code Connection.abort} stops whatever the connection has in flight. The stalled
 * metadata takes 60 s; the bounds asserted only tell "stopped" from "hung".
 */
class NetworkTimeoutTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  private static final Duration NOT_A_HANG = Duration.ofSeconds(30);
  private static final ExecutorService OTHER = Executors.newCachedThreadPool();
  private static final String STALLED = "/tables/TAB004/metadata";

  @AfterAll
  static void stop() {
    OTHER.shutdownNow();
  }

  @BeforeEach
  void stallMetadata() {
    server.respondTo(RequestMethod.GET, STALLED, aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withFixedDelay(60_000).withBody("{}"));
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl() + ";metadataTtl=0;readTimeout=120s");
  }

  @Test
  void networkTimeoutBoundsPrepareStatement() throws SQLException {
    try (Connection c = connect()) {
      c.setNetworkTimeout(OTHER, 1_000);
      assertEquals(1_000, c.getNetworkTimeout());
      SQLException e = assertTimeoutPreemptively(NOT_A_HANG, () -> assertThrows(
          SQLException.class, () -> c.prepareStatement("select * from \"TAB004\"")));
      assertEquals("HYT00", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("network timeout of 1000 ms")
          && e.getMessage().contains("metadata"), e.getMessage());
      // The connection lives on, and other tables plan as before.
      assertEquals(1, Sql.rows(c, "select count(*) from \"TAB001\" where REGION = 'NO'").size());
    }
  }

  @Test
  void networkTimeoutBoundsDatabaseMetaData() throws SQLException {
    try (Connection c = connect()) {
      c.setNetworkTimeout(OTHER, 1_000);
      DatabaseMetaData md = c.getMetaData();
      SQLException e = assertTimeoutPreemptively(NOT_A_HANG, () -> assertThrows(
          SQLException.class, () -> {
            try (ResultSet rs = md.getColumns(null, "statbank", "TAB004", null)) {
              while (rs.next()) {
                rs.getString("COLUMN_NAME");
              }
            }
          }));
      assertEquals("HYT00", e.getSQLState(), e.getMessage());
    }
  }

  @Test
  void abortStopsACallInFlightAndClosesTheConnection() throws Exception {
    Connection c = connect();
    CompletableFuture<SQLException> prepared = CompletableFuture.supplyAsync(() -> {
      try {
        c.prepareStatement("select * from \"TAB004\"");
        return null;
      } catch (SQLException e) {
        return e;
      }
    }, OTHER);
    long until = System.nanoTime() + NOT_A_HANG.toNanos();
    while (server.wireMock().find(getRequestedFor(urlPathEqualTo("/api/v2" + STALLED)))
        .isEmpty() && server.wireMock().find(getRequestedFor(urlPathEqualTo(STALLED))).isEmpty()
        && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    c.abort(OTHER);
    SQLException e = assertTimeoutPreemptively(NOT_A_HANG, () -> prepared.get());
    assertTrue(e != null, "prepareStatement returned although the connection was aborted");
    assertEquals("57014", e.getSQLState(), e.getMessage());
    assertTrue(c.isClosed());
    assertFalse(c.isValid(1));
    SQLException after = assertThrows(SQLException.class, c::createStatement);
    assertEquals("08003", after.getSQLState(), after.getMessage());
    c.abort(OTHER);
    c.close();
  }

  @Test
  void wrongArgumentsAreSqlErrors() throws SQLException {
    try (Connection c = connect()) {
      assertEquals(0, c.getNetworkTimeout());
      assertEquals("22023", assertThrows(SQLException.class,
          () -> c.setNetworkTimeout(OTHER, -1)).getSQLState());
      assertEquals("22023", assertThrows(SQLException.class, () -> c.abort(null)).getSQLState());
      assertFalse(c.isClosed());
    }
    Connection closed = connect();
    closed.close();
    assertEquals("08003", assertThrows(SQLException.class,
        () -> closed.setNetworkTimeout(OTHER, 10)).getSQLState());
  }
}
