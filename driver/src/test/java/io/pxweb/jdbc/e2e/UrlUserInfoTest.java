package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * User info in a server URL ({@code http://user:pw@host/api/...}) is treated alike by the v2
 * and the v1 source: the requests reach the server's base path, no credentials travel (neither
 * as {@code Authorization} nor in the request line: credentials go in {@code httpHeaders}), and
 * no message shows the password. The user info still scopes the caches (IdentityScopeTest).
 */
class UrlUserInfoTest {
  private static final String SECRET = "PW-s3cret";
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort()).build();

  @BeforeEach
  void reset() {
    // Every request fails: what matters is what was sent, and what the error says.
    server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(503)
        .withHeader("Content-Type", "text/plain").withBody("down")));
  }

  private void assertSentWithoutCredentials(String path) {
    String url = "jdbc:pxweb:http://user:" + SECRET + "@localhost:" + server.getPort() + path
        + ";retryMaxTime=0s";
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url));
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(t.toString().contains(SECRET), t::toString);
      assertFalse(t.toString().contains("user:"), t::toString);
    }
    List<LoggedRequest> sent = server.findAll(anyRequestedFor(anyUrl()));
    assertFalse(sent.isEmpty(), "no request reached the server");
    for (LoggedRequest r : sent) {
      assertTrue(r.getUrl().startsWith(path), r.getUrl());
      assertFalse(r.containsHeader("Authorization"), r.getUrl());
      assertFalse(r.getAbsoluteUrl().contains(SECRET), r.getAbsoluteUrl());
    }
  }

  @Test
  void v2() {
    assertSentWithoutCredentials("/api/v2");
  }

  @Test
  void v1() {
    assertSentWithoutCredentials("/api/v1/en/db");
  }
}
