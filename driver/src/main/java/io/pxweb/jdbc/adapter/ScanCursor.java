package io.pxweb.jdbc.adapter;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Struct;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.util.ArrayImpl;
import org.apache.calcite.avatica.util.ArrayIteratorCursor;
import org.apache.calcite.avatica.util.Cursor;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.joou.UByte;
import org.joou.UInteger;
import org.joou.ULong;
import org.joou.UShort;

/**
 * Avatica cursor over a scan's rows that reads each cell from the response when a getter asks
 * for it: {@code next()} only moves the scan's odometer, codes, labels and dates come from
 * arrays prepared once per category, and a measure's {@code BigDecimal} is made only for the
 * getter that wants it.
 *
 * <p>The getters a scan's columns answer here (a VARCHAR's string, a DECIMAL's number, a DATE's
 * date) give what Avatica's accessors give for the {@code Object[]} row of the same scan: the
 * same objects for strings and decimals, an equal new {@link Date} for dates. Any other getter
 * (a conversion such as {@code getInt} of a code, {@code getString} of a date, streams) builds
 * that row once and asks Avatica's own accessor, so its answer and its errors are Avatica's.
 */
final class ScanCursor implements Cursor {
  private final PxWebEnumerator rows;
  /** The response the current row is in, or null before the first and after the last row. */
  private RowAssembler current;
  /** Rows moved over so far: the number of the current row. */
  private long row;
  private boolean wasNull;
  /** Whether the last getter was answered by Avatica's accessor (then it knows wasNull). */
  private boolean fallbackLast;
  /** The current row built for Avatica's accessors, and its number. */
  private Object[] built;
  private long builtRow = -1;
  private final ArrayIteratorCursor fallback;
  private List<Accessor> fallbackAccessors;
  /** Avatica's DATE answer (epoch millis for the result set's calendar) by day, direct-mapped. */
  private static final int DATE_SLOTS = 256;
  private final int[] knownDays = new int[DATE_SLOTS];
  private final long[] knownMillis = new long[DATE_SLOTS];
  private final boolean[] known = new boolean[DATE_SLOTS];

  ScanCursor(PxWebEnumerator rows) {
    this.rows = rows;
    this.fallback = new ArrayIteratorCursor(new Iterator<>() {
      @Override public boolean hasNext() {
        return true;
      }

      @Override public Object[] next() {
        return built;
      }
    });
  }

  @Override public List<Accessor> createAccessors(List<ColumnMetaData> types,
      Calendar localCalendar, ArrayImpl.Factory factory) {
    fallbackAccessors = fallback.createAccessors(types, localCalendar, factory);
    List<Accessor> accessors = new ArrayList<>(types.size());
    for (ColumnMetaData type : types) {
      int k = accessors.size();
      // Answer here only the column types the scan's columns have (ColumnLayout.rowType).
      switch (type.type.id) {
        case Types.VARCHAR -> accessors.add(new StringCell(k));
        case Types.DECIMAL -> accessors.add(new DecimalCell(k));
        case Types.DATE -> accessors.add(dayNumbered(type) ? new DateCell(k, localCalendar)
            : new Cell(k));
        default -> accessors.add(new Cell(k));
      }
    }
    return accessors;
  }

  /** Whether Avatica keeps a DATE column as a day number (as Calcite's rows do). */
  private static boolean dayNumbered(ColumnMetaData type) {
    return switch (type.type.rep) {
      case PRIMITIVE_INT, INTEGER, NUMBER -> true;
      default -> false;
    };
  }

  @Override public boolean next() {
    if (rows.advance()) {
      current = rows.rows();
      row++;
      return true;
    }
    current = null;
    return false;
  }

  @Override public void close() {
    current = null;
    built = null;
    rows.close();
  }

  @Override public boolean wasNull() throws SQLException {
    return fallbackLast ? fallback.wasNull() : wasNull;
  }

  /** Reads cell k of the current row, noting whether it was null. */
  private Object cell(int k) throws SQLException {
    RowAssembler r = current;
    if (r == null) {
      // As Avatica's cursor over rows: reading before the first or after the last row.
      throw new SQLException(new NoSuchElementException("Expecting cursor position to be on a"
          + " row"));
    }
    Object o = r.cell(k);
    wasNull = o == null;
    fallbackLast = false;
    return o;
  }

  /** Avatica's accessor of column k, over the current row built once. */
  private Accessor fallback(int k) throws SQLException {
    if (current == null) {
      throw new SQLException(new NoSuchElementException("Expecting cursor position to be on a"
          + " row"));
    }
    if (builtRow != row) {
      built = current.row();
      builtRow = row;
      fallback.next();
    }
    fallbackLast = true;
    return fallbackAccessors.get(k);
  }

  /** A column whose getters are all Avatica's. */
  class Cell implements Accessor {
    final int k;

    Cell(int k) {
      this.k = k;
    }

    @Override public boolean wasNull() throws SQLException {
      return ScanCursor.this.wasNull();
    }

    @Override public String getString() throws SQLException {
      return fallback(k).getString();
    }

    @Override public boolean getBoolean() throws SQLException {
      return fallback(k).getBoolean();
    }

    @Override public byte getByte() throws SQLException {
      return fallback(k).getByte();
    }

    @Override public UByte getUByte() throws SQLException {
      return fallback(k).getUByte();
    }

    @Override public short getShort() throws SQLException {
      return fallback(k).getShort();
    }

    @Override public UShort getUShort() throws SQLException {
      return fallback(k).getUShort();
    }

    @Override public int getInt() throws SQLException {
      return fallback(k).getInt();
    }

    @Override public UInteger getUInt() throws SQLException {
      return fallback(k).getUInt();
    }

    @Override public long getLong() throws SQLException {
      return fallback(k).getLong();
    }

    @Override public ULong getULong() throws SQLException {
      return fallback(k).getULong();
    }

    @Override public float getFloat() throws SQLException {
      return fallback(k).getFloat();
    }

    @Override public double getDouble() throws SQLException {
      return fallback(k).getDouble();
    }

    @Override public BigDecimal getBigDecimal() throws SQLException {
      return fallback(k).getBigDecimal();
    }

    @Override public BigDecimal getBigDecimal(int scale) throws SQLException {
      return fallback(k).getBigDecimal(scale);
    }

    @Override public byte[] getBytes() throws SQLException {
      return fallback(k).getBytes();
    }

    @Override public InputStream getAsciiStream() throws SQLException {
      return fallback(k).getAsciiStream();
    }

    @Override public InputStream getUnicodeStream() throws SQLException {
      return fallback(k).getUnicodeStream();
    }

    @Override public InputStream getBinaryStream() throws SQLException {
      return fallback(k).getBinaryStream();
    }

    @Override public Object getObject() throws SQLException {
      return fallback(k).getObject();
    }

    @Override public Reader getCharacterStream() throws SQLException {
      return fallback(k).getCharacterStream();
    }

    @Override public Object getObject(Map<String, Class<?>> map) throws SQLException {
      return fallback(k).getObject(map);
    }

    @Override public Ref getRef() throws SQLException {
      return fallback(k).getRef();
    }

    @Override public Blob getBlob() throws SQLException {
      return fallback(k).getBlob();
    }

    @Override public Clob getClob() throws SQLException {
      return fallback(k).getClob();
    }

    @Override public Array getArray() throws SQLException {
      return fallback(k).getArray();
    }

    @Override public Struct getStruct() throws SQLException {
      return fallback(k).getStruct();
    }

    @Override public Date getDate(Calendar calendar) throws SQLException {
      return fallback(k).getDate(calendar);
    }

    @Override public Time getTime(Calendar calendar) throws SQLException {
      return fallback(k).getTime(calendar);
    }

    @Override public Timestamp getTimestamp(Calendar calendar) throws SQLException {
      return fallback(k).getTimestamp(calendar);
    }

    @Override public URL getURL() throws SQLException {
      return fallback(k).getURL();
    }

    @Override public NClob getNClob() throws SQLException {
      return fallback(k).getNClob();
    }

    @Override public SQLXML getSQLXML() throws SQLException {
      return fallback(k).getSQLXML();
    }

    @Override public String getNString() throws SQLException {
      return fallback(k).getNString();
    }

    @Override public Reader getNCharacterStream() throws SQLException {
      return fallback(k).getNCharacterStream();
    }

    @Override public <T> T getObject(Class<T> type) throws SQLException {
      return fallback(k).getObject(type);
    }
  }

  /** A VARCHAR column (code, label, status): Avatica's StringAccessor over the cell. */
  final class StringCell extends Cell {
    StringCell(int k) {
      super(k);
    }

    @Override public String getString() throws SQLException {
      return (String) cell(k);
    }

    @Override public Object getObject() throws SQLException {
      return cell(k);
    }
  }

  /**
   * A DECIMAL column (a measure): Avatica's NumberAccessor over the cell, which hands a
   * {@code BigDecimal} back as it is (the column's scale is the cell's already).
   */
  final class DecimalCell extends Cell {
    DecimalCell(int k) {
      super(k);
    }

    @Override public BigDecimal getBigDecimal() throws SQLException {
      return (BigDecimal) cell(k);
    }

    @Override public Object getObject() throws SQLException {
      return cell(k);
    }

    @Override public String getString() throws SQLException {
      Object o = cell(k);
      return o == null ? null : o.toString();
    }

    @Override public double getDouble() throws SQLException {
      Object o = cell(k);
      return o == null ? 0d : ((BigDecimal) o).doubleValue();
    }

    @Override public long getLong() throws SQLException {
      Object o = cell(k);
      return o == null ? 0L : ((BigDecimal) o).longValue();
    }

    @Override public int getInt() throws SQLException {
      Object o = cell(k);
      return o == null ? 0 : ((BigDecimal) o).intValue();
    }
  }

  /**
   * A DATE column (a period's first day, a day number in the row): Avatica's
   * DateFromNumberAccessor over the cell, its answer for the result set's calendar kept per day.
   */
  final class DateCell extends Cell {
    private final Calendar localCalendar;

    DateCell(int k, Calendar localCalendar) {
      super(k);
      this.localCalendar = localCalendar;
    }

    @Override public Date getDate(Calendar calendar) throws SQLException {
      Object o = cell(k);
      if (o == null) {
        return null;
      }
      int day = (Integer) o;
      if (calendar != localCalendar) {
        return DateTimeUtils.unixDateToSqlDate(day, calendar);
      }
      int slot = day & (DATE_SLOTS - 1);
      if (!known[slot] || knownDays[slot] != day) {
        knownMillis[slot] = DateTimeUtils.unixDateToSqlDate(day, calendar).getTime();
        knownDays[slot] = day;
        known[slot] = true;
      }
      // A new Date each time: the class is mutable, and Avatica makes one per call too.
      return new Date(knownMillis[slot]);
    }

    @Override public Object getObject() throws SQLException {
      return getDate(localCalendar);
    }

    @Override public long getLong() throws SQLException {
      Object o = cell(k);
      return o == null ? 0L : (Integer) o;
    }

    @Override public int getInt() throws SQLException {
      Object o = cell(k);
      return o == null ? 0 : (Integer) o;
    }
  }
}
