package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reading the next response while the rows of the current one are consumed: rows come in the
 * same order as from one request, every planned request is sent once, and a reader that stops
 * early (a screenful) costs no request it does not read.
 */
class PrefetchTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  @RegisterExtension
  static ServerConnections db = new ServerConnections(server);

  private static final String SQL = "select * from \"TAB001\"";

  private static List<LoggedRequest> data() {
    return server.findAll(anyRequestedFor(urlPathEqualTo("/api/v2/tables/TAB001/data")));
  }

  @Test
  void rowsOfManyRequestsComeInTheOrderOfOne() throws SQLException {
    List<List<Object>> whole = Sql.rows(db.driver(), SQL);
    try (Connection small = DriverManager.getConnection(server.jdbcUrl() + ";maxDataCells=1000")) {
      server.resetRequests();
      assertEquals(whole, Sql.rows(small, SQL));
      List<String> urls = data().stream().map(LoggedRequest::getUrl).toList();
      assertEquals(6, urls.size(), String.join("\n", urls));
      assertEquals(6, urls.stream().distinct().count(), String.join("\n", urls));
      // The later requests went ahead on the read-ahead thread (idle ones live a minute).
      assertTrue(Thread.getAllStackTraces().keySet().stream()
          .anyMatch(t -> t.getName().equals("pxweb-prefetch")));
    }
  }

  @Test
  void aReaderThatStopsEarlyCostsNoRequestItDoesNotRead() throws SQLException {
    try (Connection small = DriverManager.getConnection(server.jdbcUrl() + ";maxDataCells=1000")) {
      server.resetRequests();
      try (Statement s = small.createStatement(); ResultSet rs = s.executeQuery(SQL)) {
        assertTrue(rs.next());
      }
      // The next request goes ahead only once half a response (or 1,000 rows) has been read.
      assertEquals(1, data().size(), "requests for one row");
    }
  }
}
