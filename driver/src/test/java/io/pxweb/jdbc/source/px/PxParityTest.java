package io.pxweb.jdbc.source.px;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity of the two sources: the PX files the test server serves, copied into a folder in
 * subject sub-folders, give through {@code jdbc:pxweb:file:} the same columns and the same rows
 * as the server gives through HTTP, for the same SQL.
 */
class PxParityTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().build();

  @TempDir
  static Path folder;

  @BeforeAll
  static void copyTheServersFiles() {
    copyTheServersFiles(folder);
  }

  /** Copies the PX files behind the test server's tables into subject sub-folders. */
  static void copyTheServersFiles(Path folder) {
    PxFixtures.copyTheServersFiles(folder);
  }

  static Stream<String> queries() {
    return Stream.of(
        "select * from \"TAB001\"",
        "select REGION, SEX_label, \"TIME\", TIME_date, HNMGA, HNMGA_status from \"TAB001\""
            + " where SEX = 'T' and \"TIME\" in ('1991', '2001') and REGION like 'S%'",
        "select * from \"TAB001\" where AGE = 'TOTAL' and HNMGA is null",
        "select REGION, sum(HNMGA) as s, count(HNMGA_status) as missing from \"TAB001\""
            + " where AGE = 'TOTAL' group by REGION",
        "select * from \"TAB003\"",
        "select TREATMENT_CAT, WASTE_CAT_label, \"TIME\", WasteHazard from \"TAB003\""
            + " where \"TIME\" >= '2014' and WasteHazard > 1000",
        "select * from \"TAB004\"",
        "select SECTOR, \"TIME\", Emission, Emission_status from \"TAB004\""
            + " where GREENHOUSEGAS = 'CO2' and SECTOR in ('1.0', '2.0') and TIME_date"
            + " >= date '2010-01-01'",
        "select * from \"TAB2936\"",
        "select * from \"TAB2936\" where Kon = '1+2' and Tid = '2026M01'",
        "select FackligOrg, AM0401RP_status, count(*) as n from \"TAB2936\""
            + " where AM0401RP_status is not null group by FackligOrg, AM0401RP_status",
        "select * from \"12909\"",
        "select Yrke, LandBakgr_label, Sykefraversprosent, SykefraversprosEndr from \"12909\""
            + " where LandBakgr <> '999'",
        "select * from \"03024\"",
        "select VareGrupper2_label, Kilopris, Tid_date from \"03024\" where VareGrupper2 = '01'",
        "select * from \"TAB001\" order by HNMGA desc nulls last, REGION, SEX, AGE, \"TIME\""
            + " limit 7");
  }

  @ParameterizedTest
  @MethodSource("queries")
  void sameColumnsAndRowsOverTheFolderAndTheServer(String sql) throws SQLException {
    Result overHttp;
    Result overFiles;
    // The test server's /config asks for 30 calls per 10 s, which is not what is tested here.
    try (Connection c = DriverManager.getConnection(server.jdbcUrl() + ";rateLimit=none")) {
      overHttp = run(c, sql);
    }
    try (Connection c = DriverManager.getConnection("jdbc:pxweb:file:" + folder)) {
      overFiles = run(c, sql);
    }
    assertSameColumns(overHttp, overFiles, sql);
    assertFalse(overHttp.rows().isEmpty(), "the query should return rows: " + sql);
    boolean ordered = sql.contains(" order by ");
    assertEquals(overHttp.rows(ordered), overFiles.rows(ordered), sql);
  }

  @Test
  void sameTablesInTheSubjectSchemas() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:pxweb:file:" + folder)) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, "environment", "%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      tables.sort(Comparator.naturalOrder());
      assertEquals(List.of("TAB003", "TAB004"), tables);
      assertEquals(List.of(List.of("TAB2936", 3L)), run(c,
          "select 'TAB2936', count(distinct Tid) from labour.\"TAB2936\"").rows());
    }
  }

  /**
   * Asserts the same column names and types; a measure's scale over the folder may be larger:
   * the folder reads the digits stored (DECIMALS), servers give the shown ones (SHOWDECIMALS),
   * e.g. Vekt of 03024, stored with 2 decimals and shown with none. Rows compare numerically.
   */
  static void assertSameColumns(Result server, Result folder, String sql) {
    assertEquals(server.columns().size(), folder.columns().size(), sql);
    for (int i = 0; i < server.columns().size(); i++) {
      String a = server.columns().get(i);
      String b = folder.columns().get(i);
      String typeA = a.substring(0, a.indexOf('('));
      assertEquals(typeA, b.substring(0, b.indexOf('(')), sql);
      assertTrue(scale(b) >= scale(a), sql + ": " + a + " / " + b);
    }
  }

  private static int scale(String column) {
    return Integer.parseInt(column.substring(column.indexOf('(') + 1, column.length() - 1));
  }

  /** Column names and rows of a query, values made comparable. */
  record Result(List<String> columns, List<List<Object>> rows) {
    List<List<Object>> rows(boolean ordered) {
      if (ordered) {
        return rows;
      }
      List<List<Object>> sorted = new ArrayList<>(rows);
      sorted.sort(Comparator.comparing(String::valueOf));
      return sorted;
    }
  }

  static Result run(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        columns.add(md.getColumnName(i) + " " + md.getColumnTypeName(i) + "(" + md.getScale(i)
            + ")");
      }
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object v = rs.getObject(i);
          row.add(v instanceof BigDecimal d ? d.stripTrailingZeros()
              : v instanceof Date d ? d.toLocalDate() : v);
        }
        rows.add(row);
      }
      return new Result(columns, rows);
    }
  }
}
