package io.pxweb.shell;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * A result to print: column labels, which columns are numbers, and rows read one at a time.
 * Values are JDBC objects; null is SQL NULL whatever the column's type.
 */
final class Result {
  final List<String> columns;
  final boolean[] numeric;
  private final ResultSet rs;
  private final int[] positions;

  private Result(ResultSet rs, List<String> columns, boolean[] numeric, int[] positions) {
    this.rs = rs;
    this.columns = columns;
    this.numeric = numeric;
    this.positions = positions;
  }

  /** Every column of a query's result. */
  static Result of(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    int[] positions = new int[n];
    for (int i = 0; i < n; i++) {
      positions[i] = i + 1;
    }
    return select(rs, positions);
  }

  /** The named columns of a metadata result (DatabaseMetaData.getTables and the like). */
  static Result of(ResultSet rs, String... names) throws SQLException {
    int[] positions = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      positions[i] = rs.findColumn(names[i]);
    }
    return select(rs, positions);
  }

  private static Result select(ResultSet rs, int[] positions) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> columns = new ArrayList<>();
    boolean[] numeric = new boolean[positions.length];
    for (int i = 0; i < positions.length; i++) {
      columns.add(md.getColumnLabel(positions[i]));
      numeric[i] = isNumeric(md.getColumnType(positions[i]));
    }
    return new Result(rs, List.copyOf(columns), numeric, positions);
  }

  private static boolean isNumeric(int type) {
    return switch (type) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.FLOAT,
          Types.DOUBLE, Types.DECIMAL, Types.NUMERIC -> true;
      default -> false;
    };
  }

  /** The next row's values, or null after the last row. */
  Object[] next() throws SQLException {
    if (!rs.next()) {
      return null;
    }
    Object[] row = new Object[positions.length];
    for (int i = 0; i < positions.length; i++) {
      row[i] = rs.getObject(positions[i]);
    }
    return row;
  }

  /** A value as text (null stays null): dates in ISO form, decimals without exponent. */
  static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Date d) {
      return d.toLocalDate().toString();
    }
    if (value instanceof Timestamp t) {
      return t.toLocalDateTime().toString().replace('T', ' ');
    }
    return value.toString();
  }
}
