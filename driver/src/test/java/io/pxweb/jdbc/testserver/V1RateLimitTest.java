package io.pxweb.jdbc.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The v1 test server refuses calls beyond its {@code maxCalls} per window with 429. */
class V1RateLimitTest {
  @RegisterExtension
  static V1TestServer server = V1TestServer.builder().calls(2, 60, true).build();

  @Test
  void thirdCallInTheWindowIs429WithRetryAfter() {
    assertEquals(200, V1TestServerTest.get(server.baseUrl()).status());
    assertEquals(200, V1TestServerTest.get(server.baseUrl()).status());
    V1TestServerTest.Answer refused = V1TestServerTest.get(server.baseUrl());
    assertEquals(429, refused.status());
    assertEquals("60", refused.retryAfter());
    assertEquals(1, server.rateLimit().refused());
  }
}
