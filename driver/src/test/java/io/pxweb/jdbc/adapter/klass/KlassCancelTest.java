package io.pxweb.jdbc.adapter.klass;

import io.pxweb.jdbc.klass.KlassSettings;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.klasstestserver.KlassTestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cancelling a statement that waits for Klass. In a class of its own: Klass's Retry-After
 * holds back every call to this server from the JVM.
 */
class KlassCancelTest {
  @RegisterExtension
  static KlassTestServer klass = KlassTestServer.create();

  @Test
  void cancelEndsTheWaitForARetry() throws Exception {
    klass.respondTo("/classifications/131/codes", aResponse().withStatus(429)
        .withHeader("Retry-After", "30"));
    KlassSettings settings = KlassSettings.of(klass.baseUrl(), "no")
        .withRetries(3, Duration.ofMillis(10), Duration.ofMinutes(1));
    try (Connection c = KlassSql.connect(KlassSchema.create(settings, Set.of()));
        Statement s = c.createStatement()) {
      long start = System.nanoTime();
      CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> {
        try {
          s.executeQuery("select * from klass.\"131\"").next();
          return null;
        } catch (Throwable t) {
          return t;
        }
      });
      // Cancel once the first attempt has been answered and the wait has begun.
      while (klass.getAllServeEvents().isEmpty()) {
        Thread.sleep(20);
      }
      Thread.sleep(200);
      s.cancel();
      Throwable thrown = run.get(10, TimeUnit.SECONDS);
      SQLException e = KlassSql.cause(thrown);
      assertEquals("57014", e.getSQLState());
      assertTrue(e.getMessage().startsWith("Statement cancelled while calling Klass"),
          e.getMessage());
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
      assertEquals(1, klass.getAllServeEvents().size());
    }
  }
}
