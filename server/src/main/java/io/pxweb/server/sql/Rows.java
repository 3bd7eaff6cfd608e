package io.pxweb.server.sql;

import io.pxweb.jdbc.RowValues;
import io.pxweb.server.catalog.PgType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.calcite.avatica.util.DateTimeUtils;

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
    /** The driver's rows as arrays, when it holds them so, else null (see {@link Raw}). */
    private final RowValues values;
    private final Raw[] raw;
    /** The current row's values (null: read each through the getters). */
    private Object[] row;
    /** Per DATE column: its day numbers can be read with getLong (false after one could not). */
    private final boolean[] dayNumbers;
    /** The text of the last days seen, by day number modulo {@link #DAY_SLOTS}, per column. */
    private final long[][] knownDays;
    private final String[][] knownText;
    private static final int DAY_SLOTS = 256;

    /** {@code shape}: PostgreSQL's names and types (null: the driver's); zone: for timestamptz. */
    Jdbc(AutoCloseable onClose, ResultSet rs, ResultShape shape, ZoneId zone)
        throws SQLException {
      this(onClose, rs, shape, zone, true);
    }

    /** {@code rowValues}: read rows held as arrays whole (false: every value by its getter). */
    Jdbc(AutoCloseable onClose, ResultSet rs, ResultShape shape, ZoneId zone, boolean rowValues)
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
      raw = new Raw[columns.size()];
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 0; i < types.length; i++) {
        types[i] = columns.get(i).type();
        unconstrained[i] = columns.get(i).unconstrained();
        dayNumbers[i] = types[i] == PgType.DATE;
        raw[i] = Raw.of(md.getColumnType(i + 1), types[i]);
      }
      values = rowValues && rs.isWrapperFor(RowValues.class) ? rs.unwrap(RowValues.class) : null;
    }

    @Override public List<Column> columns() {
      return columns;
    }

    @Override public boolean next() throws SQLException {
      boolean more = rs.next();
      row = more && values != null ? values.currentRow() : null;
      return more;
    }

    /** Whether the current row's values are read from its array (for tests). */
    boolean readsRowArrays() {
      return row != null;
    }

    @Override public String text(int column) throws SQLException {
      Object[] r = row;
      if (r != null && raw[column] != Raw.NONE) {
        Object v = r[column];
        if (v == null) {
          return null;
        }
        switch (raw[column]) {
          case STRING:
            if (v instanceof String s) {
              return s;
            }
            break;
          case INTEGER:
            if (v instanceof Integer || v instanceof Long || v instanceof Short
                || v instanceof Byte) {
              return v.toString();
            }
            break;
          case FLOAT:
            if (v instanceof Double d && types[column] == PgType.FLOAT8) {
              return PgType.floatText(d);
            }
            if (v instanceof Float f && types[column] == PgType.FLOAT4) {
              return PgType.float4Text(f);
            }
            break;
          case DECIMAL:
            if (v instanceof BigDecimal d) {
              return (unconstrained[column] ? PgType.unconstrained(d) : d).toPlainString();
            }
            break;
          case DATE:
            if (v instanceof Integer day) {
              return dayText(column, day);
            }
            break;
          default:
            break;
        }
        // Not the form expected: the getters, as for any other column.
      }
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
      String text = knownDay(column, day);
      return text != null ? text : knowDay(column, day, types[column].text(rs, column + 1));
    }

    /** A day number's text from a row array, as the driver's getString writes a DATE. */
    private String dayText(int column, int day) {
      String text = knownDay(column, day);
      return text != null ? text : knowDay(column, day, DateTimeUtils.unixDateToString(day));
    }

    /** The text of a day seen earlier in this column, or null. */
    private String knownDay(int column, long day) {
      if (knownDays[column] == null) {
        knownDays[column] = new long[DAY_SLOTS];
        knownText[column] = new String[DAY_SLOTS];
      }
      int slot = (int) (day & (DAY_SLOTS - 1));
      String text = knownText[column][slot];
      return text != null && knownDays[column][slot] == day ? text : null;
    }

    private String knowDay(int column, long day, String text) {
      int slot = (int) (day & (DAY_SLOTS - 1));
      knownDays[column][slot] = day;
      knownText[column][slot] = text;
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

  /**
   * How a column's value is read from the driver's row array ({@link RowValues}) and written as
   * PostgreSQL text: the same text the getters give ({@code RowsTest} compares them), without a
   * getter's dispatch per value. Only where the driver's JDBC type and the type sent agree;
   * {@code NONE}: through the getters (timestamps, arrays, booleans, a CHAR's padding, a column
   * sent as another type than the driver's).
   */
  enum Raw {
    NONE, STRING, INTEGER, FLOAT, DECIMAL, DATE;

    static Raw of(int jdbcType, PgType sent) {
      switch (jdbcType) {
        case Types.VARCHAR:
          return sent == PgType.VARCHAR || sent == PgType.TEXT ? STRING : NONE;
        case Types.TINYINT: case Types.SMALLINT: case Types.INTEGER: case Types.BIGINT:
          return sent == PgType.INT2 || sent == PgType.INT4 || sent == PgType.INT8 ? INTEGER
              : NONE;
        case Types.REAL: case Types.FLOAT: case Types.DOUBLE:
          return sent == PgType.FLOAT8 || sent == PgType.FLOAT4 ? FLOAT : NONE;
        case Types.DECIMAL: case Types.NUMERIC:
          return sent == PgType.NUMERIC ? DECIMAL : NONE;
        case Types.DATE:
          return sent == PgType.DATE ? DATE : NONE;
        default:
          return NONE;
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
