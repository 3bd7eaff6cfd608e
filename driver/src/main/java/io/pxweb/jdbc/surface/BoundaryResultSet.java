package io.pxweb.jdbc.surface;

import io.pxweb.jdbc.model.CallBudget;
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
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * {@link ErrorBoundary} for result sets, written out as a plain delegate: {@code next()} and
 * the getters are a scan's hot path, called once per row and column, where the reflective
 * proxy's {@code Method.invoke} and per-call checks cost about a tenth of a {@code getObject}
 * client's time (docs/benchmarks.md). Every call still leaves failures only as classified
 * {@link SQLException}s; {@code next()} shares its statement's query timeout and cancel switch;
 * {@code getStatement()} hands back the wrapped statement; {@code getObject(column, Class)}
 * answers the JDBC 4.2 types as {@link JdbcSurface} does; {@code getObject} of a DATE column
 * reuses Avatica's answer for a day already seen.
 */
@SuppressWarnings("deprecation")
final class BoundaryResultSet implements ResultSet {
  private final ResultSet target;
  /** The wrapped object that made this result set (a statement or the metadata). */
  private final Object owner;
  /**
   * The budget of the execute or metadata call that made this result set, or null: reading on
   * may fetch more (the next request, a table's metadata), within the same time and cancel.
   */
  private final CallBudget budget;

  private static final int DATE_SLOTS = 256;
  private int[] types;
  private final long[] knownDays = new long[DATE_SLOTS];
  private final long[] knownMillis = new long[DATE_SLOTS];

  BoundaryResultSet(ResultSet target, Object owner, CallBudget budget) {
    this.target = target;
    this.owner = owner;
    this.budget = budget;
    java.util.Arrays.fill(knownDays, Long.MIN_VALUE);
  }

  /** Classifies a failure of the named {@code ResultSet} method. */
  private static SQLException failure(Throwable failure, String name, Class<?>... parameters) {
    java.lang.reflect.Method method;
    try {
      method = ResultSet.class.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      method = null;
    }
    return ErrorBoundary.classify(failure, method, null);
  }

  @Override public boolean next() throws SQLException {
    try {
      if (budget == null) {
        return target.next();
      }
      try (CallBudget.Scope ignored = budget.enter()) {
        return target.next();
      }
    } catch (Throwable e) {
      throw failure(e, "next");
    }
  }

  @Override public Statement getStatement() {
    return owner instanceof Statement s ? s : null;
  }

  @Override public <T> T unwrap(Class<T> type) throws SQLException {
    if (type != null && type.isInstance(this)) {
      return type.cast(this);
    }
    try {
      return target.unwrap(type);
    } catch (Throwable e) {
      throw failure(e, "unwrap", Class.class);
    }
  }

  @Override public <T> T getObject(int column, Class<T> type) throws SQLException {
    try {
      return type.cast(JdbcSurface.typedGet(target, column, type));
    } catch (Throwable e) {
      throw failure(e, "getObject", int.class, Class.class);
    }
  }

  @Override public <T> T getObject(String label, Class<T> type) throws SQLException {
    try {
      return type.cast(JdbcSurface.typedGet(target, label, type));
    } catch (Throwable e) {
      throw failure(e, "getObject", String.class, Class.class);
    }
  }

  /** Whether a column is a DATE (the column types are read once). */
  private boolean isDate(int column) throws SQLException {
    int[] t = types;
    if (t == null) {
      ResultSetMetaData meta = target.getMetaData();
      t = new int[meta.getColumnCount() + 1];
      for (int i = 1; i < t.length; i++) {
        t[i] = meta.getColumnType(i);
      }
      types = t;
    }
    return column > 0 && column < t.length && t[column] == java.sql.Types.DATE;
  }

  /**
   * Returns a DATE column's value as Avatica would, without its calendar arithmetic for every
   * row (46% of a getObject client's time on a table with a period date): Avatica's answer for
   * each day number is kept in a small direct-mapped cache, and later rows of that day get a new
   * {@link Date} of the same instant (a new one each time: the class is mutable).
   */
  private Object date(int column) throws SQLException {
    long days = target.getLong(column);
    if (target.wasNull()) {
      return null;
    }
    int slot = (int) (days & (DATE_SLOTS - 1));
    if (knownDays[slot] == days) {
      return new Date(knownMillis[slot]);
    }
    Object value = target.getObject(column);
    if (value instanceof Date d) {
      knownDays[slot] = days;
      knownMillis[slot] = d.getTime();
    }
    return value;
  }

  // The rest only pass the call on and classify its failure.

  @Override public boolean absolute(int rows) throws SQLException {
    try {
      return target.absolute(rows);
    } catch (Throwable e) {
      throw failure(e, "absolute", int.class);
    }
  }

  @Override public void afterLast() throws SQLException {
    try {
      target.afterLast();
    } catch (Throwable e) {
      throw failure(e, "afterLast");
    }
  }

  @Override public void beforeFirst() throws SQLException {
    try {
      target.beforeFirst();
    } catch (Throwable e) {
      throw failure(e, "beforeFirst");
    }
  }

  @Override public void cancelRowUpdates() throws SQLException {
    try {
      target.cancelRowUpdates();
    } catch (Throwable e) {
      throw failure(e, "cancelRowUpdates");
    }
  }

  @Override public void clearWarnings() throws SQLException {
    try {
      target.clearWarnings();
    } catch (Throwable e) {
      throw failure(e, "clearWarnings");
    }
  }

  @Override public void close() throws SQLException {
    try {
      target.close();
    } catch (Throwable e) {
      throw failure(e, "close");
    }
  }

  @Override public void deleteRow() throws SQLException {
    try {
      target.deleteRow();
    } catch (Throwable e) {
      throw failure(e, "deleteRow");
    }
  }

  @Override public int findColumn(String label) throws SQLException {
    try {
      return target.findColumn(label);
    } catch (Throwable e) {
      throw failure(e, "findColumn", String.class);
    }
  }

  @Override public boolean first() throws SQLException {
    try {
      return target.first();
    } catch (Throwable e) {
      throw failure(e, "first");
    }
  }

  @Override public Array getArray(String label) throws SQLException {
    try {
      return target.getArray(label);
    } catch (Throwable e) {
      throw failure(e, "getArray", String.class);
    }
  }

  @Override public Array getArray(int column) throws SQLException {
    try {
      return target.getArray(column);
    } catch (Throwable e) {
      throw failure(e, "getArray", int.class);
    }
  }

  @Override public InputStream getAsciiStream(String label) throws SQLException {
    try {
      return target.getAsciiStream(label);
    } catch (Throwable e) {
      throw failure(e, "getAsciiStream", String.class);
    }
  }

  @Override public InputStream getAsciiStream(int column) throws SQLException {
    try {
      return target.getAsciiStream(column);
    } catch (Throwable e) {
      throw failure(e, "getAsciiStream", int.class);
    }
  }

  @Override public BigDecimal getBigDecimal(String label, int scale) throws SQLException {
    try {
      return target.getBigDecimal(label, scale);
    } catch (Throwable e) {
      throw failure(e, "getBigDecimal", String.class, int.class);
    }
  }

  @Override public BigDecimal getBigDecimal(String label) throws SQLException {
    try {
      return target.getBigDecimal(label);
    } catch (Throwable e) {
      throw failure(e, "getBigDecimal", String.class);
    }
  }

  @Override public BigDecimal getBigDecimal(int column, int scale) throws SQLException {
    try {
      return target.getBigDecimal(column, scale);
    } catch (Throwable e) {
      throw failure(e, "getBigDecimal", int.class, int.class);
    }
  }

  @Override public BigDecimal getBigDecimal(int column) throws SQLException {
    try {
      return target.getBigDecimal(column);
    } catch (Throwable e) {
      throw failure(e, "getBigDecimal", int.class);
    }
  }

  @Override public InputStream getBinaryStream(String label) throws SQLException {
    try {
      return target.getBinaryStream(label);
    } catch (Throwable e) {
      throw failure(e, "getBinaryStream", String.class);
    }
  }

  @Override public InputStream getBinaryStream(int column) throws SQLException {
    try {
      return target.getBinaryStream(column);
    } catch (Throwable e) {
      throw failure(e, "getBinaryStream", int.class);
    }
  }

  @Override public Blob getBlob(String label) throws SQLException {
    try {
      return target.getBlob(label);
    } catch (Throwable e) {
      throw failure(e, "getBlob", String.class);
    }
  }

  @Override public Blob getBlob(int column) throws SQLException {
    try {
      return target.getBlob(column);
    } catch (Throwable e) {
      throw failure(e, "getBlob", int.class);
    }
  }

  @Override public boolean getBoolean(String label) throws SQLException {
    try {
      return target.getBoolean(label);
    } catch (Throwable e) {
      throw failure(e, "getBoolean", String.class);
    }
  }

  @Override public boolean getBoolean(int column) throws SQLException {
    try {
      return target.getBoolean(column);
    } catch (Throwable e) {
      throw failure(e, "getBoolean", int.class);
    }
  }

  @Override public byte getByte(String label) throws SQLException {
    try {
      return target.getByte(label);
    } catch (Throwable e) {
      throw failure(e, "getByte", String.class);
    }
  }

  @Override public byte getByte(int column) throws SQLException {
    try {
      return target.getByte(column);
    } catch (Throwable e) {
      throw failure(e, "getByte", int.class);
    }
  }

  @Override public byte[] getBytes(String label) throws SQLException {
    try {
      return target.getBytes(label);
    } catch (Throwable e) {
      throw failure(e, "getBytes", String.class);
    }
  }

  @Override public byte[] getBytes(int column) throws SQLException {
    try {
      return target.getBytes(column);
    } catch (Throwable e) {
      throw failure(e, "getBytes", int.class);
    }
  }

  @Override public Reader getCharacterStream(String label) throws SQLException {
    try {
      return target.getCharacterStream(label);
    } catch (Throwable e) {
      throw failure(e, "getCharacterStream", String.class);
    }
  }

  @Override public Reader getCharacterStream(int column) throws SQLException {
    try {
      return target.getCharacterStream(column);
    } catch (Throwable e) {
      throw failure(e, "getCharacterStream", int.class);
    }
  }

  @Override public Clob getClob(String label) throws SQLException {
    try {
      return target.getClob(label);
    } catch (Throwable e) {
      throw failure(e, "getClob", String.class);
    }
  }

  @Override public Clob getClob(int column) throws SQLException {
    try {
      return target.getClob(column);
    } catch (Throwable e) {
      throw failure(e, "getClob", int.class);
    }
  }

  @Override public int getConcurrency() throws SQLException {
    try {
      return target.getConcurrency();
    } catch (Throwable e) {
      throw failure(e, "getConcurrency");
    }
  }

  @Override public String getCursorName() throws SQLException {
    try {
      return target.getCursorName();
    } catch (Throwable e) {
      throw failure(e, "getCursorName");
    }
  }

  @Override public Date getDate(String label, Calendar calendar) throws SQLException {
    try {
      return target.getDate(label, calendar);
    } catch (Throwable e) {
      throw failure(e, "getDate", String.class, Calendar.class);
    }
  }

  @Override public Date getDate(String label) throws SQLException {
    try {
      return target.getDate(label);
    } catch (Throwable e) {
      throw failure(e, "getDate", String.class);
    }
  }

  @Override public Date getDate(int column, Calendar calendar) throws SQLException {
    try {
      return target.getDate(column, calendar);
    } catch (Throwable e) {
      throw failure(e, "getDate", int.class, Calendar.class);
    }
  }

  @Override public Date getDate(int column) throws SQLException {
    try {
      return target.getDate(column);
    } catch (Throwable e) {
      throw failure(e, "getDate", int.class);
    }
  }

  @Override public double getDouble(String label) throws SQLException {
    try {
      return target.getDouble(label);
    } catch (Throwable e) {
      throw failure(e, "getDouble", String.class);
    }
  }

  @Override public double getDouble(int column) throws SQLException {
    try {
      return target.getDouble(column);
    } catch (Throwable e) {
      throw failure(e, "getDouble", int.class);
    }
  }

  @Override public int getFetchDirection() throws SQLException {
    try {
      return target.getFetchDirection();
    } catch (Throwable e) {
      throw failure(e, "getFetchDirection");
    }
  }

  @Override public int getFetchSize() throws SQLException {
    try {
      return target.getFetchSize();
    } catch (Throwable e) {
      throw failure(e, "getFetchSize");
    }
  }

  @Override public float getFloat(String label) throws SQLException {
    try {
      return target.getFloat(label);
    } catch (Throwable e) {
      throw failure(e, "getFloat", String.class);
    }
  }

  @Override public float getFloat(int column) throws SQLException {
    try {
      return target.getFloat(column);
    } catch (Throwable e) {
      throw failure(e, "getFloat", int.class);
    }
  }

  @Override public int getHoldability() throws SQLException {
    try {
      return target.getHoldability();
    } catch (Throwable e) {
      throw failure(e, "getHoldability");
    }
  }

  @Override public int getInt(String label) throws SQLException {
    try {
      return target.getInt(label);
    } catch (Throwable e) {
      throw failure(e, "getInt", String.class);
    }
  }

  @Override public int getInt(int column) throws SQLException {
    try {
      return target.getInt(column);
    } catch (Throwable e) {
      throw failure(e, "getInt", int.class);
    }
  }

  @Override public long getLong(String label) throws SQLException {
    try {
      return target.getLong(label);
    } catch (Throwable e) {
      throw failure(e, "getLong", String.class);
    }
  }

  @Override public long getLong(int column) throws SQLException {
    try {
      return target.getLong(column);
    } catch (Throwable e) {
      throw failure(e, "getLong", int.class);
    }
  }

  @Override public ResultSetMetaData getMetaData() throws SQLException {
    try {
      return target.getMetaData();
    } catch (Throwable e) {
      throw failure(e, "getMetaData");
    }
  }

  @Override public Reader getNCharacterStream(String label) throws SQLException {
    try {
      return target.getNCharacterStream(label);
    } catch (Throwable e) {
      throw failure(e, "getNCharacterStream", String.class);
    }
  }

  @Override public Reader getNCharacterStream(int column) throws SQLException {
    try {
      return target.getNCharacterStream(column);
    } catch (Throwable e) {
      throw failure(e, "getNCharacterStream", int.class);
    }
  }

  @Override public NClob getNClob(String label) throws SQLException {
    try {
      return target.getNClob(label);
    } catch (Throwable e) {
      throw failure(e, "getNClob", String.class);
    }
  }

  @Override public NClob getNClob(int column) throws SQLException {
    try {
      return target.getNClob(column);
    } catch (Throwable e) {
      throw failure(e, "getNClob", int.class);
    }
  }

  @Override public String getNString(String label) throws SQLException {
    try {
      return target.getNString(label);
    } catch (Throwable e) {
      throw failure(e, "getNString", String.class);
    }
  }

  @Override public String getNString(int column) throws SQLException {
    try {
      return target.getNString(column);
    } catch (Throwable e) {
      throw failure(e, "getNString", int.class);
    }
  }

  @Override public Object getObject(String label, Map<String, Class<?>> types) throws SQLException {
    try {
      return target.getObject(label, types);
    } catch (Throwable e) {
      throw failure(e, "getObject", String.class, Map.class);
    }
  }

  @Override public Object getObject(String label) throws SQLException {
    try {
      return target.getObject(label);
    } catch (Throwable e) {
      throw failure(e, "getObject", String.class);
    }
  }

  @Override public Object getObject(int column, Map<String, Class<?>> types) throws SQLException {
    try {
      return target.getObject(column, types);
    } catch (Throwable e) {
      throw failure(e, "getObject", int.class, Map.class);
    }
  }

  @Override public Object getObject(int column) throws SQLException {
    try {
      return isDate(column) ? date(column) : target.getObject(column);
    } catch (Throwable e) {
      throw failure(e, "getObject", int.class);
    }
  }

  @Override public Ref getRef(String label) throws SQLException {
    try {
      return target.getRef(label);
    } catch (Throwable e) {
      throw failure(e, "getRef", String.class);
    }
  }

  @Override public Ref getRef(int column) throws SQLException {
    try {
      return target.getRef(column);
    } catch (Throwable e) {
      throw failure(e, "getRef", int.class);
    }
  }

  @Override public int getRow() throws SQLException {
    try {
      return target.getRow();
    } catch (Throwable e) {
      throw failure(e, "getRow");
    }
  }

  @Override public RowId getRowId(String label) throws SQLException {
    try {
      return target.getRowId(label);
    } catch (Throwable e) {
      throw failure(e, "getRowId", String.class);
    }
  }

  @Override public RowId getRowId(int column) throws SQLException {
    try {
      return target.getRowId(column);
    } catch (Throwable e) {
      throw failure(e, "getRowId", int.class);
    }
  }

  @Override public SQLXML getSQLXML(String label) throws SQLException {
    try {
      return target.getSQLXML(label);
    } catch (Throwable e) {
      throw failure(e, "getSQLXML", String.class);
    }
  }

  @Override public SQLXML getSQLXML(int column) throws SQLException {
    try {
      return target.getSQLXML(column);
    } catch (Throwable e) {
      throw failure(e, "getSQLXML", int.class);
    }
  }

  @Override public short getShort(String label) throws SQLException {
    try {
      return target.getShort(label);
    } catch (Throwable e) {
      throw failure(e, "getShort", String.class);
    }
  }

  @Override public short getShort(int column) throws SQLException {
    try {
      return target.getShort(column);
    } catch (Throwable e) {
      throw failure(e, "getShort", int.class);
    }
  }

  @Override public String getString(String label) throws SQLException {
    try {
      return target.getString(label);
    } catch (Throwable e) {
      throw failure(e, "getString", String.class);
    }
  }

  @Override public String getString(int column) throws SQLException {
    try {
      return target.getString(column);
    } catch (Throwable e) {
      throw failure(e, "getString", int.class);
    }
  }

  @Override public Time getTime(String label, Calendar calendar) throws SQLException {
    try {
      return target.getTime(label, calendar);
    } catch (Throwable e) {
      throw failure(e, "getTime", String.class, Calendar.class);
    }
  }

  @Override public Time getTime(String label) throws SQLException {
    try {
      return target.getTime(label);
    } catch (Throwable e) {
      throw failure(e, "getTime", String.class);
    }
  }

  @Override public Time getTime(int column, Calendar calendar) throws SQLException {
    try {
      return target.getTime(column, calendar);
    } catch (Throwable e) {
      throw failure(e, "getTime", int.class, Calendar.class);
    }
  }

  @Override public Time getTime(int column) throws SQLException {
    try {
      return target.getTime(column);
    } catch (Throwable e) {
      throw failure(e, "getTime", int.class);
    }
  }

  @Override public Timestamp getTimestamp(String label, Calendar calendar) throws SQLException {
    try {
      return target.getTimestamp(label, calendar);
    } catch (Throwable e) {
      throw failure(e, "getTimestamp", String.class, Calendar.class);
    }
  }

  @Override public Timestamp getTimestamp(String label) throws SQLException {
    try {
      return target.getTimestamp(label);
    } catch (Throwable e) {
      throw failure(e, "getTimestamp", String.class);
    }
  }

  @Override public Timestamp getTimestamp(int column, Calendar calendar) throws SQLException {
    try {
      return target.getTimestamp(column, calendar);
    } catch (Throwable e) {
      throw failure(e, "getTimestamp", int.class, Calendar.class);
    }
  }

  @Override public Timestamp getTimestamp(int column) throws SQLException {
    try {
      return target.getTimestamp(column);
    } catch (Throwable e) {
      throw failure(e, "getTimestamp", int.class);
    }
  }

  @Override public int getType() throws SQLException {
    try {
      return target.getType();
    } catch (Throwable e) {
      throw failure(e, "getType");
    }
  }

  @Override public URL getURL(String label) throws SQLException {
    try {
      return target.getURL(label);
    } catch (Throwable e) {
      throw failure(e, "getURL", String.class);
    }
  }

  @Override public URL getURL(int column) throws SQLException {
    try {
      return target.getURL(column);
    } catch (Throwable e) {
      throw failure(e, "getURL", int.class);
    }
  }

  @Override public InputStream getUnicodeStream(String label) throws SQLException {
    try {
      return target.getUnicodeStream(label);
    } catch (Throwable e) {
      throw failure(e, "getUnicodeStream", String.class);
    }
  }

  @Override public InputStream getUnicodeStream(int column) throws SQLException {
    try {
      return target.getUnicodeStream(column);
    } catch (Throwable e) {
      throw failure(e, "getUnicodeStream", int.class);
    }
  }

  @Override public SQLWarning getWarnings() throws SQLException {
    try {
      return target.getWarnings();
    } catch (Throwable e) {
      throw failure(e, "getWarnings");
    }
  }

  @Override public void insertRow() throws SQLException {
    try {
      target.insertRow();
    } catch (Throwable e) {
      throw failure(e, "insertRow");
    }
  }

  @Override public boolean isAfterLast() throws SQLException {
    try {
      return target.isAfterLast();
    } catch (Throwable e) {
      throw failure(e, "isAfterLast");
    }
  }

  @Override public boolean isBeforeFirst() throws SQLException {
    try {
      return target.isBeforeFirst();
    } catch (Throwable e) {
      throw failure(e, "isBeforeFirst");
    }
  }

  @Override public boolean isClosed() throws SQLException {
    try {
      return target.isClosed();
    } catch (Throwable e) {
      throw failure(e, "isClosed");
    }
  }

  @Override public boolean isFirst() throws SQLException {
    try {
      return target.isFirst();
    } catch (Throwable e) {
      throw failure(e, "isFirst");
    }
  }

  @Override public boolean isLast() throws SQLException {
    try {
      return target.isLast();
    } catch (Throwable e) {
      throw failure(e, "isLast");
    }
  }

  @Override public boolean isWrapperFor(Class<?> value) throws SQLException {
    try {
      return target.isWrapperFor(value);
    } catch (Throwable e) {
      throw failure(e, "isWrapperFor", Class.class);
    }
  }

  @Override public boolean last() throws SQLException {
    try {
      return target.last();
    } catch (Throwable e) {
      throw failure(e, "last");
    }
  }

  @Override public void moveToCurrentRow() throws SQLException {
    try {
      target.moveToCurrentRow();
    } catch (Throwable e) {
      throw failure(e, "moveToCurrentRow");
    }
  }

  @Override public void moveToInsertRow() throws SQLException {
    try {
      target.moveToInsertRow();
    } catch (Throwable e) {
      throw failure(e, "moveToInsertRow");
    }
  }

  @Override public boolean previous() throws SQLException {
    try {
      return target.previous();
    } catch (Throwable e) {
      throw failure(e, "previous");
    }
  }

  @Override public void refreshRow() throws SQLException {
    try {
      target.refreshRow();
    } catch (Throwable e) {
      throw failure(e, "refreshRow");
    }
  }

  @Override public boolean relative(int rows) throws SQLException {
    try {
      return target.relative(rows);
    } catch (Throwable e) {
      throw failure(e, "relative", int.class);
    }
  }

  @Override public boolean rowDeleted() throws SQLException {
    try {
      return target.rowDeleted();
    } catch (Throwable e) {
      throw failure(e, "rowDeleted");
    }
  }

  @Override public boolean rowInserted() throws SQLException {
    try {
      return target.rowInserted();
    } catch (Throwable e) {
      throw failure(e, "rowInserted");
    }
  }

  @Override public boolean rowUpdated() throws SQLException {
    try {
      return target.rowUpdated();
    } catch (Throwable e) {
      throw failure(e, "rowUpdated");
    }
  }

  @Override public void setFetchDirection(int value) throws SQLException {
    try {
      target.setFetchDirection(value);
    } catch (Throwable e) {
      throw failure(e, "setFetchDirection", int.class);
    }
  }

  @Override public void setFetchSize(int value) throws SQLException {
    try {
      target.setFetchSize(value);
    } catch (Throwable e) {
      throw failure(e, "setFetchSize", int.class);
    }
  }

  @Override public void updateArray(String label, Array x) throws SQLException {
    try {
      target.updateArray(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateArray", String.class, Array.class);
    }
  }

  @Override public void updateArray(int column, Array x) throws SQLException {
    try {
      target.updateArray(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateArray", int.class, Array.class);
    }
  }

  @Override public void updateAsciiStream(String label, InputStream x, int scaleOrLength)
      throws SQLException {
    try {
      target.updateAsciiStream(label, x, scaleOrLength);
    } catch (Throwable e) {
      throw failure(e, "updateAsciiStream", String.class, InputStream.class, int.class);
    }
  }

  @Override public void updateAsciiStream(String label, InputStream x, long length)
      throws SQLException {
    try {
      target.updateAsciiStream(label, x, length);
    } catch (Throwable e) {
      throw failure(e, "updateAsciiStream", String.class, InputStream.class, long.class);
    }
  }

  @Override public void updateAsciiStream(String label, InputStream x) throws SQLException {
    try {
      target.updateAsciiStream(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateAsciiStream", String.class, InputStream.class);
    }
  }

  @Override public void updateAsciiStream(int column, InputStream x, int scaleOrLength)
      throws SQLException {
    try {
      target.updateAsciiStream(column, x, scaleOrLength);
    } catch (Throwable e) {
      throw failure(e, "updateAsciiStream", int.class, InputStream.class, int.class);
    }
  }

  @Override public void updateAsciiStream(int column, InputStream x, long length)
      throws SQLException {
    try {
      target.updateAsciiStream(column, x, length);
    } catch (Throwable e) {
      throw failure(e, "updateAsciiStream", int.class, InputStream.class, long.class);
    }
  }

  @Override public void updateAsciiStream(int column, InputStream x) throws SQLException {
    try {
      target.updateAsciiStream(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateAsciiStream", int.class, InputStream.class);
    }
  }

  @Override public void updateBigDecimal(String label, BigDecimal x) throws SQLException {
    try {
      target.updateBigDecimal(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateBigDecimal", String.class, BigDecimal.class);
    }
  }

  @Override public void updateBigDecimal(int column, BigDecimal x) throws SQLException {
    try {
      target.updateBigDecimal(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateBigDecimal", int.class, BigDecimal.class);
    }
  }

  @Override public void updateBinaryStream(String label, InputStream x, int scaleOrLength)
      throws SQLException {
    try {
      target.updateBinaryStream(label, x, scaleOrLength);
    } catch (Throwable e) {
      throw failure(e, "updateBinaryStream", String.class, InputStream.class, int.class);
    }
  }

  @Override public void updateBinaryStream(String label, InputStream x, long length)
      throws SQLException {
    try {
      target.updateBinaryStream(label, x, length);
    } catch (Throwable e) {
      throw failure(e, "updateBinaryStream", String.class, InputStream.class, long.class);
    }
  }

  @Override public void updateBinaryStream(String label, InputStream x) throws SQLException {
    try {
      target.updateBinaryStream(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateBinaryStream", String.class, InputStream.class);
    }
  }

  @Override public void updateBinaryStream(int column, InputStream x, int scaleOrLength)
      throws SQLException {
    try {
      target.updateBinaryStream(column, x, scaleOrLength);
    } catch (Throwable e) {
      throw failure(e, "updateBinaryStream", int.class, InputStream.class, int.class);
    }
  }

  @Override public void updateBinaryStream(int column, InputStream x, long length)
      throws SQLException {
    try {
      target.updateBinaryStream(column, x, length);
    } catch (Throwable e) {
      throw failure(e, "updateBinaryStream", int.class, InputStream.class, long.class);
    }
  }

  @Override public void updateBinaryStream(int column, InputStream x) throws SQLException {
    try {
      target.updateBinaryStream(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateBinaryStream", int.class, InputStream.class);
    }
  }

  @Override public void updateBlob(String label, InputStream x, long length) throws SQLException {
    try {
      target.updateBlob(label, x, length);
    } catch (Throwable e) {
      throw failure(e, "updateBlob", String.class, InputStream.class, long.class);
    }
  }

  @Override public void updateBlob(String label, InputStream x) throws SQLException {
    try {
      target.updateBlob(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateBlob", String.class, InputStream.class);
    }
  }

  @Override public void updateBlob(String label, Blob x) throws SQLException {
    try {
      target.updateBlob(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateBlob", String.class, Blob.class);
    }
  }

  @Override public void updateBlob(int column, InputStream x, long length) throws SQLException {
    try {
      target.updateBlob(column, x, length);
    } catch (Throwable e) {
      throw failure(e, "updateBlob", int.class, InputStream.class, long.class);
    }
  }

  @Override public void updateBlob(int column, InputStream x) throws SQLException {
    try {
      target.updateBlob(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateBlob", int.class, InputStream.class);
    }
  }

  @Override public void updateBlob(int column, Blob x) throws SQLException {
    try {
      target.updateBlob(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateBlob", int.class, Blob.class);
    }
  }

  @Override public void updateBoolean(String label, boolean x) throws SQLException {
    try {
      target.updateBoolean(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateBoolean", String.class, boolean.class);
    }
  }

  @Override public void updateBoolean(int column, boolean x) throws SQLException {
    try {
      target.updateBoolean(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateBoolean", int.class, boolean.class);
    }
  }

  @Override public void updateByte(String label, byte x) throws SQLException {
    try {
      target.updateByte(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateByte", String.class, byte.class);
    }
  }

  @Override public void updateByte(int column, byte x) throws SQLException {
    try {
      target.updateByte(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateByte", int.class, byte.class);
    }
  }

  @Override public void updateBytes(String label, byte[] x) throws SQLException {
    try {
      target.updateBytes(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateBytes", String.class, byte[].class);
    }
  }

  @Override public void updateBytes(int column, byte[] x) throws SQLException {
    try {
      target.updateBytes(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateBytes", int.class, byte[].class);
    }
  }

  @Override public void updateCharacterStream(String label, Reader x, int scaleOrLength)
      throws SQLException {
    try {
      target.updateCharacterStream(label, x, scaleOrLength);
    } catch (Throwable e) {
      throw failure(e, "updateCharacterStream", String.class, Reader.class, int.class);
    }
  }

  @Override public void updateCharacterStream(String label, Reader x, long length)
      throws SQLException {
    try {
      target.updateCharacterStream(label, x, length);
    } catch (Throwable e) {
      throw failure(e, "updateCharacterStream", String.class, Reader.class, long.class);
    }
  }

  @Override public void updateCharacterStream(String label, Reader x) throws SQLException {
    try {
      target.updateCharacterStream(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateCharacterStream", String.class, Reader.class);
    }
  }

  @Override public void updateCharacterStream(int column, Reader x, int scaleOrLength)
      throws SQLException {
    try {
      target.updateCharacterStream(column, x, scaleOrLength);
    } catch (Throwable e) {
      throw failure(e, "updateCharacterStream", int.class, Reader.class, int.class);
    }
  }

  @Override public void updateCharacterStream(int column, Reader x, long length)
      throws SQLException {
    try {
      target.updateCharacterStream(column, x, length);
    } catch (Throwable e) {
      throw failure(e, "updateCharacterStream", int.class, Reader.class, long.class);
    }
  }

  @Override public void updateCharacterStream(int column, Reader x) throws SQLException {
    try {
      target.updateCharacterStream(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateCharacterStream", int.class, Reader.class);
    }
  }

  @Override public void updateClob(String label, Reader x, long length) throws SQLException {
    try {
      target.updateClob(label, x, length);
    } catch (Throwable e) {
      throw failure(e, "updateClob", String.class, Reader.class, long.class);
    }
  }

  @Override public void updateClob(String label, Reader x) throws SQLException {
    try {
      target.updateClob(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateClob", String.class, Reader.class);
    }
  }

  @Override public void updateClob(String label, Clob x) throws SQLException {
    try {
      target.updateClob(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateClob", String.class, Clob.class);
    }
  }

  @Override public void updateClob(int column, Reader x, long length) throws SQLException {
    try {
      target.updateClob(column, x, length);
    } catch (Throwable e) {
      throw failure(e, "updateClob", int.class, Reader.class, long.class);
    }
  }

  @Override public void updateClob(int column, Reader x) throws SQLException {
    try {
      target.updateClob(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateClob", int.class, Reader.class);
    }
  }

  @Override public void updateClob(int column, Clob x) throws SQLException {
    try {
      target.updateClob(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateClob", int.class, Clob.class);
    }
  }

  @Override public void updateDate(String label, Date x) throws SQLException {
    try {
      target.updateDate(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateDate", String.class, Date.class);
    }
  }

  @Override public void updateDate(int column, Date x) throws SQLException {
    try {
      target.updateDate(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateDate", int.class, Date.class);
    }
  }

  @Override public void updateDouble(String label, double x) throws SQLException {
    try {
      target.updateDouble(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateDouble", String.class, double.class);
    }
  }

  @Override public void updateDouble(int column, double x) throws SQLException {
    try {
      target.updateDouble(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateDouble", int.class, double.class);
    }
  }

  @Override public void updateFloat(String label, float x) throws SQLException {
    try {
      target.updateFloat(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateFloat", String.class, float.class);
    }
  }

  @Override public void updateFloat(int column, float x) throws SQLException {
    try {
      target.updateFloat(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateFloat", int.class, float.class);
    }
  }

  @Override public void updateInt(String label, int x) throws SQLException {
    try {
      target.updateInt(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateInt", String.class, int.class);
    }
  }

  @Override public void updateInt(int column, int x) throws SQLException {
    try {
      target.updateInt(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateInt", int.class, int.class);
    }
  }

  @Override public void updateLong(String label, long length) throws SQLException {
    try {
      target.updateLong(label, length);
    } catch (Throwable e) {
      throw failure(e, "updateLong", String.class, long.class);
    }
  }

  @Override public void updateLong(int column, long length) throws SQLException {
    try {
      target.updateLong(column, length);
    } catch (Throwable e) {
      throw failure(e, "updateLong", int.class, long.class);
    }
  }

  @Override public void updateNCharacterStream(String label, Reader x, long length)
      throws SQLException {
    try {
      target.updateNCharacterStream(label, x, length);
    } catch (Throwable e) {
      throw failure(e, "updateNCharacterStream", String.class, Reader.class, long.class);
    }
  }

  @Override public void updateNCharacterStream(String label, Reader x) throws SQLException {
    try {
      target.updateNCharacterStream(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateNCharacterStream", String.class, Reader.class);
    }
  }

  @Override public void updateNCharacterStream(int column, Reader x, long length)
      throws SQLException {
    try {
      target.updateNCharacterStream(column, x, length);
    } catch (Throwable e) {
      throw failure(e, "updateNCharacterStream", int.class, Reader.class, long.class);
    }
  }

  @Override public void updateNCharacterStream(int column, Reader x) throws SQLException {
    try {
      target.updateNCharacterStream(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateNCharacterStream", int.class, Reader.class);
    }
  }

  @Override public void updateNClob(String label, Reader x, long length) throws SQLException {
    try {
      target.updateNClob(label, x, length);
    } catch (Throwable e) {
      throw failure(e, "updateNClob", String.class, Reader.class, long.class);
    }
  }

  @Override public void updateNClob(String label, Reader x) throws SQLException {
    try {
      target.updateNClob(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateNClob", String.class, Reader.class);
    }
  }

  @Override public void updateNClob(String label, NClob x) throws SQLException {
    try {
      target.updateNClob(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateNClob", String.class, NClob.class);
    }
  }

  @Override public void updateNClob(int column, Reader x, long length) throws SQLException {
    try {
      target.updateNClob(column, x, length);
    } catch (Throwable e) {
      throw failure(e, "updateNClob", int.class, Reader.class, long.class);
    }
  }

  @Override public void updateNClob(int column, Reader x) throws SQLException {
    try {
      target.updateNClob(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateNClob", int.class, Reader.class);
    }
  }

  @Override public void updateNClob(int column, NClob x) throws SQLException {
    try {
      target.updateNClob(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateNClob", int.class, NClob.class);
    }
  }

  @Override public void updateNString(String label, String x) throws SQLException {
    try {
      target.updateNString(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateNString", String.class, String.class);
    }
  }

  @Override public void updateNString(int column, String x) throws SQLException {
    try {
      target.updateNString(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateNString", int.class, String.class);
    }
  }

  @Override public void updateNull(String label) throws SQLException {
    try {
      target.updateNull(label);
    } catch (Throwable e) {
      throw failure(e, "updateNull", String.class);
    }
  }

  @Override public void updateNull(int column) throws SQLException {
    try {
      target.updateNull(column);
    } catch (Throwable e) {
      throw failure(e, "updateNull", int.class);
    }
  }

  @Override public void updateObject(String label, Object x, int scaleOrLength)
      throws SQLException {
    try {
      target.updateObject(label, x, scaleOrLength);
    } catch (Throwable e) {
      throw failure(e, "updateObject", String.class, Object.class, int.class);
    }
  }

  @Override public void updateObject(String label, Object x, SQLType type, int scaleOrLength)
      throws SQLException {
    try {
      target.updateObject(label, x, type, scaleOrLength);
    } catch (Throwable e) {
      throw failure(e, "updateObject", String.class, Object.class, SQLType.class, int.class);
    }
  }

  @Override public void updateObject(String label, Object x, SQLType type) throws SQLException {
    try {
      target.updateObject(label, x, type);
    } catch (Throwable e) {
      throw failure(e, "updateObject", String.class, Object.class, SQLType.class);
    }
  }

  @Override public void updateObject(String label, Object x) throws SQLException {
    try {
      target.updateObject(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateObject", String.class, Object.class);
    }
  }

  @Override public void updateObject(int column, Object x, int scaleOrLength) throws SQLException {
    try {
      target.updateObject(column, x, scaleOrLength);
    } catch (Throwable e) {
      throw failure(e, "updateObject", int.class, Object.class, int.class);
    }
  }

  @Override public void updateObject(int column, Object x, SQLType type, int scaleOrLength)
      throws SQLException {
    try {
      target.updateObject(column, x, type, scaleOrLength);
    } catch (Throwable e) {
      throw failure(e, "updateObject", int.class, Object.class, SQLType.class, int.class);
    }
  }

  @Override public void updateObject(int column, Object x, SQLType type) throws SQLException {
    try {
      target.updateObject(column, x, type);
    } catch (Throwable e) {
      throw failure(e, "updateObject", int.class, Object.class, SQLType.class);
    }
  }

  @Override public void updateObject(int column, Object x) throws SQLException {
    try {
      target.updateObject(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateObject", int.class, Object.class);
    }
  }

  @Override public void updateRef(String label, Ref x) throws SQLException {
    try {
      target.updateRef(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateRef", String.class, Ref.class);
    }
  }

  @Override public void updateRef(int column, Ref x) throws SQLException {
    try {
      target.updateRef(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateRef", int.class, Ref.class);
    }
  }

  @Override public void updateRow() throws SQLException {
    try {
      target.updateRow();
    } catch (Throwable e) {
      throw failure(e, "updateRow");
    }
  }

  @Override public void updateRowId(String label, RowId x) throws SQLException {
    try {
      target.updateRowId(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateRowId", String.class, RowId.class);
    }
  }

  @Override public void updateRowId(int column, RowId x) throws SQLException {
    try {
      target.updateRowId(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateRowId", int.class, RowId.class);
    }
  }

  @Override public void updateSQLXML(String label, SQLXML x) throws SQLException {
    try {
      target.updateSQLXML(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateSQLXML", String.class, SQLXML.class);
    }
  }

  @Override public void updateSQLXML(int column, SQLXML x) throws SQLException {
    try {
      target.updateSQLXML(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateSQLXML", int.class, SQLXML.class);
    }
  }

  @Override public void updateShort(String label, short x) throws SQLException {
    try {
      target.updateShort(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateShort", String.class, short.class);
    }
  }

  @Override public void updateShort(int column, short x) throws SQLException {
    try {
      target.updateShort(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateShort", int.class, short.class);
    }
  }

  @Override public void updateString(String label, String x) throws SQLException {
    try {
      target.updateString(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateString", String.class, String.class);
    }
  }

  @Override public void updateString(int column, String x) throws SQLException {
    try {
      target.updateString(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateString", int.class, String.class);
    }
  }

  @Override public void updateTime(String label, Time x) throws SQLException {
    try {
      target.updateTime(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateTime", String.class, Time.class);
    }
  }

  @Override public void updateTime(int column, Time x) throws SQLException {
    try {
      target.updateTime(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateTime", int.class, Time.class);
    }
  }

  @Override public void updateTimestamp(String label, Timestamp x) throws SQLException {
    try {
      target.updateTimestamp(label, x);
    } catch (Throwable e) {
      throw failure(e, "updateTimestamp", String.class, Timestamp.class);
    }
  }

  @Override public void updateTimestamp(int column, Timestamp x) throws SQLException {
    try {
      target.updateTimestamp(column, x);
    } catch (Throwable e) {
      throw failure(e, "updateTimestamp", int.class, Timestamp.class);
    }
  }

  @Override public boolean wasNull() throws SQLException {
    try {
      return target.wasNull();
    } catch (Throwable e) {
      throw failure(e, "wasNull");
    }
  }
}
