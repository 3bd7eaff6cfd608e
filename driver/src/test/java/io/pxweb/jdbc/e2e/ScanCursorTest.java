package io.pxweb.jdbc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import io.pxweb.jdbc.testserver.V1TestServer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.jdbc.PxWebResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A plain scan's result set reads the responses column by column ({@code ScanCursor}); every
 * other plan reads Calcite's {@code Object[]} rows through Avatica's cursor. Both must answer
 * exactly the same: for many scan shapes of every test table (v2 with requests split, v1, a PX
 * folder), the same metadata, and for every row and column the same answer (value, class,
 * wasNull, or the same error) from each getter. The reference is the same query with a row
 * limit no table reaches, which puts Calcite's limit operator above the scan.
 */
class ScanCursorTest {
  @RegisterExtension
  static PxWebTestServer v2 = PxWebTestServer.builder().maxDataCells(500)
      .callsPerWindow(10_000, 10).build();

  @RegisterExtension
  static V1TestServer v1 = V1TestServer.builder().maxCells(1000).calls(10_000, 10, false)
      .mount("PO/PO02", "TAB001", "TAB004").build();

  private static final String PX_FOLDER = "jdbc:pxweb:file:"
      + Path.of("..", "samples", "db").toAbsolutePath().normalize();

  private static final String CALCITE_PATH = " fetch first 1000000000 rows only";

  @Test
  void v2TablesAnswerAlikeOnBothPaths() throws SQLException {
    assertSourceAlike(v2.jdbcUrl());
  }

  @Test
  void v1TablesAnswerAlikeOnBothPaths() throws SQLException {
    assertSourceAlike(v1.jdbcUrl());
  }

  @Test
  void pxFolderTablesAnswerAlikeOnBothPaths() throws SQLException {
    assertSourceAlike(PX_FOLDER);
  }

  /** Plans with anything above the scan keep Calcite's cursor; a join's keyed scan too. */
  @Test
  void onlyAPlainScanReadsColumnWise() throws SQLException {
    try (Connection c = DriverManager.getConnection(v2.jdbcUrl())) {
      assertTrue(columnar(c, "select * from \"TAB001\" where SEX = 'F'"));
      assertTrue(columnar(c, "select HNMGA from \"TAB001\" where SEX = 'F'"));
      assertFalse(columnar(c, "select * from \"TAB001\" where HNMGA > 0"));
      assertFalse(columnar(c, "select * from \"TAB001\" order by HNMGA"));
      assertFalse(columnar(c, "select REGION, count(*) from \"TAB001\" group by REGION"));
      assertFalse(columnar(c, "select HNMGA * 2 from \"TAB001\""));
      assertFalse(columnar(c, "select * from \"TAB001\" limit 3"));
      assertFalse(columnar(c, "select * from (values (1)) v(x)"));
    }
  }

  /** A reader that stops early and closes sends no request it did not need, as before. */
  @Test
  void rowsOfAStatementReadTwiceAreIndependent() throws SQLException {
    try (Connection c = DriverManager.getConnection(v2.jdbcUrl());
        java.sql.PreparedStatement p = c.prepareStatement(
            "select REGION, HNMGA, \"TIME_date\" from \"TAB001\" where SEX = ?")) {
      p.setString(1, "F");
      List<List<Object>> first = read(p.executeQuery());
      p.setString(1, "M");
      List<List<Object>> second = read(p.executeQuery());
      assertFalse(first.isEmpty());
      assertEquals(first.size(), second.size());
      assertNotEquals(first, second);
      p.setString(1, "F");
      assertEquals(first, read(p.executeQuery()));
    }
  }

  private static List<List<Object>> read(ResultSet rs) throws SQLException {
    try (rs) {
      assertTrue(rs.unwrap(PxWebResultSet.class).columnar());
      return Sql.rows(rs);
    }
  }

  private static boolean columnar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.unwrap(PxWebResultSet.class).columnar();
    }
  }

  private static void assertSourceAlike(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, "statbank", "%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      assertFalse(tables.isEmpty(), url);
      int queries = 0;
      for (String table : tables) {
        for (String sql : shapes(c, "statbank.\"" + table + "\"")) {
          assertAlike(c, sql);
          queries++;
        }
      }
      assertTrue(queries > tables.size() * 5, url + ": " + queries);
    }
  }

  /** Projections (every column alone, pairs, all reversed) and pushed-down filters. */
  private static Set<String> shapes(Connection c, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    List<Object> first = null;
    List<Object> last = null;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select * from " + table)) {
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        columns.add("\"" + md.getColumnName(i) + "\"");
      }
      for (List<Object> row : Sql.rows(rs)) {
        first = first == null ? row : first;
        last = row;
      }
    }
    Set<String> shapes = new LinkedHashSet<>();
    shapes.add("select * from " + table);
    List<String> reversed = new ArrayList<>(columns);
    java.util.Collections.reverse(reversed);
    shapes.add("select " + String.join(", ", reversed) + " from " + table);
    for (String column : columns) {
      shapes.add("select " + column + " from " + table);
    }
    shapes.add("select " + columns.get(0) + ", " + columns.get(1) + " from " + table);
    shapes.add("select " + columns.get(columns.size() - 1) + ", " + columns.get(0) + " from "
        + table);
    if (first != null) {
      // The first variable's code of the first and last rows, and a label prefix.
      String code = (String) first.get(0);
      String other = (String) last.get(0);
      String label = (String) first.get(1);
      shapes.add("select * from " + table + " where " + columns.get(0) + " = '" + code + "'");
      shapes.add("select " + String.join(", ", reversed) + " from " + table + " where "
          + columns.get(0) + " in ('" + code + "', '" + other + "')");
      shapes.add("select * from " + table + " where " + columns.get(1) + " like '"
          + label.substring(0, Math.min(2, label.length())).replace("'", "''") + "%'");
    }
    return shapes;
  }

  private static void assertAlike(Connection c, String sql) throws SQLException {
    try (Statement fast = c.createStatement(); Statement slow = c.createStatement();
        ResultSet a = fast.executeQuery(sql); ResultSet b = slow.executeQuery(sql + CALCITE_PATH)) {
      assertTrue(a.unwrap(PxWebResultSet.class).columnar(), sql);
      assertFalse(b.unwrap(PxWebResultSet.class).columnar(), sql);
      ResultSetMetaData ma = a.getMetaData();
      ResultSetMetaData mb = b.getMetaData();
      assertEquals(metadata(mb), metadata(ma), sql);
      int rows = 0;
      while (true) {
        boolean more = b.next();
        assertEquals(more, a.next(), sql + ": row " + rows);
        if (!more) {
          break;
        }
        rows++;
        // Every getter on the first rows and every 2000th (errors are slow to make); the
        // values JDBC clients read on all rows.
        boolean every = rows <= 5 || rows % 2000 == 0;
        for (int i = 1; i <= mb.getColumnCount(); i++) {
          assertEquals(answers(b, i, mb.getColumnLabel(i), every),
              answers(a, i, ma.getColumnLabel(i), every), sql + ": row " + rows + ", column " + i);
        }
      }
      assertFalse(a.next(), sql);
    }
  }

  private static List<Object> metadata(ResultSetMetaData md) throws SQLException {
    List<Object> out = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      out.add(List.of(md.getColumnName(i), md.getColumnLabel(i), md.getColumnType(i),
          md.getColumnTypeName(i), md.getPrecision(i), md.getScale(i), md.isNullable(i),
          md.getColumnClassName(i), md.getColumnDisplaySize(i), md.isSigned(i)));
    }
    return out;
  }

  /** Every getter's answer for one cell: value and class, wasNull after it, or its error. */
  private static List<String> answers(ResultSet rs, int i, String label, boolean every) {
    List<String> out = new ArrayList<>();
    out.add(answer(rs, () -> rs.getObject(i)));
    if (!every) {
      out.add(answer(rs, () -> rs.getString(i)));
      return out;
    }
    out.add(answer(rs, () -> rs.getObject(label)));
    out.add(answer(rs, () -> rs.getString(i)));
    out.add(answer(rs, () -> rs.getBigDecimal(i)));
    out.add(answer(rs, () -> rs.getInt(i)));
    out.add(answer(rs, () -> rs.getLong(i)));
    out.add(answer(rs, () -> rs.getDouble(i)));
    out.add(answer(rs, () -> rs.getBoolean(i)));
    out.add(answer(rs, () -> rs.getDate(i)));
    out.add(answer(rs, () -> rs.getDate(i, java.util.Calendar.getInstance(
        java.util.TimeZone.getTimeZone("Pacific/Auckland")))));
    out.add(answer(rs, () -> rs.getTimestamp(i)));
    out.add(answer(rs, () -> rs.getObject(i, LocalDate.class)));
    out.add(answer(rs, () -> rs.getObject(i, String.class)));
    out.add(answer(rs, () -> rs.getObject(i, BigDecimal.class)));
    return out;
  }

  private interface Getter {
    Object get() throws SQLException;
  }

  private static String answer(ResultSet rs, Getter getter) {
    try {
      Object o = getter.get();
      return (o == null ? "null" : o.getClass().getName() + ":" + o) + " wasNull="
          + rs.wasNull();
    } catch (SQLException e) {
      return "error " + e.getSQLState() + ": " + e.getMessage();
    }
  }
}
