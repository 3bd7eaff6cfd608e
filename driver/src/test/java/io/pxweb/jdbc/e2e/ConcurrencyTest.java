package io.pxweb.jdbc.e2e;

import static io.pxweb.jdbc.e2e.Sql.normalize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import io.pxweb.jdbc.testserver.RateLimitRule;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Eight threads run many queries, on one shared connection and on their own connections,
 * against a server that enforces 20 calls per 2 seconds and says so only in SSB-style headers
 * ({@code /config} says 0/0): every result is right, the server never had to refuse a call,
 * and no window of 2 seconds saw more than 20 calls.
 */
class ConcurrencyTest {
  private static final int CALLS = 20;

  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder()
      .enforceRateLimit(CALLS, Duration.ofSeconds(2), false).build();

  private static final List<String> QUERIES = List.of(
      "select * from \"TAB004\" where SECTOR = '%s'",
      "select REGION, \"TIME\", HNMGA from \"TAB001\" where SEX = 'T' and AGE = 'TOTAL' and REGION >= '%s'",
      "select * from \"TAB003\" where TREATMENT_CAT = '10' and \"TIME\" <> '%s'");

  private static List<List<Object>> expected(String sql) throws SQLException {
    try (Connection c = ReferenceEngine.connect(server.catalog())) {
      return normalize(Sql.rows(c, sql)).stream().sorted(Sql::compare).toList();
    }
  }

  @Test
  void paceIsKeptAndResultsAreExact() throws Exception {
    List<String> sqls = new ArrayList<>();
    String[] args = {"0.1", "1.0", "2.0", "3.0", "4.0", "5.0"};
    for (int i = 0; i < 48; i++) {
      String q = QUERIES.get(i % QUERIES.size());
      sqls.add(String.format(q, q.contains("TIME\" <>") ? "2012" : args[i % args.length]));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (Connection shared = DriverManager.getConnection(server.jdbcUrl())) {
      List<Future<Void>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          // Even threads share one connection; odd threads open their own.
          try (Connection own = thread % 2 == 1 ? DriverManager.getConnection(server.jdbcUrl())
              : null) {
            Connection c = own != null ? own : shared;
            for (int i = thread; i < sqls.size(); i += 8) {
              String sql = sqls.get(i);
              List<List<Object>> rows = normalize(Sql.rows(c, sql)).stream()
                  .sorted(Sql::compare).toList();
              assertEquals(expected(sql), rows, sql);
            }
          }
          return null;
        }));
      }
      for (Future<Void> f : done) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    RateLimitRule limit = server.rateLimit();
    assertEquals(0, limit.refused(), "calls the server refused with 429");
    assertTrue(limit.maxInAnyWindow() <= CALLS, "max calls in a window: " + limit.maxInAnyWindow());
    // Work was queued, so pacing mattered: windows held far more than a trickle. (That the
    // limiter fills each window exactly is measured without HTTP in RateLimiterTest.)
    assertTrue(limit.maxInAnyWindow() >= CALLS / 2, "max calls in a window: " + limit.maxInAnyWindow());
  }
}
