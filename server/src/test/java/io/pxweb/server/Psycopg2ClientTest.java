package io.pxweb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * psycopg2 (libpq, the Python driver behind Superset and pandas) against the server: parameters,
 * information_schema. Uses Debian's python3 with python3-psycopg2 (.ci/run installs it); skipped,
 * saying so, when that is missing.
 */
class Psycopg2ClientTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  static boolean hasModule(String module) throws Exception {
    if (!Files.isExecutable(PYTHON)) {
      return false;
    }
    Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import " + module)
        .redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @Test
  void queriesWithParametersAndInformationSchema() throws Exception {
    assumeTrue(hasModule("psycopg2"), "/usr/bin/python3 with psycopg2 is not installed (apt-get install "
        + "python3-psycopg2): the psycopg2 client test is skipped");
    String out = runScript("psycopg2_client.py");
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

  @Test
  void sqlalchemyReflectsSchemasTablesAndColumns() throws Exception {
    assumeTrue(hasModule("psycopg2") && hasModule("sqlalchemy"), "/usr/bin/python3 with "
        + "psycopg2 and sqlalchemy is not installed (apt-get install python3-sqlalchemy): the "
        + "SQLAlchemy client test is skipped");
    String out = runScript("sqlalchemy_client.py");
    // The driver's schemas (without Calcite's own) and information_schema, as Python prints them.
    java.util.TreeSet<String> schemas = new java.util.TreeSet<>(java.util.List.of(
        "information_schema"));
    try (java.sql.Connection direct = ServerFixture.direct();
         java.sql.ResultSet rs = direct.getMetaData().getSchemas()) {
      while (rs.next()) {
        if (!rs.getString("TABLE_SCHEM").equals("metadata")) {
          schemas.add(rs.getString("TABLE_SCHEM"));
        }
      }
    }
    assertTrue(schemas.containsAll(java.util.List.of("environment", "statbank")),
        schemas.toString());
    assertEquals(String.join("\n",
        "['" + String.join("', '", schemas) + "']",
        "['TAB003', 'TAB004', 'TAB005']",
        "[('SECTOR', 'TEXT'), ('SECTOR_label', 'TEXT'), ('GREENHOUSEGAS', 'TEXT'), "
            + "('GREENHOUSEGAS_label', 'TEXT'), ('TIME', 'TEXT'), ('TIME_label', 'TEXT'), "
            + "('TIME_date', 'DATE'), ('Emission', 'NUMERIC(19, 0)'), ('Emission_status', "
            + "'TEXT')]",
        "{'constrained_columns': ['SECTOR', 'GREENHOUSEGAS', 'TIME'], 'name': 'TAB004_pkey'}",
        ""), out);
  }

  @Test
  void pandasReadSqlGetsTheDriversRows() throws Exception {
    assumeTrue(hasModule("psycopg2") && hasModule("sqlalchemy") && hasModule("pandas"),
        "/usr/bin/python3 with psycopg2, sqlalchemy and pandas is not installed (apt-get install "
        + "python3-pandas): the pandas.read_sql test is skipped");
    String sql = "SELECT \"REGION\", \"TIME\", \"HNMGA\", \"TIME_date\" FROM \"TAB001\" "
        + "WHERE \"SEX\" = 'F' AND \"AGE\" = 'TOTAL' ORDER BY 1, 2";
    String[] lines = runScript("pandas_client.py", sql).split("\n");
    assertEquals("REGION:object,TIME:object,HNMGA:float64,TIME_date:object", lines[0]);
    List<List<String>> got = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      List<String> row = new ArrayList<>();
      for (String cell : lines[i].split(",", -1)) {
        row.add(cell.equals("NULL") ? null : ServerFixture.cell(cell));
      }
      got.add(row);
    }
    try (java.sql.Connection direct = ServerFixture.direct();
         java.sql.Statement s = direct.createStatement();
         java.sql.ResultSet rs = s.executeQuery(sql)) {
      List<List<String>> expected = ServerFixture.rows(rs);
      assertTrue(expected.size() > 10, "rows: " + expected.size());
      assertEquals(expected, got);
    }
  }

  static String runScript(String name, String... args) throws Exception {
    Path script = Path.of("src", "test", "resources", name).toAbsolutePath();
    try (PxWebServer server = ServerFixture.start()) {
      List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script.toString(),
          Integer.toString(server.port())));
      command.addAll(List.of(args));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(120, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), out);
      return out;
    }
  }
}
