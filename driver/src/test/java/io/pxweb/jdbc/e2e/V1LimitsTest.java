package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.pxweb.jdbc.e2e.Sql.normalize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.testserver.V1TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The v1 server's limits as the driver meets them: 403 on too many cells where no
 * {@code ?config} says the limit, calls paced by {@code ?config}'s maxCalls, version detection
 * by probe, and Statistics Finland's {@code .px} table names.
 */
class V1LimitsTest {
  /** No ?config (a 404 page), 1,000 cells enforced with 403, a URL without a version segment. */
  @RegisterExtension
  static V1TestServer silent = V1TestServer.builder().prefix("/statbank").config(false)
      .maxCells(1000).tableSuffix(".px").build();

  /** A URL without a version segment, with ?config. */
  @RegisterExtension
  static V1TestServer probed = V1TestServer.builder().prefix("/statbank")
      .calls(10_000, 10, false).build();

  /** 8 calls per 2 seconds, said in ?config and enforced with 429. */
  @RegisterExtension
  static V1TestServer paced = V1TestServer.builder().calls(8, 2, true).build();

  @Test
  void tooManyCellsIs403AndTheDriverSplits() throws SQLException {
    String sql = "select * from \"TAB001.px\"";
    List<List<Object>> rows;
    // apiVersion forces v1: no probe, as the URL has no /v1/ segment.
    try (Connection c = DriverManager.getConnection(silent.jdbcUrl()
            + ";apiVersion=v1;rateLimit=none");
        Connection reference = ReferenceEngine.connect(silent.catalog())) {
      rows = normalize(Sql.rows(c, sql)).stream().sorted(Sql::compare).toList();
      List<List<Object>> expected = normalize(Sql.rows(reference,
          "select * from \"TAB001\"")).stream().sorted(Sql::compare).toList();
      assertEquals(expected, rows);
    }
    long refused = silent.getAllServeEvents().stream()
        .filter(e -> e.getResponse().getStatus() == 403).count();
    assertTrue(refused >= 1, "the first 5,940-cell request is refused");
    List<String> accepted = silent.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getMethod().getName().equals("POST")
            && e.getResponse().getStatus() == 200)
        .map(e -> e.getRequest().getBodyAsString()).toList();
    // The probe plus the halves that fit.
    assertTrue(accepted.size() >= 2, accepted.toString());
  }

  @Test
  void aUrlWithoutVersionIsProbedWithConfig() throws SQLException {
    try (Connection c = DriverManager.getConnection(probed.jdbcUrl())) {
      assertFalse(Sql.rows(c, "select \"TIME\", \"Emission\" from \"TAB004\""
          + " where SECTOR = '0.1' and GREENHOUSEGAS = 'CO2'").isEmpty());
    }
    assertFalse(probed.findAll(getRequestedFor(urlEqualTo("/statbank/en/testdb?config")))
        .isEmpty());
  }

  @Test
  void callsArePacedByConfig() throws SQLException {
    paced.resetRequests();
    paced.rateLimit().reset();
    try (Connection c = DriverManager.getConnection(paced.jdbcUrl() + ";maxDataCells=1000")) {
      assertEquals(5940, Sql.rows(c, "select * from \"TAB001\"").size());
    }
    // Six data requests (the probe, with its top filter, aside).
    assertEquals(6, paced.findAll(postRequestedFor(urlPathEqualTo(
        "/api/v1/en/testdb/PO/PO01/TAB001"))).stream()
        .filter(r -> !r.getBodyAsString().contains("\"top\"")).count());
    // The limiter counts a call from its start, the server from its arrival: the first call of
    // a cold connection (?config, before the limit is known) arrives ~130 ms late, so the
    // server's window may hold one call more than the driver's (measured: one 429, retried
    // after its Retry-After). Any more would be pacing that ignores ?config.
    assertTrue(paced.rateLimit().refused() <= 1, "calls refused with 429: "
        + paced.rateLimit().refused());
    assertTrue(paced.rateLimit().maxInAnyWindow() <= 8);
    // Listings, metadata, probe and six data requests exceed one window: pacing mattered.
    assertTrue(paced.rateLimit().admitted() > 8, "calls: " + paced.rateLimit().admitted());
  }
}
