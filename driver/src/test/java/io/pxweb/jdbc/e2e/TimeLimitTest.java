package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import io.pxweb.jdbc.klasstestserver.KlassTestServer;
import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Time limits hold for every call, not only data: the query timeout and Statement.cancel()
 * stop metadata and Klass calls made while planning, and the login timeout bounds
 * getConnection. The bounds asserted are generous: they tell "stopped" from "hung" (the
 * stalled responses take 30 s or more, the listing never ends).
 */
class TimeLimitTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  @RegisterExtension
  static KlassTestServer klass = KlassTestServer.create();

  private static final Duration NOT_A_HANG = Duration.ofSeconds(20);
  private static final ScheduledExecutorService OTHER = Executors.newSingleThreadScheduledExecutor();

  @AfterAll
  static void stop() {
    OTHER.shutdownNow();
  }

  private static void stalledMetadata() {
    server.respondTo(RequestMethod.GET, "/tables/TAB004/metadata", aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withFixedDelay(30_000).withBody("{}"));
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl() + ";metadataTtl=0;readTimeout=120s;klassUrl="
        + klass.baseUrl());
  }

  @Test
  void queryTimeoutStopsAMetadataCall() throws SQLException {
    stalledMetadata();
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      SQLException e = assertTimeoutPreemptively(NOT_A_HANG, () -> assertThrows(
          SQLException.class, () -> s.executeQuery("select * from \"TAB004\"")));
      assertEquals("HYT00", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("query timeout") && e.getMessage().contains("metadata"),
          e.getMessage());
    }
  }

  @Test
  void cancelStopsAMetadataCall() throws SQLException {
    stalledMetadata();
    try (Connection c = connect(); Statement s = c.createStatement()) {
      Sql.cancelLater(OTHER, s, 500);
      SQLException e = assertTimeoutPreemptively(NOT_A_HANG, () -> assertThrows(
          SQLException.class, () -> s.executeQuery("select * from \"TAB004\"")));
      assertEquals("57014", e.getSQLState(), e.getMessage());
      // The connection lives on.
      assertEquals(1, Sql.rows(c, "select count(*) from \"TAB001\" where REGION = 'NO'").size());
    }
  }

  /**
   * Makes every rule attempt of the plans prepared on this thread take 2 s: a plan search of
   * minutes, as a planner loop or a many-way join can take.
   */
  private static org.apache.calcite.runtime.Hook.Closeable slowPlanning() {
    return org.apache.calcite.runtime.Hook.PLANNER.addThread(
        (java.util.function.Consumer<org.apache.calcite.plan.RelOptPlanner>) p ->
            p.addListener(new org.apache.calcite.plan.MulticastRelOptListener() {
              @Override public void ruleAttempted(RuleAttemptedEvent event) {
                try {
                  Thread.sleep(2_000);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }));
  }

  /** Runs a query whose plan search is slowed (see slowPlanning); returns how it failed. */
  private static SQLException failedPlanSearch(Statement s) {
    // The hook is the thread's: set where the query runs (the timeout's thread).
    return assertTimeoutPreemptively(NOT_A_HANG, () -> assertThrows(SQLException.class, () -> {
      try (org.apache.calcite.runtime.Hook.Closeable slow = slowPlanning()) {
        s.executeQuery("select REGION, count(*) from \"TAB001\" where SEX = 'F'"
            + " group by REGION order by 2 desc");
      }
    }));
  }

  @Test
  void queryTimeoutStopsALongPlanSearch() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      // The table's metadata first, so the time goes to the plan search alone.
      assertEquals(1, Sql.rows(c, "select count(*) from \"TAB001\"").size());
      s.setQueryTimeout(1);
      SQLException e = failedPlanSearch(s);
      assertEquals("HYT00", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("query timeout") && e.getMessage().contains("planning"),
          e.getMessage());
    }
  }

  @Test
  void cancelStopsALongPlanSearch() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertEquals(1, Sql.rows(c, "select count(*) from \"TAB001\"").size());
      Sql.cancelLater(OTHER, s, 500);
      SQLException e = failedPlanSearch(s);
      assertEquals("57014", e.getSQLState(), e.getMessage());
    }
  }

  @Test
  void queryTimeoutStopsAKlassListingThatNeverEnds() throws Exception {
    // Klass's own first page, claiming 2^31 - 1 pages: every page asked for comes back full.
    String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
            klass.baseUrl() + "/classifications?includeCodelists=true&page=0&size=20"))
            .header("Accept", "application/json").build(),
        HttpResponse.BodyHandlers.ofString()).body()
        .replaceAll("\"totalPages\"\\s*:\\s*\\d+", "\"totalPages\":2147483647");
    klass.respondTo("/classifications", aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(page));
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.setQueryTimeout(2);
      SQLException e = assertTimeoutPreemptively(NOT_A_HANG, () -> assertThrows(
          SQLException.class, () -> s.executeQuery("select * from klass.classifications").next()));
      assertEquals("HYT00", e.getSQLState(), e.getMessage());
    }
  }

  @Test
  void loginTimeoutBoundsGetConnection() {
    server.respondTo(RequestMethod.GET, "/tables", aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withFixedDelay(60_000).withBody("{}"));
    DriverManager.setLoginTimeout(2);
    try {
      SQLException e = assertTimeoutPreemptively(NOT_A_HANG, () -> assertThrows(
          SQLException.class, () -> DriverManager.getConnection(server.jdbcUrl()
              + ";metadataTtl=0;readTimeout=120s")));
      assertEquals("HYT00", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("login timeout"), e.getMessage());
    } finally {
      DriverManager.setLoginTimeout(0);
    }
  }

  @Test
  void connectTimeoutBoundsGetConnection() throws Exception {
    // A server that accepts no more connections: its backlog of one is full, so the kernel
    // leaves further connects unanswered until the client gives up.
    try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1)) {
      java.util.List<java.net.Socket> queued = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          java.net.Socket s = new java.net.Socket();
          queued.add(s);
          try {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", full.getLocalPort()), 300);
          } catch (java.io.IOException e) {
            // The backlog is full: what the test needs.
          }
        }
        String url = "jdbc:pxweb:http://127.0.0.1:" + full.getLocalPort()
            + "/api/v2;connectTimeout=1s;metadataTtl=0";
        SQLException e = assertTimeoutPreemptively(NOT_A_HANG, () -> assertThrows(
            SQLException.class, () -> DriverManager.getConnection(url)));
        assertEquals("08001", e.getSQLState(), e.getMessage());
        // One attempt of connectTimeout, not five with backoff between them.
        assertTrue(e.getMessage().contains("connectTimeout")
            && !e.getMessage().contains("attempts"), e.getMessage());
      } finally {
        for (java.net.Socket s : queued) {
          s.close();
        }
      }
    }
  }
}
