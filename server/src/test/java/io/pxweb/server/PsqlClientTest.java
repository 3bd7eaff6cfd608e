package io.pxweb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * psql from Debian's postgresql-client (.ci/run installs it) against the server: its catalog
 * commands, a query, and Ctrl-C. Skipped, saying so, when psql is not installed.
 */
class PsqlClientTest {
  private static PxWebServer server;
  private static Path psql;

  @BeforeAll
  static void start() throws Exception {
    psql = findPsql();
    assumeTrue(psql != null, "psql is not installed (apt-get install postgresql-client): "
        + "the psql client tests are skipped");
    server = ServerFixture.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static Path findPsql() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir, "psql");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  private static ProcessBuilder command(String... args) {
    List<String> cmd = new ArrayList<>(List.of(psql.toString(), "-X", "-h", "127.0.0.1", "-p",
        Integer.toString(server.port()), "-U", "pxweb", "-v", "ON_ERROR_STOP=1"));
    cmd.addAll(List.of(args));
    cmd.add("statbank");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("PGCONNECT_TIMEOUT", "30");
    pb.environment().remove("PGPASSWORD");
    return pb;
  }

  private static String run(String... args) throws IOException, InterruptedException {
    Process p = command(args).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  @Test
  void listTablesShowsTheStatbankSchema() throws Exception {
    String out = run("-c", "\\dt");
    assertTrue(out.contains("List of relations"), out);
    assertTrue(out.matches("(?s).*statbank\\s+\\|\\s+TAB001\\s+\\|\\s+table\\s+\\|\\s+pxweb.*"),
        out);
    assertTrue(!out.contains("population "), "only the search_path's tables: " + out);
  }

  @Test
  void describeTableShowsColumnsAndTypes() throws Exception {
    String out = run("-c", "\\d \"TAB001\"");
    assertTrue(out.contains("Table \"statbank.TAB001\""), out);
    assertTrue(out.matches("(?s).*REGION\\s+\\|\\s+text\\s+\\|\\s+\\|\\s+not null.*"), out);
    assertTrue(out.matches("(?s).*TIME_date\\s+\\|\\s+date.*"), out);
    int precision;
    int scale;
    try (java.sql.Connection direct = ServerFixture.direct();
         java.sql.ResultSet rs = direct.getMetaData().getColumns(null, "statbank", "TAB001",
             "HNMGA")) {
      assertTrue(rs.next());
      precision = rs.getInt("COLUMN_SIZE");
      scale = rs.getInt("DECIMAL_DIGITS");
    }
    assertTrue(out.matches("(?s).*HNMGA\\s+\\|\\s+numeric\\(" + precision + "," + scale
        + "\\).*"), out);
  }

  @Test
  void describePlusShowsLabelsAsComments() throws Exception {
    String out = run("-c", "\\dt+ \"TAB004\"");
    assertTrue(out.contains("Total air emissions by sector"), out);
  }

  @Test
  void describePlusShowsTheKeyIndexAndFunctionsAreNone() throws Exception {
    // psql 15's \d+ reads attcompression, unnest(reloptions) and the key's index.
    String out = run("-c", "\\d+ population.\"TAB001\"");
    assertTrue(out.contains("\"TAB001_pkey\" PRIMARY KEY, btree (\"REGION\", \"SEX\", \"AGE\", "
        + "\"TIME\")"), out);
    assertTrue(out.matches("(?s).*HNMGA\\s+\\|\\s+numeric.*Population.*"), out);
    assertTrue(!out.contains("Replica Identity"), "the default identity is not shown: " + out);
    String functions = run("-c", "\\df");
    assertTrue(functions.contains("List of functions") && functions.contains("(0 rows)"),
        functions);
  }

  @Test
  void queryInUnalignedOutput() throws Exception {
    String out = run("-A", "-t", "-c",
        "SELECT region, \"TIME\", hnmga FROM \"TAB001\" WHERE region = 'AT' AND sex = 'F' "
            + "AND age = 'TOTAL' ORDER BY 2");
    assertEquals("AT|1981|\nAT|1991|4041797\nAT|2001|4143737\n", out);
  }

  @Test
  void ctrlCCancelsTheRunningQuery() throws Exception {
    Process p = command("-c", "SELECT COUNT(*) FROM (SELECT a.*, b.\"REGION\" AS r2, "
        + "c.\"REGION\" AS r3 FROM \"TAB002\" a CROSS JOIN \"TAB001\" b CROSS JOIN \"TAB001\" c"
        + ") t").start();
    while (server.runningStatements() == 0 && p.isAlive()) {
      Thread.sleep(10);
    }
    // What Ctrl-C does: psql catches SIGINT and sends a CancelRequest with the backend key.
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertTrue(out.contains("canceling statement due to user request"), out);
  }
}
