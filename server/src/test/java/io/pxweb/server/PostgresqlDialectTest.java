package io.pxweb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL dialect as BI tools send it, through pgjdbc: the forms of issue 22 that the
 * parsed front end answers as PostgreSQL does (names, types, NULL order, casts, grouping,
 * session commands and catalog functions), on the sample database.
 */
class PostgresqlDialectTest {
  private static PxWebServer server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerFixture.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<String> names(ResultSetMetaData md) throws Exception {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      out.add(md.getColumnName(i) + ":" + md.getColumnTypeName(i));
    }
    return out;
  }

  @Test
  void unaliasedColumnsHavePostgresqlsNamesAndTypes() throws Exception {
    try (Connection c = ServerFixture.pg(server, "");
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*), sum(\"Emission\"), "
             + "CAST(\"Emission\" AS NUMERIC), CASE WHEN \"TIME\" > '2000' THEN 'new' ELSE 'old' "
             + "END, extract(year FROM \"TIME_date\"), 1 + 1 FROM \"TAB004\" "
             + "WHERE \"SECTOR\" = '1.0' AND \"GREENHOUSEGAS\" = 'CO2' AND \"TIME\" = '2010' "
             + "GROUP BY 3, 4, 5, 6")) {
      assertEquals(List.of("count:int8", "sum:numeric", "Emission:numeric", "case:text",
          "extract:numeric", "?column?:int4"), names(rs.getMetaData()));
      assertTrue(rs.next());
      assertEquals("2010", rs.getString(5));
    }
  }

  @Test
  void keywordsAreLabelsAfterAs() throws Exception {
    // Evidence's PostgreSQL connector starts every source with this query (ROWS is a keyword).
    try (Connection c = ServerFixture.pg(server, "");
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("WITH root as (SELECT * FROM \"TAB004\" WHERE"
             + " \"SECTOR\" = '1.0') SELECT COUNT(*) as rows, MAX(\"TIME\") as year FROM root")) {
      assertEquals(List.of("rows:int8", "year:text"), names(rs.getMetaData()));
      assertTrue(rs.next());
      assertEquals(11 * 28, rs.getLong(1));
      assertEquals("2017", rs.getString(2));
    }
  }

  @Test
  void numericCastsAreExactAndGroupByOrdinalWorks() throws Exception {
    try (Connection c = ServerFixture.pg(server, "");
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT CAST(1911.6 AS NUMERIC) AS a, "
             + "2.495::numeric(10,2) AS b, \"SECTOR\", count(*) AS n FROM \"TAB004\" "
             + "GROUP BY 1, 2, 3 ORDER BY 3 LIMIT 1")) {
      assertTrue(rs.next());
      assertEquals("1911.6", rs.getString("a"));
      assertEquals(new BigDecimal("2.50"), rs.getBigDecimal("b"));
      assertTrue(rs.getLong("n") > 0);
    }
  }

  @Test
  void nullsSortLastAscendingAndFirstDescending() throws Exception {
    try (Connection c = ServerFixture.pg(server, "");
         Statement s = c.createStatement()) {
      String base = "SELECT x FROM (VALUES (1), (CAST(NULL AS INTEGER)), (2)) AS t(x) ORDER BY x";
      List<String> asc = new ArrayList<>();
      try (ResultSet rs = s.executeQuery(base)) {
        while (rs.next()) {
          asc.add(rs.getString(1));
        }
      }
      List<String> desc = new ArrayList<>();
      try (ResultSet rs = s.executeQuery(base + " DESC")) {
        while (rs.next()) {
          desc.add(rs.getString(1));
        }
      }
      assertEquals(java.util.Arrays.asList("1", "2", null), asc);
      assertEquals(java.util.Arrays.asList(null, "2", "1"), desc);
    }
  }

  @Test
  void preparedParametersBindPerExecution() throws Exception {
    try (Connection c = ServerFixture.pg(server, "prepareThreshold=1");
         PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM \"TAB004\" "
             + "WHERE \"TIME\" = ? AND \"GREENHOUSEGAS\" = $$CO2$$")) {
      List<Long> counts = new ArrayList<>();
      for (String year : new String[] {"2001", "2002", "1800"}) {
        ps.setString(1, year);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          counts.add(rs.getLong(1));
        }
      }
      assertTrue(counts.get(0) > 0 && counts.get(0).equals(counts.get(1)), counts.toString());
      assertEquals(0L, counts.get(2));
    }
  }

  @Test
  void sessionCommandsAndCatalogFunctionsAnswerAsPostgresql() throws Exception {
    try (Connection c = ServerFixture.pg(server, "");
         Statement s = c.createStatement()) {
      s.execute("SET extra_float_digits = 3");
      s.execute("SET application_name = 'superset'");
      s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
      s.execute("BEGIN READ ONLY");
      s.execute("COMMIT");
      s.execute("DISCARD ALL");
      try (ResultSet rs = s.executeQuery("SHOW TRANSACTION ISOLATION LEVEL")) {
        assertTrue(rs.next());
        assertEquals("read committed", rs.getString(1));
      }
      try (ResultSet rs = s.executeQuery("SELECT version(), current_setting('server_version_num'), "
          + "current_setting('application_name'), current_schemas(true), "
          + "quote_ident('Tid'), quote_ident('tid'), format_type(1700, 655366), "
          + "pg_get_userbyid(10), pg_type_is_visible(25), current_user")) {
        assertTrue(rs.next());
        assertTrue(rs.getString(1).startsWith("PostgreSQL 14."), rs.getString(1));
        assertEquals("140000", rs.getString(2));
        assertEquals("superset", rs.getString(3));
        assertTrue(rs.getString(4).contains("pg_catalog"), rs.getString(4));
        assertEquals("\"Tid\"", rs.getString(5));
        assertEquals("tid", rs.getString(6));
        assertEquals("numeric(10,2)", rs.getString(7));
        assertEquals(rs.getString(10), rs.getString(8));
        assertTrue(rs.getBoolean(9));
        List<String> columns = names(rs.getMetaData());
        columns.set(3, columns.get(3).substring(0, columns.get(3).indexOf(':')));
        assertEquals(List.of("version:text", "current_setting:text", "current_setting:text",
            "current_schemas", "quote_ident:text", "quote_ident:text", "format_type:text",
            "pg_get_userbyid:name", "pg_type_is_visible:bool", "current_user:name"), columns);
      }
    }
  }
}
