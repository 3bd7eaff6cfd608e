package io.pxweb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * psycopg2 (libpq, the Python driver behind Superset and pandas) against the server: parameters,
 * information_schema. Uses Debian's python3 with python3-psycopg2 (.ci/run installs it); skipped,
 * saying so, when that is missing.
 */
class Psycopg2ClientTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  private static boolean hasPsycopg2() throws Exception {
    if (!Files.isExecutable(PYTHON)) {
      return false;
    }
    Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import psycopg2")
        .redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @Test
  void queriesWithParametersAndInformationSchema() throws Exception {
    assumeTrue(hasPsycopg2(), "/usr/bin/python3 with psycopg2 is not installed (apt-get install "
        + "python3-psycopg2): the psycopg2 client test is skipped");
    Path script = Path.of("src", "test", "resources", "psycopg2_client.py").toAbsolutePath();
    try (PxWebServer server = ServerFixture.start()) {
      Process p = new ProcessBuilder(PYTHON.toString(), script.toString(),
          Integer.toString(server.port())).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(120, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), out);
      assertEquals(String.join("\n",
          "('AT', '1981', None, datetime.date(1981, 1, 1))",
          "('AT', '1991', Decimal('4041797'), datetime.date(1991, 1, 1))",
          "('AT', '2001', Decimal('4143737'), datetime.date(2001, 1, 1))",
          "['TAB003', 'TAB004', 'TAB005']",
          "[('SECTOR', 'text'), ('SECTOR_label', 'text'), ('GREENHOUSEGAS', 'text'), "
              + "('GREENHOUSEGAS_label', 'text'), ('TIME', 'text'), ('TIME_label', 'text'), "
              + "('TIME_date', 'date'), ('Emission', 'numeric'), ('Emission_status', 'text')]",
          ""), out);
    }
  }
}
