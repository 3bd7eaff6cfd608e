package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.pxweb.jdbc.e2e.Sql.normalize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A server whose real cell limit is lower than its {@code /config} says. */
class StrictServerTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).enforceMaxDataCells(1500).build();

  @Test
  void refusedRequestsAreSplitFurtherAndNoRowIsLost() throws SQLException {
    String sql = "select * from \"TAB001\"";
    List<List<Object>> rows;
    try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
      rows = normalize(Sql.rows(c, sql)).stream().sorted(Sql::compare).toList();
      // The connection learnt the lower limit: the next query plans within it at once.
      server.resetRequests();
      Sql.rows(c, "select * from \"TAB004\"");
      List<LoggedRequest> next = server.findAll(anyRequestedFor(
          urlPathEqualTo("/api/v2/tables/TAB004/data")));
      for (LoggedRequest r : next) {
        assertTrue(Requests.cells(r, server.table("TAB004")) <= 1500, r.getUrl());
      }
      // 4,312 cells (14 x 11 x 28) within 1,485: the floor is 3, but no split along whole
      // values of one variable makes 3 boxes; 4 is the fewest (e.g. 9, 9, 9 and 1 years).
      assertEquals(4, next.size());
    }
    try (Connection ref = ReferenceEngine.connect(server.catalog())) {
      assertEquals(normalize(Sql.rows(ref, sql)).stream().sorted(Sql::compare).toList(), rows);
    }
  }

  @Test
  void requestsAfterTheRefusalFitTheRealLimit() throws SQLException {
    server.resetRequests();
    try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
      Sql.rows(c, "select * from \"TAB001\"");
    }
    List<LoggedRequest> sent = server.findAll(anyRequestedFor(
        urlPathEqualTo("/api/v2/tables/TAB001/data")));
    // The first request (5,940 cells) is refused; its halves are refused while over 1,500.
    LoggedRequest first = sent.get(0);
    assertEquals(5940, Requests.cells(first, server.table("TAB001")));
    long delivered = 0;
    for (LoggedRequest r : sent.subList(1, sent.size())) {
      long cells = Requests.cells(r, server.table("TAB001"));
      if (cells <= 1500) {
        delivered += cells;
      }
    }
    assertEquals(5940, delivered);
  }
}
