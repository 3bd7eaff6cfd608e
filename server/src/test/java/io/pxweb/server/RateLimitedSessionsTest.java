package io.pxweb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import io.pxweb.jdbc.testserver.RateLimitRule;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Twenty analysts behind one address: 20 concurrent pgjdbc sessions against a statbank that
 * allows 20 calls per 2 seconds and says so only in SSB-style headers. The server's one driver
 * JVM paces them all: the statbank never refuses a call, no window holds more than the limit,
 * and every session gets exactly the rows the driver gives directly.
 */
class RateLimitedSessionsTest {
  private static final int CALLS = 20;
  private static final int SESSIONS = 20;

  @RegisterExtension
  static final PxWebTestServer api = PxWebTestServer.builder()
      .enforceRateLimit(CALLS, Duration.ofSeconds(2), false).build();

  private static final List<String> QUERIES = List.of(
      "SELECT * FROM \"TAB004\" WHERE sector = '%s'",
      "SELECT region, \"TIME\", hnmga FROM \"TAB001\" WHERE sex = 'T' AND age = 'TOTAL' "
          + "AND region >= '%s'",
      "SELECT * FROM \"TAB003\" WHERE treatment_cat = '10' AND \"TIME\" <> '%s'");
  private static final String[][] ARGS = {{"0.1", "1.0", "2.0", "3.0", "4.0", "5.0"},
      {"AT", "BE", "DE", "FI", "SE"}, {"2008", "2010", "2012", "2014"}};

  private static List<String> sqlOf(int session) {
    List<String> sqls = new ArrayList<>();
    for (int q = 0; q < QUERIES.size(); q++) {
      sqls.add(String.format(QUERIES.get(q), ARGS[q][session % ARGS[q].length]));
    }
    return sqls;
  }

  private static List<List<String>> sorted(List<List<String>> rows) {
    List<List<String>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Object::toString));
    return copy;
  }

  @Test
  void twentySessionsShareOnePaceAndGetTheDriversRows() throws Exception {
    Map<String, List<List<String>>> got = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
    try (PxWebServer server = PxWebServer.start("--port", "0", "--url", api.jdbcUrl())) {
      List<Future<?>> done = new ArrayList<>();
      for (int s = 0; s < SESSIONS; s++) {
        List<String> sqls = sqlOf(s);
        done.add(pool.submit(() -> {
          try (Connection c = ServerFixture.pg(server, "");
               Statement st = c.createStatement()) {
            for (String sql : sqls) {
              try (ResultSet rs = st.executeQuery(sql)) {
                got.put(sql, sorted(ServerFixture.rows(rs)));
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    RateLimitRule limit = api.rateLimit();
    int refused = limit.refused();
    int maxInWindow = limit.maxInAnyWindow();
    int admitted = limit.admitted();
    assertEquals(0, refused, () -> "calls the statbank refused with 429: " + refusedCalls());
    assertTrue(maxInWindow <= CALLS, "max calls in a window: " + maxInWindow);
    assertTrue(admitted > CALLS, "the sessions needed more calls than one window: " + admitted);
    int wrong = 0;
    try (Connection direct = new io.pxweb.jdbc.PxWebDriver().connect(api.jdbcUrl(),
        new Properties())) {
      for (Map.Entry<String, List<List<String>>> e : got.entrySet()) {
        try (Statement st = direct.createStatement(); ResultSet rs = st.executeQuery(e.getKey())) {
          List<List<String>> expected = sorted(ServerFixture.rows(rs));
          assertTrue(!expected.isEmpty(), e.getKey());
          wrong += expected.equals(e.getValue()) ? 0 : 1;
        }
      }
    }
    assertEquals(SESSIONS * QUERIES.size() - countShared(), got.size());
    assertEquals(0, wrong, "queries whose rows differ from the driver's");
  }

  /** The refused calls, for the failure message. */
  private static List<String> refusedCalls() {
    List<String> out = new ArrayList<>();
    for (com.github.tomakehurst.wiremock.stubbing.ServeEvent e : api.getAllServeEvents()) {
      if (e.getResponse().getStatus() == 429) {
        out.add(e.getRequest().getLoggedDate().getTime() % 100_000 + " "
            + e.getRequest().getMethod() + " " + e.getRequest().getUrl());
      }
    }
    return out;
  }

  /** Sessions whose queries coincide (the same SQL text) store one result. */
  private static int countShared() {
    java.util.Set<String> distinct = new java.util.HashSet<>();
    int all = 0;
    for (int s = 0; s < SESSIONS; s++) {
      all += sqlOf(s).size();
      distinct.addAll(sqlOf(s));
    }
    return all - distinct.size();
  }
}
