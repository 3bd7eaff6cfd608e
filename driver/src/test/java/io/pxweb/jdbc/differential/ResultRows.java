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
  /**
   * Significant digits numbers compare on: derived decimals (AVG, division) carry 16 digits in
   * the driver and 10 decimals more than the column in H2; 12 digits is beyond the data's own
   * (at most 10).
   */
  private static final MathContext DIGITS = new MathContext(12);
  /** Decimals numbers compare on: H2's AVG of a whole-number column keeps 10. */
  private static final int DECIMALS = 9;

  private ResultRows() {
  }

  static List<List<Object>> run(Connection c, String sql, int timeoutSeconds)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(timeoutSeconds);
      try (ResultSet rs = s.executeQuery(sql)) {
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
      if (d.scale() > DECIMALS) {
        d = d.setScale(DECIMALS, java.math.RoundingMode.HALF_UP);
      }
      return d.round(DIGITS).stripTrailingZeros();
    }
    return o;
  }

  static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing(String::valueOf));
    return out;
  }

  /** Returns whether every row of {@code part} is in {@code whole}, counting duplicates. */
  static boolean containedIn(List<List<Object>> part, List<List<Object>> whole) {
    Map<List<Object>, Integer> counts = new HashMap<>();
    for (List<Object> r : whole) {
      counts.merge(r, 1, Integer::sum);
    }
    for (List<Object> r : part) {
      Integer n = counts.get(r);
      if (n == null || n == 0) {
        return false;
      }
      counts.put(r, n - 1);
    }
    return true;
  }
}
