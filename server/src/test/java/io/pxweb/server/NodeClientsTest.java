package io.pxweb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Node's PostgreSQL clients against the server (src/test/js/clients.mjs): node-postgres with a
 * named prepared statement run twice, Kysely's introspection over it (the catalog queries Kysely
 * sends), postgres.js's prepared queries and its array-type lookup at connect. Needs node and
 * the packages of src/test/js installed ({@code npm ci} there); skipped, saying so, without them.
 */
class NodeClientsTest {
  private static final Path DIR = Path.of("src", "test", "js").toAbsolutePath();
  private static final String QUERY = "SELECT \"REGION\", \"TIME\", \"HNMGA\" FROM "
      + "population.\"TAB001\" WHERE \"SEX\" = ? AND \"AGE\" = ? ORDER BY \"REGION\", \"TIME\" "
      + "LIMIT 4";

  private static boolean installed() throws Exception {
    if (!Files.isDirectory(DIR.resolve("node_modules/pg"))
        || !Files.isDirectory(DIR.resolve("node_modules/postgres"))
        || !Files.isDirectory(DIR.resolve("node_modules/kysely"))) {
      return false;
    }
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (java.io.IOException noNode) {
      return false;
    }
  }

  @Test
  void nodePostgresKyselyAndPostgresJs() throws Exception {
    assumeTrue(installed(), "node or the npm packages of server/src/test/js are not installed "
        + "(cd server/src/test/js && npm ci): the Node client test is skipped");
    Map<String, String> seen = new LinkedHashMap<>();
    try (PxWebServer server = ServerFixture.start()) {
      Process p = new ProcessBuilder("node", DIR.resolve("clients.mjs").toString(),
          Integer.toString(server.port())).directory(DIR.toFile()).redirectErrorStream(true)
          .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(300, TimeUnit.SECONDS), out);
      assertEquals(0, p.exitValue(), out);
      for (String line : out.split("\n")) {
        int tab = line.indexOf('\t');
        if (tab > 0) {
          seen.put(line.substring(0, tab), line.substring(tab + 1));
        }
      }
    }
    assertEquals(expectedRows("F"), seen.get("pg.prepared.F"));
    assertEquals(expectedRows("M"), seen.get("pg.prepared.M"));
    assertEquals(expectedRows("F"), seen.get("postgres.prepared.F"));
    assertEquals("[[\"a\",\"b\"],[\"population\",\"TAB001\"]]", seen.get("pg.arrays"));
    // Kysely's getTables over pg_attribute/pg_class/pg_type: the driver's columns and types.
    List<String> columns = new ArrayList<>();
    List<String> key = new ArrayList<>();
    try (Connection direct = ServerFixture.direct()) {
      try (ResultSet rs = direct.getMetaData().getColumns(null, "population", "TAB001", "%")) {
        while (rs.next()) {
          String type = rs.getString("TYPE_NAME").toLowerCase(java.util.Locale.ROOT);
          columns.add("\"" + rs.getString("COLUMN_NAME") + ":" + (type.contains("char")
              ? "text" : type.startsWith("decimal") ? "numeric" : type) + ":"
              + (rs.getInt("NULLABLE") != java.sql.DatabaseMetaData.columnNoNulls) + "\"");
        }
      }
      try (ResultSet rs = direct.getMetaData().getPrimaryKeys(null, "population", "TAB001")) {
        while (rs.next()) {
          key.add("\"" + rs.getString("COLUMN_NAME") + "\"");
        }
      }
    }
    assertEquals("[" + String.join(",", columns) + "]", seen.get("kysely.TAB001"));
    assertTrue(seen.get("kysely.schemas").contains("\"population\""), seen.toString());
    assertEquals("[" + String.join(",", key) + "]", seen.get("postgres.key"));
  }

  /** The driver's rows for the clients' query, as the script prints them (JSON, text values). */
  private static String expectedRows(String sex) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection direct = ServerFixture.direct();
         PreparedStatement ps = direct.prepareStatement(QUERY)) {
      ps.setString(1, sex);
      ps.setString(2, "TOTAL");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          java.math.BigDecimal v = rs.getBigDecimal(3);
          rows.add("[\"" + rs.getString(1) + "\",\"" + rs.getString(2) + "\","
              + (v == null ? "null" : "\"" + v.toPlainString() + "\"") + "]");
        }
      }
    }
    assertEquals(4, rows.size());
    return "[" + String.join(",", rows) + "]";
  }
}
