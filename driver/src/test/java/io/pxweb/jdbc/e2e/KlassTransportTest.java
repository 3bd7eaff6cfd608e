package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.pxweb.jdbc.klasstestserver.KlassTestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Klass calls go through the one HTTP transport, so the connection's proxy, its disk cache of
 * documents and the statement's query timeout apply to them as to statbank calls. The
 * connections here read PX files (no statbank calls) and name a Klass server explicitly.
 */
class KlassTransportTest {
  @RegisterExtension
  static KlassTestServer klass = KlassTestServer.create();

  @TempDir
  Path cacheDir;

  private static final String FOLDER = Path.of("..", "samples", "db").toAbsolutePath().toString();

  @BeforeEach
  void reset() {
    klass.resetRequests();
  }

  private static List<ServeEvent> codeRequests() {
    return klass.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().contains("/classifications/131/codes")).toList();
  }

  @Test
  void klassCallsGoThroughTheConfiguredProxy() throws SQLException {
    // The Klass test server stands in for a forward proxy: the driver asks it for absolute URLs
    // of a host that does not exist, so an answer proves the call went through the proxy.
    String url = "jdbc:pxweb:file:" + FOLDER + ";klassUrl=http://klass.invalid" + KlassTestServer.PREFIX
        + ";proxy=localhost:" + klass.getPort();
    try (Connection c = DriverManager.getConnection(url)) {
      List<List<Object>> rows = Sql.rows(c,
          "select code, name from klass.\"131\" where code = '0301' fetch first 1 rows only");
      assertEquals("0301", rows.get(0).get(0));
    }
    assertTrue(codeRequests().stream().allMatch(e ->
        e.getRequest().getAbsoluteUrl().startsWith("http://klass.invalid/")),
        "requests: " + codeRequests().stream().map(e -> e.getRequest().getAbsoluteUrl()).toList());
    assertTrue(!codeRequests().isEmpty());
  }

  @Test
  void klassDocumentsComeFromTheDiskCacheInTheNextConnection() throws SQLException {
    String url = "jdbc:pxweb:file:" + FOLDER + ";klassUrl=" + klass.baseUrl() + ";cacheDir="
        + cacheDir + ";metadataTtl=10m";
    String sql = "select code, name from klass.\"131\" where code = '0301'";
    List<List<Object>> first;
    try (Connection c = DriverManager.getConnection(url)) {
      first = Sql.rows(c, sql);
    }
    int calls = codeRequests().size();
    assertTrue(calls > 0);
    try (Connection c = DriverManager.getConnection(url)) {
      assertEquals(first, Sql.rows(c, sql));
    }
    assertEquals(calls, codeRequests().size(), "the second connection read the disk cache");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void theQueryTimeoutEndsASlowKlassCall() throws SQLException {
    klass.failNext("/classifications/131/codes", 1, aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{}").withFixedDelay(20_000));
    String url = "jdbc:pxweb:file:" + FOLDER + ";klassUrl=" + klass.baseUrl() + ";retries=0";
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("select * from klass.\"131\"").next());
      assertEquals("HYT00", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("Klass"), e.getMessage());
    }
  }
}
