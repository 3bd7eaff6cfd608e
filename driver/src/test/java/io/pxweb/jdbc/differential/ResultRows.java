package io.pxweb.jdbc.differential;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs a query and turns its rows into values both engines' answers compare on. */
final class ResultRows {
  /** Digits numbers keep: more than either engine's data or derived values need. */
  private static final MathContext DIGITS = new MathContext(20);
  /** Digits rows are sorted on, so values that differ in their last digits sort alike. */
  private static final MathContext SORT_DIGITS = new MathContext(8);
  /**
   * How far two numbers may differ, relative to the larger (and at least 1): derived decimals
   * (AVG, division) carry 16 digits in the driver and 10 decimals more than the column in H2.
   */
  private static final BigDecimal TOLERANCE = new BigDecimal("1E-9");

  private ResultRows() {
  }

  static List<List<Object>> run(Connection c, String sql, int timeoutSeconds)
      throws SQLException {
    return run(c, sql, List.of(), timeoutSeconds);
  }

  /** Runs a query, as a prepared statement with these parameter values when there are any. */
  static List<List<Object>> run(Connection c, String sql, List<Object> params,
      int timeoutSeconds) throws SQLException {
    try (Statement s = params.isEmpty() ? c.createStatement() : c.prepareStatement(sql)) {
      s.setQueryTimeout(timeoutSeconds);
      for (int i = 0; i < params.size(); i++) {
        Object p = params.get(i);
        java.sql.PreparedStatement ps = (java.sql.PreparedStatement) s;
        if (p instanceof String text) {
          ps.setString(i + 1, text);
        } else if (p instanceof BigDecimal number) {
          ps.setBigDecimal(i + 1, number);
        } else {
          ps.setObject(i + 1, p);
        }
      }
      try (ResultSet rs = params.isEmpty() ? s.executeQuery(sql)
          : ((java.sql.PreparedStatement) s).executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
          List<Object> row = new ArrayList<>(n);
          for (int i = 1; i <= n; i++) {
            row.add(normalize(rs.getObject(i)));
          }
          rows.add(row);
        }
        return rows;
      }
    }
  }

  /** Dates as LocalDate, numbers by value (any type, any scale), everything else as is. */
  static Object normalize(Object o) {
    if (o instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (o instanceof Number n) {
      BigDecimal d = o instanceof BigDecimal b ? b : new BigDecimal(n.toString());
      return d.round(DIGITS).stripTrailingZeros();
    }
    return o;
  }

  static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing(r -> String.valueOf(coarse(r))));
    return out;
  }

  /** Returns a row with its numbers cut to the digits rows are sorted and counted on. */
  private static List<Object> coarse(List<Object> row) {
    List<Object> out = new ArrayList<>(row.size());
    for (Object o : row) {
      out.add(o instanceof BigDecimal d ? d.round(SORT_DIGITS).stripTrailingZeros() : o);
    }
    return out;
  }

  /** Returns whether two row lists are equal, numbers within the tolerance. */
  static boolean same(List<List<Object>> a, List<List<Object>> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!sameRow(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Returns whether two rows are equal, numbers within the tolerance. */
  static boolean sameRow(List<Object> a, List<Object> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      if (x instanceof BigDecimal dx && y instanceof BigDecimal dy) {
        BigDecimal scale = dx.abs().max(dy.abs()).max(BigDecimal.ONE);
        if (dx.subtract(dy).abs().compareTo(scale.multiply(TOLERANCE)) > 0) {
          return false;
        }
      } else if (!java.util.Objects.equals(x, y)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns whether every row of {@code part} is in {@code whole}, counting duplicates (rows
   * matched on their numbers' leading digits).
   */
  static boolean containedIn(List<List<Object>> part, List<List<Object>> whole) {
    Map<List<Object>, Integer> counts = new HashMap<>();
    for (List<Object> r : whole) {
      counts.merge(coarse(r), 1, Integer::sum);
    }
    for (List<Object> raw : part) {
      List<Object> r = coarse(raw);
      Integer n = counts.get(r);
      if (n == null || n == 0) {
        return false;
      }
      counts.put(r, n - 1);
    }
    return true;
  }
}
