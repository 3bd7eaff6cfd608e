package io.pxweb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.server.protocol.WireClient;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Statements made to keep the server's own front end busy (its parsing and rewriting, before the
 * driver runs anything): statement_timeout and a CancelRequest still get the client an answer, or
 * the timeout's error, within the limit and its grace period.
 */
@Tag("hostile")
class HostileStatementTest {
  private static final List<String> HOSTILE = List.of(
      "SELECT 1" + " ".repeat(60_000) + "+ 1",
      "SELECT 1" + "::int".repeat(10_000),
      // Deeper than any thread's stack: 54001, as PostgreSQL's "stack depth limit exceeded".
      "SELECT " + "(".repeat(100_000) + "1" + ")".repeat(100_000));
  /**
   * An answer, or an error the session survives: cancelled, too deep (the rewrites' recursion,
   * not the session's thread, fails), or a syntax error (the parser's own limit).
   */
  private static final Set<String> EXPECTED = Set.of("answer", "57014", "54001", "42601");
  /** statement_timeout 2 s, 2 s of grace for work that does not notice, and slack for CI. */
  private static final double BOUND_SECONDS = 10;

  private static PxWebServer server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerFixture.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The answer to a query: its rows' SQLSTATE-less completion, or the error's SQLSTATE. */
  private static String outcome(WireClient c) throws IOException {
    while (true) {
      WireClient.Message m = c.read();
      if (m.type() == 'C') {
        return "answer";
      }
      if (m.type() == 'E') {
        return m.field('C') + ("FATAL".equals(m.field('S')) ? " FATAL" : "");
      }
    }
  }

  @Test
  void statementTimeoutCoversTheServersOwnWork() throws Exception {
    for (String sql : HOSTILE) {
      try (WireClient c = new WireClient(server.port()).login("pxweb")) {
        c.query("SET statement_timeout = '2s'");
        c.until('Z');
        long start = System.nanoTime();
        c.query(sql);
        String outcome = outcome(c);
        double seconds = (System.nanoTime() - start) / 1e9;
        // A session whose work did not stop in the grace period is ended (FATAL); any other
        // outcome leaves it answering.
        assertTrue(EXPECTED.contains(outcome.replace(" FATAL", "")), outcome);
        assertTrue(seconds < BOUND_SECONDS, outcome + " after " + seconds + " s");
        if (!outcome.endsWith("FATAL")) {
          c.until('Z');
          c.query("SELECT 1");
          assertEquals("answer", outcome(c));
        }
      }
    }
  }

  @Test
  void aCancelRequestStopsTheServersOwnWork() throws Exception {
    for (String sql : HOSTILE) {
      try (WireClient c = new WireClient(server.port()).login("pxweb")) {
        c.query(sql);
        Thread.sleep(500);
        long start = System.nanoTime();
        c.cancel(server.port());
        String outcome = outcome(c);
        double seconds = (System.nanoTime() - start) / 1e9;
        // A session whose work did not stop in the grace period is ended (FATAL), as before.
        assertTrue(EXPECTED.contains(outcome.replace(" FATAL", "")), outcome);
        assertTrue(seconds < BOUND_SECONDS, outcome + " after " + seconds + " s");
      }
    }
  }

  @Test
  void aSessionGoesOnAfterItsStatementTimedOutInTheDriver() throws Exception {
    try (WireClient c = new WireClient(server.port()).login("pxweb")) {
      c.query("SET statement_timeout = '1s'");
      c.until('Z');
      c.query(HostileConnectionsTest.LONG_COUNT);
      assertEquals("57014", outcome(c));
      assertEquals('Z', c.until('Z').type());
      c.query("SELECT 1");
      assertEquals('T', c.until('T').type());
    }
  }
}
