package io.pxweb.jdbc.differential;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
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
  static final int DEFAULT_QUERIES = 2000;
  private static final long DEFAULT_SEED = 20261129L;
  private static final int SHOWN = 25;

  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(1_000_000, 10).build();

  @Test
  void driverAgreesWithH2AndFetchesNoMoreThanNeeded() throws Exception {
    String seedProperty = System.getProperty("pxweb.differential.seed", "" + DEFAULT_SEED);
    long seed = seedProperty.equals("random") ? System.nanoTime() : Long.parseLong(seedProperty);
    long seconds = Long.getLong("pxweb.differential.seconds", 0);
    int count = Integer.getInteger("pxweb.differential.queries",
        seconds > 0 ? Integer.MAX_VALUE : DEFAULT_QUERIES);
    long deadline = seconds > 0 ? System.nanoTime() + seconds * 1_000_000_000L : Long.MAX_VALUE;
    List<String> failures = new ArrayList<>();
    int failed = 0;
    try (Differential d = new Differential(server, "differential")) {
      QueryGenerator generator = new QueryGenerator(d.tables, seed);
      for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
        GeneratedQuery q = generator.next();
        long t0 = System.nanoTime();
        String problem = d.check(q);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (Boolean.getBoolean("pxweb.differential.timing") && ms > 300) {
          System.out.println("slow " + ms + " ms: " + q.sql());
        }
        if (problem != null) {
          failed++;
          if (failures.size() < SHOWN) {
            failures.add("#" + i + " " + q.sql() + "\n    " + problem);
          }
        }
      }
      System.out.printf("differential: seed %d, %d queries, %d failed, %d rejected by both,"
          + " %d rows compared, %d data requests, %d cells%n", seed, d.queries, failed,
          d.bothRejected, d.rowsCompared, d.requests, d.cells);
      assertTrue(failures.isEmpty(), failed + " of " + d.queries + " queries differ (seed "
          + seed + "):\n" + String.join("\n", failures));
    }
  }
}
