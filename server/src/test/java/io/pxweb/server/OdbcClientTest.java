package io.pxweb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * psqlODBC (the ODBC driver Excel and Power BI's ODBC connector use) through pyodbc: catalog
 * functions (SQLTables, SQLColumns) and a query with a parameter. Uses Debian's
 * odbc-postgresql and python3-pyodbc (.ci/run installs them); skipped, saying so, without them.
 */
class OdbcClientTest {
  private static final Path ODBCINST = Path.of("/etc/odbcinst.ini");

  @Test
  void connectsReadsTheCatalogAndQueries() throws Exception {
    // pyodbc finds the driver by the name odbc-postgresql registers in odbcinst.ini.
    assumeTrue(Psycopg2ClientTest.hasModule("pyodbc") && Files.exists(ODBCINST)
        && Files.readString(ODBCINST).contains("[PostgreSQL Unicode]"),
        "psqlODBC and pyodbc are not installed (apt-get install odbc-postgresql python3-pyodbc): "
            + "the ODBC client test is skipped");
    String sql = "SELECT \"REGION\", \"TIME\", \"HNMGA\" FROM \"TAB001\" "
        + "WHERE \"SEX\" = ? AND \"AGE\" = 'TOTAL' ORDER BY 1, 2";
    String[] lines = Psycopg2ClientTest.runScript("pyodbc_client.py", sql, "M").split("\n");
    assertEquals("['TAB003', 'TAB004', 'TAB005']", lines[0]);
    assertTrue(lines[1].startsWith("[('SECTOR', 'text'), ('SECTOR_label', 'text')"), lines[1]);
    assertTrue(lines[1].contains("('TIME_date', 'date'), ('Emission', 'numeric')"), lines[1]);
    assertEquals("['REGION', 'TIME', 'HNMGA']", lines[2]);
    List<List<String>> got = new ArrayList<>();
    for (int i = 3; i < lines.length; i++) {
      got.add(Arrays.stream(lines[i].split("\\|", -1))
          .map(v -> v.equals("NULL") ? null : v).toList());
    }
    try (Connection direct = ServerFixture.direct();
         PreparedStatement ps = direct.prepareStatement(sql)) {
      ps.setString(1, "M");
      try (ResultSet rs = ps.executeQuery()) {
        List<List<String>> expected = ServerFixture.rows(rs);
        assertTrue(expected.size() > 10, "rows: " + expected.size());
        assertEquals(expected, got);
      }
    }
  }
}
