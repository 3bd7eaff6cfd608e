package io.pxweb.jdbc.differential;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The differential campaign: generated queries through the driver and through H2 must give the
 * same rows, and fetch no more than the metadata allows.
 *
 * <p>{@code mvn verify} runs {@value #DEFAULT_QUERIES} queries with a fixed seed. Longer
 * campaigns: {@code -Dpxweb.differential.seconds=N} runs for N seconds,
 * {@code -Dpxweb.differential.seed=S} starts from another seed ({@code random} for a fresh
 * one), {@code -Dpxweb.differential.queries=Q} sets the count.
 */
class DifferentialSqlTest {
  static final int DEFAULT_QUERIES = 1000;
  private static final long DEFAULT_SEED = 20261129L;
  private static final int SHOWN = 5;

  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(1_000_000, 10).build();

  @Test
  void driverAgreesWithH2AndFetchesNoMoreThanNeeded() throws Exception {
    campaign(null, DEFAULT_QUERIES, DEFAULT_SEED);
  }

  /** The same campaign against PostgreSQL, when {@code PXWEB_PG_URL} (.ci/postgres.sh) is set. */
  @Test
  @EnabledIfEnvironmentVariable(named = "PXWEB_PG_URL", matches = ".+")
  void driverAgreesWithPostgres() throws Exception {
    // Half as many queries, from another seed: different queries at half the cost.
    campaign(System.getenv("PXWEB_PG_URL"), DEFAULT_QUERIES / 2, DEFAULT_SEED + 1);
  }

  private static void campaign(String postgresUrl, int defaultQueries, long defaultSeed)
      throws Exception {
    String seedProperty = System.getProperty("pxweb.differential.seed", "" + defaultSeed);
    long seed = seedProperty.equals("random") ? System.nanoTime() : Long.parseLong(seedProperty);
    long seconds = Long.getLong("pxweb.differential.seconds", 0);
    int count = Integer.getInteger("pxweb.differential.queries",
        seconds > 0 ? Integer.MAX_VALUE : defaultQueries);
    long deadline = seconds > 0 ? System.nanoTime() + seconds * 1_000_000_000L : Long.MAX_VALUE;
    long start = System.nanoTime();
    Map<String, List<String>> failures = new TreeMap<>();
    int failed = 0;
    try (Differential d = new Differential(server, "differential", postgresUrl)) {
      QueryGenerator generator = new QueryGenerator(d.tables, seed, d.postgres);
      for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
        GeneratedQuery q = generator.next();
        Differential.Mismatch m = d.check(q);
        if (m != null) {
          failed++;
          List<String> kind = failures.computeIfAbsent(m.kind(), k -> new ArrayList<>());
          if (kind.size() < SHOWN) {
            kind.add("#" + i + " " + q.sql() + (q.params().isEmpty() ? "" : " with "
                + q.params()) + "\n    " + m.detail());
          } else {
            kind.add(null);
          }
        }
      }
      // CPU time of the whole JVM (driver, WireMock, H2) says what the campaign costs on an
      // idle machine; wall time depends on what else runs.
      long cpu = ((com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
      System.out.printf("differential (%s): seed %d, %d queries, %d failed, %d rejected by both,"
          + " %d rows compared, %d data requests, %d cells, %d s wall, %d s JVM CPU%n",
          postgresUrl == null ? "H2" : "PostgreSQL", seed,
          d.queries, failed, d.bothRejected, d.rowsCompared, d.requests, d.cells,
          (System.nanoTime() - start) / 1_000_000_000L, cpu / 1_000_000_000L);
      StringBuilder report = new StringBuilder();
      failures.forEach((kind, list) -> {
        report.append("\n== ").append(kind).append(": ").append(list.size()).append(" queries\n");
        list.stream().filter(x -> x != null).forEach(x -> report.append(x).append('\n'));
      });
      assertTrue(failures.isEmpty(), failed + " of " + d.queries + " queries differ (seed "
          + seed + "):" + report);
    }
  }
}
