package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.pxweb.jdbc.e2e.Sql.normalize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix: each fault is injected into the first attempt(s) of a data request, and the
 * query must return exactly the fault-free rows, or a clear error where a fault is permanent.
 */
class FaultToleranceTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  private static final String DATA = "/api/v2/tables/TAB004/data";
  private static final String SQL = "select * from \"TAB004\" where SECTOR = '0.1'";
  private static List<List<Object>> faultFree;

  @BeforeAll
  static void referenceRows() throws SQLException {
    try (Connection c = ReferenceEngine.connect(server.catalog())) {
      faultFree = sorted(Sql.rows(c, SQL));
    }
  }

  @AfterAll
  static void nothing() {
  }

  @BeforeEach
  void reset() {
    server.resetRequests();
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    return normalize(rows).stream().sorted(Sql::compare).toList();
  }

  private static Connection connect(String extra) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl() + ";readTimeout=1s;retryBackoff=50ms" + extra);
  }

  /** Makes the first {@code times} data requests fail with the response, then serve normally. */
  private static void failFirst(int times, ResponseDefinitionBuilder fault) {
    String state = Scenario.STARTED;
    for (int i = 1; i <= times; i++) {
      String next = i == times ? "recovered" : "fault " + (i + 1);
      server.stubFor(get(urlPathEqualTo(DATA)).atPriority(1).inScenario("faults")
          .whenScenarioStateIs(state).willReturn(fault).willSetStateTo(next));
      state = next;
    }
  }

  private static int dataRequests() {
    return server.findAll(anyRequestedFor(urlPathEqualTo(DATA))).size();
  }

  static Stream<Arguments> transientFaults() {
    return Stream.of(
        Arguments.of("503 maintenance", aResponse().withStatus(503)),
        Arguments.of("502 bad gateway", aResponse().withStatus(502).withBody("<html>proxy</html>")),
        Arguments.of("504 gateway timeout", aResponse().withStatus(504)),
        Arguments.of("429 with Retry-After", aResponse().withStatus(429)
            .withHeader("Retry-After", "1").withHeader("Content-Type", "text/plain")
            .withBody("API calls quota exceeded! maximum admitted 30 per 10s.")),
        Arguments.of("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
        Arguments.of("empty response", aResponse().withFault(Fault.EMPTY_RESPONSE)),
        Arguments.of("random data then close", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)),
        Arguments.of("malformed chunk", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)),
        Arguments.of("slow past the read timeout", aResponse().withStatus(200).withFixedDelay(2500)
            .withHeader("Content-Type", "application/json").withBody("{}")),
        Arguments.of("JSON-stat body cut off", aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json; charset=UTF-8")
            .withBody("{\"version\":\"2.0\",\"class\":\"dataset\",\"id\":[\"SECTOR\"],\"size\":[1],"
                + "\"value\":[1,2,")));
  }

  @ParameterizedTest(name = "{0} twice")
  @MethodSource("transientFaults")
  void transientFaultsAreRetriedAndRowsAreExact(String name, ResponseDefinitionBuilder fault)
      throws SQLException {
    failFirst(2, fault);
    try (Connection c = connect("")) {
      assertEquals(faultFree, sorted(Sql.rows(c, SQL)), name);
    }
    assertEquals(3, dataRequests(), name);
  }

  @Test
  void retryAfterIsHonoured() throws SQLException {
    failFirst(1, aResponse().withStatus(429).withHeader("Retry-After", "2"));
    long start = System.nanoTime();
    try (Connection c = connect("")) {
      assertEquals(faultFree, sorted(Sql.rows(c, SQL)));
    }
    long waited = (System.nanoTime() - start) / 1_000_000;
    assertTrue(waited >= 2000, "waited " + waited + " ms");
  }

  @Test
  void permanentFaultsGiveUpWithAClearError() throws SQLException {
    failFirst(10, aResponse().withStatus(503));
    try (Connection c = connect(";retries=2")) {
      SQLException e = assertThrows(SQLException.class, () -> Sql.rows(c, SQL));
      assertEquals("08006", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("HTTP 503") && e.getMessage().contains("3 attempts")
          && e.getMessage().contains(DATA), e.getMessage());
    }
    assertEquals(3, dataRequests());
  }

  @Test
  void clientErrorsAreNotRetried() throws SQLException {
    failFirst(1, aResponse().withStatus(400).withHeader("Content-Type", "application/json")
        .withBody("{\"type\":\"Parameter error\",\"title\":\"Non-existent value\",\"status\":400}"));
    try (Connection c = connect("")) {
      SQLException e = assertThrows(SQLException.class, () -> Sql.rows(c, SQL));
      assertEquals("22023", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().startsWith("Non-existent value (HTTP 400, GET "), e.getMessage());
    }
    assertEquals(1, dataRequests());
  }

  @Test
  void duplicateCodeAnswer500IsNotRetried() throws SQLException {
    failFirst(1, aResponse().withStatus(500));
    try (Connection c = connect("")) {
      SQLException e = assertThrows(SQLException.class, () -> Sql.rows(c, SQL));
      assertEquals("08006", e.getSQLState(), e.getMessage());
    }
    assertEquals(1, dataRequests());
  }

  @Test
  void htmlAtStatus200IsAnErrorNotFewerRows() throws SQLException {
    failFirst(1, aResponse().withStatus(200).withHeader("Content-Type", "text/html")
        .withBody("<html><body>Service down</body></html>"));
    try (Connection c = connect("")) {
      SQLException e = assertThrows(SQLException.class, () -> Sql.rows(c, SQL));
      assertEquals("08P01", e.getSQLState(), e.getMessage());
    }
    assertEquals(1, dataRequests());
  }

  @Test
  void jsonThatIsNotJsonStatIsAnError() throws SQLException {
    failFirst(1, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"tables\":[]}"));
    try (Connection c = connect("")) {
      SQLException e = assertThrows(SQLException.class, () -> Sql.rows(c, SQL));
      assertEquals("08P01", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("no 'id' or 'size'"), e.getMessage());
    }
  }
}
