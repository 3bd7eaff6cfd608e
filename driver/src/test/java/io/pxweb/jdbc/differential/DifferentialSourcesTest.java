package io.pxweb.jdbc.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.source.px.PxFixtures;
import io.pxweb.jdbc.testserver.TestCatalog;
import io.pxweb.jdbc.testserver.V1TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential campaign over the other sources: the same generated queries through a
 * PxWebApi v1 server (POST json-stat2 bodies, the navigation tree) and through a folder of PX
 * files must give H2's rows; over v1 they must also fetch no more cells than the metadata
 * allows. {@code mvn verify} runs {@value #QUERIES} queries per source with fixed seeds;
 * {@code -Dpxweb.differential.seconds=N} and {@code -Dpxweb.differential.seed=random} as for
 * {@link DifferentialSqlTest}.
 */
class DifferentialSourcesTest {
  static final int QUERIES = 250;

  @RegisterExtension
  static V1TestServer v1 = V1TestServer.builder().calls(1_000_000, 10, false).build();

  @TempDir
  static Path folder;

  /** A v1 data request: a POST on a table's URL (the last segment is the table's file name). */
  private static final Pattern V1_DATA = Pattern.compile("/api/v1/[^/]+/testdb/(?:[^?]*/)?([^/?]+)$");

  @Test
  void overPxWebApiV1() throws Exception {
    List<CubeTable> tables = Differential.tablesOf(v1.catalog().tables());
    try (Differential d = new Differential(tables, v1.jdbcUrl(), "sources_v1", null,
        v1::resetRequests, () -> Differential.fetched(v1.getAllServeEvents(), "POST", V1_DATA))) {
      // Each table's metadata, and the one small request v1 needs for units, before counting.
      readMetadata(d.driver, tables);
      campaign(d, 20261130L);
    }
  }

  @Test
  void overAFolderOfPxFiles() throws Exception {
    PxFixtures.copyTheServersFiles(folder);
    Set<String> inFolder = Set.of("TAB001", "TAB003", "TAB004", "TAB2936", "12909", "03024");
    List<CubeTable> tables = Differential.tablesOf(TestCatalog.standard().tables().stream()
        .filter(t -> inFolder.contains(t.id())).toList());
    assertEquals(inFolder.size(), tables.size());
    try (Differential d = new Differential(tables, "jdbc:pxweb:file:" + folder, "sources_px",
        null, null, null)) {
      campaign(d, 20261131L);
    }
  }

  private static void readMetadata(Connection c, List<CubeTable> tables) throws SQLException {
    for (CubeTable t : tables) {
      try (var s = c.createStatement(); var rs = s.executeQuery(
          "select * from " + QueryGenerator.quote(t.id) + " fetch first 1 rows only")) {
        rs.next();
      }
    }
  }

  private static void campaign(Differential d, long defaultSeed) {
    String seedProperty = System.getProperty("pxweb.differential.seed", "" + defaultSeed);
    long seed = seedProperty.equals("random") ? System.nanoTime() : Long.parseLong(seedProperty);
    long seconds = Long.getLong("pxweb.differential.seconds", 0);
    long deadline = seconds > 0 ? System.nanoTime() + seconds * 1_000_000_000L : Long.MAX_VALUE;
    int count = seconds > 0 ? Integer.MAX_VALUE : QUERIES;
    QueryGenerator generator = new QueryGenerator(d.tables, seed);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
      GeneratedQuery q = generator.next();
      Differential.Mismatch m = d.check(q);
      if (m != null && failures.size() < 10) {
        failures.add("#" + i + " [" + m.kind() + "] " + q.sql() + (q.params().isEmpty() ? ""
            : " with " + q.params()) + "\n    " + m.detail());
      }
    }
    System.out.printf("differential sources: seed %d, %d queries, %d rows compared,"
        + " %d data requests, %d cells, failures shown %d%n", seed, d.queries, d.rowsCompared,
        d.requests, d.cells, failures.size());
    assertTrue(failures.isEmpty(), "queries differ (seed " + seed + "):\n"
        + String.join("\n", failures));
  }
}
