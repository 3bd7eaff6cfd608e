package io.pxweb.server.sql;

import io.pxweb.server.catalog.PgType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A result being sent: its columns, then its rows one at a time, each value as text or binary. */
interface Rows extends AutoCloseable {
  /**
   * A result column as the RowDescription message describes it; {@code unconstrained}: a
   * NUMERIC without a declared scale, shown with its value's own digits as PostgreSQL does.
   */
  record Column(String name, PgType type, int typmod, boolean unconstrained) {
    Column(String name, PgType type, int typmod) {
      this(name, type, typmod, false);
    }
  }

  List<Column> columns();

  boolean next() throws SQLException;

  String text(int column) throws SQLException;

  byte[] binary(int column) throws SQLException;

  @Override void close() throws SQLException;

  /** The columns of a driver result, typed as PostgreSQL types. */
  static List<Column> columnsOf(ResultSetMetaData md) throws SQLException {
    List<Column> columns = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      PgType type = PgType.of(md.getColumnType(i), md.getPrecision(i));
      String label = md.getColumnLabel(i);
      // Calcite names unnamed expressions EXPR$n; PostgreSQL calls them ?column?.
      columns.add(new Column(label.startsWith("EXPR$") ? "?column?" : label, type,
          PgType.typmod(type, md, i)));
    }
    return columns;
  }

  /** Rows read from a driver ResultSet; closing them runs {@code onClose} (the statement's end). */
  final class Jdbc implements Rows {
    private final AutoCloseable onClose;
    private final ResultSet rs;
    private final List<Column> columns = new ArrayList<>();
    private final PgType[] types;
    private final boolean[] unconstrained;
    private final ZoneId zone;
    /** Per DATE column: its day numbers can be read with getLong (false after one could not). */
    private final boolean[] dayNumbers;
    /** The text of the last days seen, by day number modulo {@link #DAY_SLOTS}, per column. */
    private final long[][] knownDays;
    private final String[][] knownText;
    private static final int DAY_SLOTS = 256;

    /** {@code shape}: PostgreSQL's names and types (null: the driver's); zone: for timestamptz. */
    Jdbc(AutoCloseable onClose, ResultSet rs, ResultShape shape, ZoneId zone)
        throws SQLException {
      this.onClose = onClose;
      this.rs = rs;
      this.zone = zone;
      List<Column> driver = columnsOf(rs.getMetaData());
      columns.addAll(shape == null ? driver : shape.apply(driver));
      types = new PgType[columns.size()];
      unconstrained = new boolean[columns.size()];
      dayNumbers = new boolean[columns.size()];
      knownDays = new long[columns.size()][];
      knownText = new String[columns.size()][];
      for (int i = 0; i < types.length; i++) {
        types[i] = columns.get(i).type();
        unconstrained[i] = columns.get(i).unconstrained();
        dayNumbers[i] = types[i] == PgType.DATE;
      }
    }

    @Override public List<Column> columns() {
      return columns;
    }

    @Override public boolean next() throws SQLException {
      return rs.next();
    }

    @Override public String text(int column) throws SQLException {
      if (unconstrained[column]) {
        BigDecimal d = rs.getBigDecimal(column + 1);
        return d == null ? null : PgType.unconstrained(d).toPlainString();
      }
      if (types[column] == PgType.TIMESTAMPTZ) {
        return PgType.timestamptzText(rs, column + 1, zone);
      }
      if (dayNumbers[column]) {
        return dateText(column);
      }
      return types[column].text(rs, column + 1);
    }

    /**
     * A DATE's text, made by the driver once per day seen: formatting every row's date was a
     * seventh of the server's time on a table with a period date (a statistics table has few
     * distinct days). The day number is the driver's getLong of the column, as it stores dates.
     */
    private String dateText(int column) throws SQLException {
      long day;
      try {
        day = rs.getLong(column + 1);
      } catch (SQLException notANumber) {
        dayNumbers[column] = false; // a date held some other way: the driver's text every row
        return types[column].text(rs, column + 1);
      }
      if (rs.wasNull()) {
        return null;
      }
      if (knownDays[column] == null) {
        knownDays[column] = new long[DAY_SLOTS];
        knownText[column] = new String[DAY_SLOTS];
      }
      int slot = (int) (day & (DAY_SLOTS - 1));
      String text = knownText[column][slot];
      if (text == null || knownDays[column][slot] != day) {
        text = types[column].text(rs, column + 1);
        knownDays[column][slot] = day;
        knownText[column][slot] = text;
      }
      return text;
    }

    @Override public byte[] binary(int column) throws SQLException {
      if (unconstrained[column]) {
        BigDecimal d = rs.getBigDecimal(column + 1);
        return d == null ? null : PgType.numeric(PgType.unconstrained(d));
      }
      if (types[column] == PgType.TIMESTAMPTZ) {
        return PgType.timestamptzBinary(rs, column + 1, zone);
      }
      return types[column].binary(rs, column + 1);
    }

    @Override public void close() throws SQLException {
      try {
        onClose.close();
      } catch (SQLException e) {
        throw e;
      } catch (Exception e) {
        throw new SQLException(e.getMessage(), "XX000", e);
      }
    }
  }

  /** Rows computed by the server itself (SHOW, catalog tables), values as Java objects. */
  final class Listed implements Rows {
    private final List<Column> columns;
    private final Iterator<Object[]> rows;
    private Object[] row;

    Listed(List<Column> columns, List<Object[]> rows) {
      this.columns = columns;
      this.rows = rows.iterator();
    }

    @Override public List<Column> columns() {
      return columns;
    }

    @Override public boolean next() {
      row = rows.hasNext() ? rows.next() : null;
      return row != null;
    }

    @Override public String text(int column) {
      Object v = row[column];
      if (v instanceof Boolean b) {
        return b ? "t" : "f";
      }
      return v == null ? null : v.toString();
    }

    @Override public byte[] binary(int column) {
      Object v = row[column];
      if (v == null) {
        return null;
      }
      switch (columns.get(column).type()) {
        case BOOL: return new byte[] {(byte) (Boolean.TRUE.equals(v) ? 1 : 0)};
        case INT2: {
          int s = ((Number) v).intValue();
          return new byte[] {(byte) (s >> 8), (byte) s};
        }
        case INT4: case OID: return PgType.int4(((Number) v).intValue());
        case INT8: return PgType.int8(((Number) v).longValue());
        case FLOAT8: return PgType.int8(Double.doubleToLongBits(((Number) v).doubleValue()));
        case FLOAT4: return PgType.int4(Float.floatToIntBits(((Number) v).floatValue()));
        case NUMERIC: return PgType.numeric(new BigDecimal(v.toString()));
        default: return v.toString().getBytes(StandardCharsets.UTF_8);
      }
    }

    @Override public void close() {
    }
  }
}
