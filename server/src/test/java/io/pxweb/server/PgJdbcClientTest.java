package io.pxweb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/** pgjdbc, the PostgreSQL driver DBeaver, Metabase and Tableau use, against the server. */
class PgJdbcClientTest {
  /** A result too large to finish: it ends only when cancelled. */
  private static final String ENDLESS = "SELECT a.*, b.\"REGION\" AS r2, c.\"REGION\" AS r3 "
      + "FROM \"TAB002\" a CROSS JOIN \"TAB001\" b CROSS JOIN \"TAB001\" c";

  private static PxWebServer server;

  @BeforeAll
  static void start() throws Exception {
    // Room above the default 20 per user: sessions of earlier tests may still be closing.
    server = ServerFixture.start("--max-connections-per-user", "50");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void startupReportsWhatClientsCheck() throws Exception {
    try (Connection c = ServerFixture.pg(server, "")) {
      PGConnection pg = c.unwrap(PGConnection.class);
      assertEquals("UTF8", pg.getParameterStatus("client_encoding"));
      assertEquals("on", pg.getParameterStatus("standard_conforming_strings"));
      assertEquals("on", pg.getParameterStatus("integer_datetimes"));
      assertTrue(pg.getParameterStatus("DateStyle").startsWith("ISO"));
      assertTrue(c.getMetaData().getDatabaseMajorVersion() >= 12);
      assertTrue(pg.getBackendPID() > 0);
      try (Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT version(), current_database(), "
               + "current_schema(), current_setting('server_version_num')")) {
        assertTrue(rs.next());
        assertTrue(rs.getString(1).startsWith("PostgreSQL 14"), rs.getString(1));
        assertEquals("statbank", rs.getString(2));
        assertEquals("statbank", rs.getString(3));
        assertEquals("140000", rs.getString(4));
      }
    }
  }

  @Test
  void resultsEqualTheDriversForTheSameSql() throws Exception {
    String[] queries = {
        "SELECT * FROM \"TAB001\" ORDER BY \"REGION\", \"SEX\", \"AGE\", \"TIME\"",
        "SELECT region, sex, \"TIME\", hnmga FROM \"TAB001\" WHERE region IN ('AT', 'FI') "
            + "AND age = 'TOTAL' ORDER BY 1, 2, 3",
        "SELECT \"SEX\", COUNT(*) AS n, SUM(\"HNMGA\") AS total, AVG(\"HNMGA\") AS mean "
            + "FROM \"TAB001\" GROUP BY \"SEX\" ORDER BY \"SEX\"",
        "SELECT \"TIME\", \"TIME_date\", \"HNMGA_status\" FROM \"TAB001\" "
            + "WHERE \"HNMGA\" IS NULL ORDER BY 1, 2 LIMIT 20",
        "SELECT * FROM environment.\"TAB004\" ORDER BY 1, 2, 3, 4",
        "SELECT a.\"REGION\", a.\"TIME\", a.\"HNMGA\", b.\"HNCTZ\" FROM \"TAB001\" a "
            + "JOIN \"TAB002\" b ON a.\"REGION\" = b.\"REGION\" AND a.\"TIME\" = b.\"TIME\" "
            + "AND a.\"SEX\" = b.\"SEX\" AND a.\"AGE\" = b.\"AGE\" "
            + "WHERE b.\"CITIZENSHIP\" = 'TOTAL' ORDER BY 1, 2, 3, 4 LIMIT 50"};
    try (Connection pg = ServerFixture.pg(server, "");
         Connection direct = ServerFixture.direct()) {
      for (String sql : queries) {
        List<List<String>> expected;
        // PostgreSQL sorts NULL last in ascending order; the driver's default puts it first.
        String driverSql = sql.replace("ORDER BY 1, 2, 3, 4 LIMIT",
            "ORDER BY 1, 2, 3 NULLS LAST, 4 NULLS LAST LIMIT");
        try (Statement s = direct.createStatement(); ResultSet rs = s.executeQuery(driverSql)) {
          expected = ServerFixture.rows(rs);
        }
        try (Statement s = pg.createStatement(); ResultSet rs = s.executeQuery(sql)) {
          assertEquals(expected, ServerFixture.rows(rs), sql);
        }
        assertFalse(expected.isEmpty(), sql);
      }
    }
  }

  @Test
  void preparedStatementsPastThePrepareThresholdUseBinaryAndGiveTheSameRows() throws Exception {
    String sql = "SELECT \"TIME\", \"TIME_date\", \"HNMGA\", CAST(\"HNMGA\" AS INTEGER) AS i, "
        + "CAST(\"HNMGA\" AS DOUBLE) AS d, \"HNMGA\" > ? AS big FROM \"TAB001\" "
        + "WHERE \"REGION\" = ? AND \"SEX\" = ? AND \"AGE\" = 'TOTAL' AND \"HNMGA\" IS NOT NULL "
        + "ORDER BY \"TIME\"";
    try (Connection c = ServerFixture.pg(server, "prepareThreshold=1&binaryTransfer=true");
         Connection direct = ServerFixture.direct();
         PreparedStatement ps = c.prepareStatement(sql)) {
      List<List<String>> expected;
      try (Statement s = direct.createStatement();
           ResultSet rs = s.executeQuery(sql.replaceFirst("\\?", "4000000")
               .replaceFirst("\\?", "'AT'").replaceFirst("\\?", "'F'"))) {
        expected = ServerFixture.rows(rs);
      }
      for (int run = 0; run < 4; run++) {
        ps.setInt(1, 4_000_000);
        ps.setString(2, "AT");
        ps.setString(3, "F");
        try (ResultSet rs = ps.executeQuery()) {
          assertEquals(Types.NUMERIC, rs.getMetaData().getColumnType(3));
          assertEquals(expected, ServerFixture.rows(rs), "run " + run);
        }
      }
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(LocalDate.of(1991, 1, 1), rs.getObject(2, LocalDate.class));
        assertEquals(new BigDecimal("4041797"), rs.getBigDecimal(3));
        assertEquals(4041797, rs.getInt(4));
        assertEquals(4041797.0, rs.getDouble(5));
        assertTrue(rs.getBoolean(6));
      }
      assertTrue(ps.unwrap(org.postgresql.PGStatement.class).isUseServerPrepare());
    }
  }

  @Test
  void parametersOfEveryCommonTypeBindAsLiterals() throws Exception {
    try (Connection c = ServerFixture.pg(server, "prepareThreshold=1");
         PreparedStatement ps = c.prepareStatement(
             "SELECT COUNT(*) FROM \"TAB001\" WHERE \"REGION\" = ? AND \"TIME_date\" >= ? "
                 + "AND \"HNMGA\" > ? AND \"SEX\" <> ?")) {
      for (int run = 0; run < 3; run++) {
        ps.setString(1, "AT");
        ps.setObject(2, LocalDate.of(2001, 1, 1));
        ps.setBigDecimal(3, new BigDecimal("0.5"));
        ps.setString(4, "it's");
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertTrue(rs.getLong(1) > 0);
        }
      }
    }
  }

  @Test
  void fetchSizeInATransactionStreamsThroughAPortal() throws Exception {
    try (Connection c = ServerFixture.pg(server, "")) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.setFetchSize(100);
        int n = 0;
        try (ResultSet rs = s.executeQuery("SELECT * FROM \"TAB002\"")) {
          while (rs.next()) {
            n++;
          }
        }
        assertEquals(19_800, n);
      }
      c.commit();
    }
  }

  @Test
  void aKeptTranslationFollowsTheSessionsSettings() throws Exception {
    // The session keeps a text's translation; current_setting() is read into it, so a SET
    // between two runs of the same text must show.
    String sql = "SELECT current_setting('application_name')";
    try (Connection c = ServerFixture.pg(server, "preferQueryMode=simple");
         Statement s = c.createStatement()) {
      for (String name : new String[] {"one", "two", "one"}) {
        s.execute("SET application_name = '" + name + "'");
        try (ResultSet rs = s.executeQuery(sql)) {
          assertTrue(rs.next());
          assertEquals(name, rs.getString(1));
        }
      }
    }
  }

  /** The key columns pgjdbc reports for a table, in key order. */
  private static List<String> key(DatabaseMetaData md, String table) throws SQLException {
    List<String> key = new ArrayList<>();
    try (ResultSet rs = md.getPrimaryKeys(null, "population", table)) {
      while (rs.next()) {
        key.add(rs.getString("TABLE_NAME") + "." + rs.getString("COLUMN_NAME"));
      }
    }
    return key;
  }

  @Test
  void eachTablesKeyWhenTheTableNameIsWrittenIntoTheCatalogQuery() throws Exception {
    // In simple query mode pgjdbc writes the names into the text, as psycopg2 does: the server
    // lifts them out as parameters and plans the text once; each table still gets its own key.
    try (Connection simple = ServerFixture.pg(server, "preferQueryMode=simple");
         Connection direct = ServerFixture.direct()) {
      for (String table : new String[] {"TAB001", "TAB002", "TAB001", "MultipleContentSmall"}) {
        List<String> expected = new ArrayList<>();
        try (ResultSet rs = direct.getMetaData().getPrimaryKeys(null, "population", table)) {
          while (rs.next()) {
            expected.add(table + "." + rs.getString("COLUMN_NAME"));
          }
        }
        assertEquals(expected, key(simple.getMetaData(), table), table);
      }
      assertEquals(5, key(simple.getMetaData(), "TAB002").size());
    }
  }

  @Test
  void databaseMetaDataListsSchemasTablesColumnsWithLabels() throws Exception {
    try (Connection c = ServerFixture.pg(server, "")) {
      DatabaseMetaData md = c.getMetaData();
      List<String> schemas = new ArrayList<>();
      try (ResultSet rs = md.getSchemas()) {
        while (rs.next()) {
          schemas.add(rs.getString("TABLE_SCHEM"));
        }
      }
      assertTrue(schemas.containsAll(List.of("statbank", "population", "environment", "meta")),
          schemas.toString());
      try (ResultSet rs = md.getTables(null, "environment", "TAB00%", new String[] {"TABLE"})) {
        List<String> names = new ArrayList<>();
        String remarks = null;
        while (rs.next()) {
          names.add(rs.getString("TABLE_NAME"));
          if (rs.getString("TABLE_NAME").equals("TAB004")) {
            remarks = rs.getString("REMARKS");
          }
        }
        assertEquals(List.of("TAB003", "TAB004", "TAB005"), names);
        assertTrue(remarks != null && remarks.startsWith("Total air emissions by sector"),
            remarks);
      }
      try (ResultSet rs = md.getColumns(null, "population", "TAB001", "%")) {
        List<String> columns = new ArrayList<>();
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME"));
          if (rs.getString("COLUMN_NAME").equals("HNMGA")) {
            assertEquals(Types.NUMERIC, rs.getInt("DATA_TYPE"));
          }
        }
        assertEquals(List.of("REGION:text", "REGION_label:text", "SEX:text", "SEX_label:text",
            "AGE:text", "AGE_label:text", "TIME:text", "TIME_label:text", "TIME_date:date",
            "HNMGA:numeric", "HNMGA_status:text"), columns);
      }
      try (ResultSet rs = md.getPrimaryKeys(null, "population", "TAB001")) {
        List<String> key = new ArrayList<>();
        while (rs.next()) {
          key.add(rs.getString("COLUMN_NAME"));
        }
        assertEquals(List.of("REGION", "SEX", "AGE", "TIME"), key);
      }
      try (ResultSet rs = md.getImportedKeys(null, "population", "TAB001")) {
        assertFalse(rs.next(), "statbank tables have no foreign keys");
      }
      try (ResultSet rs = md.getIndexInfo(null, "population", "TAB001", false, true)) {
        // As PostgreSQL lists a primary key: its unique btree index, one row per key column.
        List<String> index = new ArrayList<>();
        while (rs.next()) {
          index.add(rs.getString("INDEX_NAME") + ":" + rs.getBoolean("NON_UNIQUE") + ":"
              + rs.getInt("ORDINAL_POSITION") + ":" + rs.getString("COLUMN_NAME") + ":"
              + rs.getString("ASC_OR_DESC"));
        }
        assertEquals(List.of("TAB001_pkey:false:1:REGION:A", "TAB001_pkey:false:2:SEX:A",
            "TAB001_pkey:false:3:AGE:A", "TAB001_pkey:false:4:TIME:A"), index);
      }
      try (ResultSet rs = md.getTypeInfo()) {
        List<String> types = new ArrayList<>();
        while (rs.next()) {
          types.add(rs.getString("TYPE_NAME"));
        }
        assertTrue(types.containsAll(List.of("numeric", "text", "date", "int4")),
            types.toString());
      }
    }
  }

  @Test
  void cancelStopsARunningQuery() throws Exception {
    try (Connection c = ServerFixture.pg(server, "");
         Statement s = c.createStatement()) {
      CompletableFuture<SQLException> failure = CompletableFuture.supplyAsync(() -> {
        try (ResultSet rs = s.executeQuery(ENDLESS)) {
          return null;
        } catch (SQLException e) {
          return e;
        }
      });
      // pgjdbc reads the whole result inside executeQuery: cancel once the server is sending it.
      while (server.runningStatements() == 0 && !failure.isDone()) {
        Thread.sleep(10);
      }
      s.cancel();
      SQLException e = failure.get(60, TimeUnit.SECONDS);
      assertEquals("57014", e == null ? null : e.getSQLState());
      try (ResultSet rs = s.executeQuery("SELECT 1")) {
        assertTrue(rs.next(), "the session goes on after a cancel");
      }
    }
  }

  @Test
  void queryTimeoutCancelsThroughTheBackendKey() throws Exception {
    try (Connection c = ServerFixture.pg(server, "");
         Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      SQLException e = assertThrows(SQLException.class, () -> {
        try (ResultSet rs = s.executeQuery(ENDLESS)) {
          while (rs.next()) {
            // Reads until the timeout cancels the statement.
          }
        }
      });
      assertEquals("57014", e.getSQLState());
    }
  }

  @Test
  void errorsCarryTheDriversSqlStateAndWritesAreRefused() throws Exception {
    try (Connection c = ServerFixture.pg(server, "");
         Statement s = c.createStatement()) {
      SQLException missing = assertThrows(SQLException.class,
          () -> s.executeQuery("SELECT * FROM \"NO_SUCH_TABLE\""));
      assertEquals(5, missing.getSQLState().length());
      assertFalse(missing.getSQLState().equals("XX000"), missing.getSQLState());
      assertTrue(missing.getMessage().contains("NO_SUCH_TABLE"), missing.getMessage());
      SQLException write = assertThrows(SQLException.class,
          () -> s.executeUpdate("DELETE FROM \"TAB001\""));
      assertEquals("25006", write.getSQLState());
      try (ResultSet rs = s.executeQuery("SELECT 1")) {
        assertTrue(rs.next(), "an error leaves the session usable");
      }
    }
  }

  @Test
  void sessionStatementsAndPostgresSyntax() throws Exception {
    try (Connection c = ServerFixture.pg(server, "preferQueryMode=simple");
         Statement s = c.createStatement()) {
      s.execute("SET application_name = 'bi tool'; SET statement_timeout TO 60000");
      try (ResultSet rs = s.executeQuery("SHOW application_name")) {
        assertTrue(rs.next());
        assertEquals("bi tool", rs.getString(1));
      }
      assertEquals("bi tool",
          c.unwrap(PGConnection.class).getParameterStatus("application_name"));
      s.execute("BEGIN; SELECT 1; COMMIT");
      try (ResultSet rs = s.executeQuery("SELECT region::text AS r, '42'::int + 1 AS n, "
          + "'ab' ILIKE 'A%' AS l, sex FROM \"TAB001\" WHERE region ~ '^F' ORDER BY sex")) {
        assertTrue(rs.next());
        assertEquals("FI", rs.getString("r"));
        assertEquals(43, rs.getInt("n"));
        assertTrue(rs.getBoolean("l"));
      }
      try (ResultSet rs = s.executeQuery("SELECT DATE '2020-01-01' + INTERVAL '2 days', "
          + "now() IS NOT NULL, 'a' != 'b'")) {
        assertTrue(rs.next());
        assertEquals(LocalDate.of(2020, 1, 3), rs.getObject(1, LocalDate.class));
        assertTrue(rs.getBoolean(2));
        assertTrue(rs.getBoolean(3));
      }
      assertFalse(s.execute(""), "the empty query");
    }
  }

  @Test
  void twentyConcurrentSessionsGetTheDriversRows() throws Exception {
    String sql = "SELECT \"REGION\", \"SEX\", \"AGE\", \"TIME\", \"HNMGA\" FROM \"TAB001\" "
        + "WHERE \"REGION\" = ? ORDER BY 2, 3, 4";
    String[] regions = {"AT", "FI", "DE", "NO", "DK"};
    java.util.Map<String, List<List<String>>> expected = new java.util.HashMap<>();
    try (Connection direct = ServerFixture.direct()) {
      for (String region : regions) {
        try (PreparedStatement ps = direct.prepareStatement(sql)) {
          ps.setString(1, region);
          try (ResultSet rs = ps.executeQuery()) {
            expected.put(region, ServerFixture.rows(rs));
          }
        }
      }
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(20);
    try {
      List<java.util.concurrent.Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String region = regions[i % regions.length];
        results.add(pool.submit(() -> {
          try (Connection c = ServerFixture.pg(server, "prepareThreshold=1");
               PreparedStatement ps = c.prepareStatement(sql)) {
            for (int run = 0; run < 3; run++) {
              ps.setString(1, region);
              try (ResultSet rs = ps.executeQuery()) {
                if (!ServerFixture.rows(rs).equals(expected.get(region))) {
                  return region + " differs in run " + run;
                }
              }
            }
            return "ok";
          }
        }));
      }
      for (java.util.concurrent.Future<String> r : results) {
        assertEquals("ok", r.get(120, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(expected.values().stream().allMatch(rows -> !rows.isEmpty()),
        "every region has rows");
  }

  @Test
  void metabasePrivilegesQueryGrantsReadingOnly() throws Exception {
    String sql = java.nio.file.Files.readString(java.nio.file.Path.of("src", "test", "resources",
        "metabase_privileges.sql"));
    try (Connection c = ServerFixture.pg(server, "");
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      int tables = 0;
      while (rs.next()) {
        if (rs.getString("schema").equals("environment")) {
          tables++;
          assertTrue(rs.getBoolean("select"));
          assertFalse(rs.getBoolean("update") || rs.getBoolean("insert")
              || rs.getBoolean("delete"), "read-only");
        }
      }
      assertEquals(3, tables);
    }
  }

  @Test
  void dateTruncGroupsDatesAsPostgresqlDoes() throws Exception {
    try (Connection c = ServerFixture.pg(server, "");
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT date_trunc('quarter', \"TIME_date\") AS q, "
             + "date_trunc('week', TIMESTAMP '2024-05-09 13:14:15') AS w, "
             + "CAST(date_trunc('decade', DATE '2024-05-09') AS DATE) AS d "
             + "FROM \"TAB001\" WHERE \"TIME\" = '2001' LIMIT 1")) {
      // PostgreSQL has no date_trunc(text, date): the date is taken as a timestamptz.
      assertEquals("timestamptz", rs.getMetaData().getColumnTypeName(1));
      assertEquals("timestamp", rs.getMetaData().getColumnTypeName(2));
      assertTrue(rs.next());
      assertTrue(rs.getString(1).startsWith("2001-01-01 00:00:00+"), rs.getString(1));
      assertEquals("2024-05-06 00:00:00", rs.getString(2), "weeks start on Monday");
      assertEquals(LocalDate.of(2020, 1, 1), rs.getObject(3, LocalDate.class));
    }
    try (Connection c = ServerFixture.pg(server, "");
         Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("SELECT date_trunc('fortnight', DATE '2024-05-09')").close());
      assertTrue(e.getMessage().contains("unit \"fortnight\" not recognized"), e.getMessage());
    }
  }

  @Test
  void startupOptionsSetParameters() throws Exception {
    try (Connection c = ServerFixture.pg(server,
        "options=-c%20statement_timeout%3D5s&ApplicationName=metabase");
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT current_setting('statement_timeout'), "
             + "current_setting('application_name')")) {
      assertTrue(rs.next());
      assertEquals("5s", rs.getString(1));
      assertEquals("metabase", rs.getString(2));
    }
  }
}
