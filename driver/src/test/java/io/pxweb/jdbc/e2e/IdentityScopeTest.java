package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Caches never hand one identity's answers to another: a server that shows protected tables only
 * to a bearer token, asked first with the token and then without (in one JVM, and through a
 * shared disk cache).
 */
class IdentityScopeTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  private static final String TOKEN = "Bearer identity-test-token";
  private static final String EMPTY_LIST = "{\"language\":\"en\",\"tables\":[],"
      + "\"page\":{\"pageNumber\":1,\"pageSize\":1000,\"totalElements\":0,\"totalPages\":1},"
      + "\"links\":[]}";

  @BeforeEach
  void reset() {
    server.resetRequests();
  }

  /** Without the token: 403 for any table's metadata or data, and maybe an empty table list. */
  private static void anonymousCallersAreRefused(boolean listToo) {
    if (listToo) {
      server.stubFor(get(urlPathEqualTo("/api/v2/tables")).atPriority(1)
          .withHeader("Authorization", absent())
          .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
              .withBody(EMPTY_LIST)));
    }
    server.stubFor(get(urlPathMatching("/api/v2/tables/[^/]+/(metadata|data)")).atPriority(1)
        .withHeader("Authorization", absent())
        .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
            .withBody("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403}")));
  }

  private static List<String> tableNames(Connection c) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getTables(null, "statbank", "%", null)) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
    }
    return names;
  }

  private static final String SQL =
      "select * from \"TAB004\" where SECTOR = '0.1' and GREENHOUSEGAS = 'CO2'";

  /**
   * Connects with the token, then without it; {@code testCase} goes into a harmless header of
   * both, so each test starts with JVM caches of its own.
   */
  private void tokenHolderThenAnonymous(String options, String testCase, boolean listProtected)
      throws SQLException {
    anonymousCallersAreRefused(listProtected);
    Properties withToken = new Properties();
    withToken.setProperty("httpHeaders", "Authorization:" + TOKEN + "|X-Case:" + testCase);
    Properties anonymous = new Properties();
    anonymous.setProperty("httpHeaders", "X-Case:" + testCase);
    try (Connection c = DriverManager.getConnection(server.jdbcUrl() + options, withToken)) {
      assertTrue(tableNames(c).contains("TAB004"));
      assertFalse(Sql.rows(c, SQL).isEmpty());
    }
    server.resetRequests();
    try (Connection c = DriverManager.getConnection(server.jdbcUrl() + options, anonymous)) {
      if (listProtected) {
        assertEquals(List.of(), tableNames(c), "the token holder's table list");
      }
      SQLException e = assertThrows(SQLException.class, () -> Sql.rows(c, SQL));
      // Unknown table to this identity, or the server's refusal of the metadata.
      assertTrue(listProtected ? "42S02".equals(e.getSQLState())
          : e.getMessage().contains("Forbidden"), e.getSQLState() + " " + e.getMessage());
      assertFalse(e.getMessage().contains("identity-test-token"), e.getMessage());
    }
    // The anonymous connection asked the server itself (and was refused).
    server.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/tables"))
        .withHeader("Authorization", absent()));
    if (!listProtected) {
      server.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/tables/TAB004/metadata"))
          .withHeader("Authorization", absent()));
    }
  }

  @Test
  void jvmTableListIsScopedByHeaders() throws SQLException {
    tokenHolderThenAnonymous(";metadataTtl=10m;dataCacheTtl=10m", "jvm-list", true);
  }

  @Test
  void jvmMetadataAndDataAreScopedByHeaders() throws SQLException {
    tokenHolderThenAnonymous(";metadataTtl=10m;dataCacheTtl=10m", "jvm-metadata", false);
  }

  // In the disk tests the JVM cache misses (another identity), so an unscoped disk cache would
  // answer.
  @Test
  void diskTableListIsScopedByHeaders(@TempDir Path dir) throws SQLException {
    tokenHolderThenAnonymous(";metadataTtl=10m;cacheDir=" + dir, "disk-list", true);
  }

  @Test
  void diskMetadataIsScopedByHeaders(@TempDir Path dir) throws SQLException {
    tokenHolderThenAnonymous(";metadataTtl=10m;cacheDir=" + dir, "disk-metadata", false);
  }

  @Test
  void diskCacheFilesHoldNoSecret(@TempDir Path dir) throws Exception {
    Properties withToken = new Properties();
    withToken.setProperty("httpHeaders", "Authorization:" + TOKEN + "|X-Case:files");
    try (Connection c = DriverManager.getConnection(server.jdbcUrl()
        + ";metadataTtl=10m;cacheDir=" + dir, withToken)) {
      assertFalse(Sql.rows(c, SQL).isEmpty());
    }
    try (var files = Files.list(dir)) {
      List<Path> all = files.toList();
      assertFalse(all.isEmpty());
      for (Path f : all) {
        assertFalse(f.getFileName().toString().contains("identity"), f.toString());
        assertFalse(Files.readString(f).contains("identity-test-token"), f.toString());
      }
    }
  }

  @Test
  void urlUserInfoAndProxyUserAreIdentities() throws SQLException {
    String withUser = server.jdbcUrl().replace("http://", "http://alice:pw1@")
        + ";metadataTtl=10m";
    try (Connection c = DriverManager.getConnection(withUser)) {
      tableNames(c);
    }
    server.resetRequests();
    try (Connection c = DriverManager.getConnection(
        server.jdbcUrl().replace("http://", "http://bob:pw2@") + ";metadataTtl=10m")) {
      tableNames(c);
    }
    try (Connection c = DriverManager.getConnection(server.jdbcUrl()
        + ";metadataTtl=10m;proxyUser=carol")) {
      tableNames(c);
    }
    // bob and carol each read the list themselves, not alice's copy.
    assertEquals(2, server.findAll(getRequestedFor(urlPathEqualTo("/api/v2/tables"))).size());
  }
}
