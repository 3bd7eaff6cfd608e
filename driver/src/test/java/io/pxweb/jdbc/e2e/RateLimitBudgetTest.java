package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server's absurd rate limit cannot stall getConnection: {@code /config} saying one call per
 * 2^31 s is clamped, and a wait longer than the time left fails at once. In a class of its own:
 * the limit then holds for every connection of the JVM to this server.
 */
class RateLimitBudgetTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().build();

  @Test
  void aWaitLongerThanTheTimeLeftFailsAtOnce() {
    ObjectNode config = server.config();
    config.put("maxCallsPerTimeWindow", 1);
    config.put("timeWindow", 2147483647);
    server.respondTo(RequestMethod.GET, "/config", aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(config.toString()));
    SQLException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(
        SQLException.class, () -> DriverManager.getConnection(server.jdbcUrl()
            + ";metadataTtl=0")));
    assertEquals("HYT00", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("rate limit") && e.getMessage().contains("3600"),
        e.getMessage());
  }
}
