package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The secrets of {@code httpHeaders} stay at the origin they were configured for: a server
 * that redirects elsewhere (another port is another origin) never gets them, nor does a mount
 * at another origin; a redirect from https to http is not followed.
 *
 * <p>Two servers: {@code home}, the connection's server, which redirects every request (307,
 * so data POSTs keep their body) to {@code elsewhere}, a complete PxWeb test server. {@code
 * home} also listens on https with a certificate for localhost that the {@code hostile}
 * execution's JVM trusts ({@code src/test/resources/tls}).
 */
@Tag("hostile")
class HeaderOriginTest {
  @RegisterExtension
  static PxWebTestServer elsewhere = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  @RegisterExtension
  static WireMockExtension home = WireMockExtension.newInstance().options(wireMockConfig()
      .dynamicPort().dynamicHttpsPort()
      .keystorePath(Path.of("src/test/resources/tls/localhost-key.p12").toAbsolutePath()
          .toString())
      .keystoreType("PKCS12").keystorePassword("pxweb-test").keyManagerPassword("pxweb-test"))
      .build();

  private static final String HEADERS = ";httpHeaders=X-Api-Key:key-secret|Authorization:Bearer"
      + " token-secret;rateLimit=none;metadataTtl=0;retries=0";
  private static final String SQL = "select * from \"TAB004\" where SECTOR = '0.1'";

  @BeforeEach
  void redirectEverythingElsewhere() {
    home.resetAll();
    elsewhere.resetRequests();
    home.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(307)
        .withHeader("Location", elsewhere.rootUrl() + "{{request.url}}")
        .withTransformers("response-template")));
  }

  private static String homeUrl(String scheme, int port) {
    return "jdbc:pxweb:" + scheme + "://localhost:" + port + "/api/v2";
  }

  private static void assertNoSecretArrived(List<LoggedRequest> requests) {
    for (LoggedRequest r : requests) {
      assertFalse(r.containsHeader("X-Api-Key"), () -> "X-Api-Key reached " + r.getUrl());
      assertFalse(r.containsHeader("Authorization"), () -> "Authorization reached " + r.getUrl());
    }
  }

  @Test
  void headersDoNotFollowARedirectToAnotherOrigin() throws SQLException {
    List<List<Object>> rows;
    try (Connection c = DriverManager.getConnection(homeUrl("http", home.getPort()) + HEADERS)) {
      rows = Sql.rows(c, SQL);
    }
    // The redirects were followed: the other server answered the configuration, the table
    // list, the metadata and the data.
    assertFalse(rows.isEmpty());
    List<LoggedRequest> there = elsewhere.findAll(anyRequestedFor(anyUrl()));
    assertTrue(there.size() >= 4, there::toString);
    assertNoSecretArrived(there);
    // Every request to the origin they were configured for carried them.
    List<LoggedRequest> here = home.findAll(anyRequestedFor(anyUrl()));
    assertEquals(there.size(), here.size());
    for (LoggedRequest r : here) {
      assertEquals("key-secret", r.getHeader("X-Api-Key"), r.getUrl());
      assertEquals("Bearer token-secret", r.getHeader("Authorization"), r.getUrl());
    }
  }

  @Test
  void aRedirectFromHttpsToHttpIsNotFollowed() {
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
        homeUrl("https", home.getHttpsPort()) + HEADERS).close());
    assertEquals("08001", e.getSQLState(), e::toString);
    assertTrue(e.getMessage().contains("a redirect from https to http is never followed"),
        e.getMessage());
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
    // The https request itself went (with its headers, to their origin); nothing in clear text.
    assertEquals(1, home.findAll(anyRequestedFor(anyUrl())).size());
    assertEquals(List.of(), elsewhere.findAll(anyRequestedFor(anyUrl())));
  }

  @Test
  void overHttpsTheHeadersReachTheirOrigin() throws SQLException {
    home.resetAll();
    home.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
    assertThrows(SQLException.class, () -> DriverManager.getConnection(
        homeUrl("https", home.getHttpsPort()) + HEADERS).close());
    List<LoggedRequest> here = home.findAll(anyRequestedFor(anyUrl()));
    assertFalse(here.isEmpty());
    here.forEach(r -> assertEquals("key-secret", r.getHeader("X-Api-Key")));
  }

  @Test
  void aMountAtAnotherOriginGetsOnlyItsOwnHeaders() throws SQLException {
    String folder = Path.of("../samples/db").toAbsolutePath().normalize().toString();
    String url = "jdbc:pxweb:file:" + folder + HEADERS + ";mount.x={" + elsewhere.baseUrl()
        + ";httpHeaders=X-Mount-Key:mount-secret}";
    try (Connection c = DriverManager.getConnection(url)) {
      assertFalse(Sql.rows(c, "select * from x.\"TAB004\" where SECTOR = '0.1'").isEmpty());
    }
    List<LoggedRequest> there = elsewhere.findAll(anyRequestedFor(anyUrl()));
    assertFalse(there.isEmpty());
    assertNoSecretArrived(there);
    there.forEach(r -> assertEquals("mount-secret", r.getHeader("X-Mount-Key"), r.getUrl()));
  }
}
