package io.pxweb.jdbc.e2e;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Helpers that run SQL and turn results into comparable lists. */
final class Sql {
  private Sql() {
  }

  /** Runs a query; returns its rows, each a list of column values as JDBC returns them. */
  static List<List<Object>> rows(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rows(rs);
    }
  }

  static List<List<Object>> rows(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<List<Object>> out = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        Object v = rs.getObject(i);
        row.add(v instanceof java.sql.Date d ? d.toLocalDate() : v);
      }
      out.add(row);
    }
    return out;
  }

  /** Returns the column names of a query's result. */
  static List<String> columns(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        names.add(md.getColumnName(i));
      }
      return names;
    }
  }

  /** Returns the EXPLAIN PLAN text of a query. */
  static String explain(Connection c, String sql) throws SQLException {
    StringBuilder b = new StringBuilder();
    for (List<Object> row : rows(c, "EXPLAIN PLAN FOR " + sql)) {
      b.append(row.get(0)).append('\n');
    }
    return b.toString();
  }

  /** Orders rows by their text, to compare results whose order SQL leaves open. */
  static int compare(List<Object> a, List<Object> b) {
    return String.valueOf(a).compareTo(String.valueOf(b));
  }

  static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  /** Compares decimals by value, so 5 and 5.0 are equal, leaving other values as they are. */
  static List<List<Object>> normalize(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>();
    for (List<Object> r : rows) {
      List<Object> n = new ArrayList<>();
      for (Object o : r) {
        n.add(o instanceof BigDecimal d ? d.stripTrailingZeros() : o);
      }
      out.add(n);
    }
    return out;
  }

  /** Cancels a statement from another thread after a delay, as a user's Cancel button does. */
  static void cancelLater(java.util.concurrent.ScheduledExecutorService other,
      java.sql.Statement s, long millis) {
    other.schedule(() -> {
      try {
        s.cancel();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }, millis, java.util.concurrent.TimeUnit.MILLISECONDS);
  }
}
