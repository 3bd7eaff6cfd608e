package io.pxweb.server;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Figures for docs/bi-tools.md, not assertions: throughput through the server against direct JDBC
 * on a large result (wall time in turns, and each thread's CPU time, which a busy machine changes
 * less), and heap per idle session. Runs only with -Dpxweb.server.bench=true:
 * {@code mvn -B -pl server -am test -Dtest=ServerBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dpxweb.server.bench=true}
 */
@EnabledIfSystemProperty(named = "pxweb.server.bench", matches = "true")
class ServerBenchmarkTest {
  /** 1,000,000 rows of 14 columns from the sample database (of 19,800 x 90). */
  private static final String LARGE = "SELECT a.*, b.\"REGION\" AS r2 FROM \"TAB002\" a "
      + "CROSS JOIN \"TAB001\" b WHERE b.\"AGE\" = 'TOTAL' AND b.\"TIME\" = '2001' "
      + "LIMIT 1000000";

  /** Rounds of direct and server reads, in turn (the first warms up, the ratios of the rest). */
  private static final int ROUNDS = 6;

  /** CPU time of the server's session threads so far. */
  private static long sessionCpu(ThreadMXBean threads) {
    long sum = 0;
    for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t != null && t.getThreadName().startsWith("pxweb-session")) {
        sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
      }
    }
    return sum;
  }

  private static long read(Connection c, boolean cursor) throws Exception {
    c.setAutoCommit(!cursor);
    try (Statement s = c.createStatement()) {
      if (cursor) {
        s.setFetchSize(10_000);
      }
      long cells = 0;
      try (ResultSet rs = s.executeQuery(LARGE)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= n; i++) {
            if (rs.getString(i) != null) {
              cells++;
            }
          }
        }
      }
      return cells;
    }
  }

  @Test
  void throughputAndIdleSessionMemory() throws Exception {
    try (PxWebServer server = ServerFixture.start("--max-connections-per-user", "100");
         Connection direct = ServerFixture.direct();
         Connection pg = ServerFixture.pg(server, "")) {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      List<Double> ratios = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        long session0 = sessionCpu(threads);
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long a = read(direct, false);
        long t1 = System.nanoTime();
        long cpu1 = threads.getCurrentThreadCpuTime();
        long session1 = sessionCpu(threads);
        long b = read(pg, true);
        long t2 = System.nanoTime();
        long cpu2 = threads.getCurrentThreadCpuTime();
        long session2 = sessionCpu(threads);
        double ratio = (double) (t2 - t1) / (t1 - t0);
        if (round > 0) {
          ratios.add(ratio);
        }
        // CPU time of each thread: the direct scan's; the server session's and pgjdbc's.
        System.out.printf("round %d: direct JDBC %d ms, through server %d ms (%d / %d cells,"
            + " ratio %.2f); CPU: direct %d ms, server thread %d ms, pgjdbc thread %d ms;"
            + " load average %.1f%n", round, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, a, b,
            ratio, (cpu1 - cpu0) / 1_000_000, (session2 - session1) / 1_000_000,
            (cpu2 - cpu1) / 1_000_000,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      }
      ratios.sort(null);
      System.out.printf("ratio after the first round: median %.2f, from %.2f to %.2f%n",
          ratios.get(ratios.size() / 2), ratios.get(0), ratios.get(ratios.size() - 1));
      Runtime rt = Runtime.getRuntime();
      int sessions = 50;
      System.gc();
      Thread.sleep(500);
      long before = rt.totalMemory() - rt.freeMemory();
      List<Connection> idle = new ArrayList<>();
      for (int i = 0; i < sessions; i++) {
        Connection c = ServerFixture.pg(server, "");
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
          rs.next();
        }
        idle.add(c);
      }
      System.gc();
      Thread.sleep(500);
      long after = rt.totalMemory() - rt.freeMemory();
      System.out.printf("%d idle sessions: %.0f KB heap each (server and pgjdbc client in one JVM)%n",
          sessions, (after - before) / 1024.0 / sessions);
      for (Connection c : idle) {
        c.close();
      }
    }
  }
}
