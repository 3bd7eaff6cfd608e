package io.pxweb.jdbc.surface;

import io.pxweb.jdbc.model.CallBudget;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Arrays;

/**
 * {@link ErrorBoundary} for result sets, a plain delegate: {@code next()} and the getters are a
 * scan's hot path, called once per row and column, so the generated {@link ResultSetDelegate}
 * only classifies failures (a reflective proxy's {@code Method.invoke} and per-call checks cost
 * about a tenth of a {@code getObject} client's time, docs/benchmarks.md). What is overridden
 * here: {@code next()} shares its statement's query timeout and cancel switch;
 * {@code getStatement()} hands back the wrapped statement; {@code getObject(column, Class)}
 * answers the JDBC 4.2 types as {@link JdbcSurface} does; {@code getObject} of a DATE column
 * reuses Avatica's answer for a day already seen.
 */
@SuppressWarnings("deprecation")
final class BoundaryResultSet extends ResultSetDelegate {
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
    super(target);
    this.owner = owner;
    this.budget = budget;
    Arrays.fill(knownDays, Long.MIN_VALUE);
  }

  @Override SQLException failure(Throwable failure, String method) {
    return SqlErrors.classify(failure, method, null);
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
      throw failure(e, "ResultSet.next");
    }
  }

  @Override public Statement getStatement() {
    return owner instanceof Statement s ? s : null;
  }

  @Override public <T> T getObject(int column, Class<T> type) throws SQLException {
    try {
      return type.cast(JdbcSurface.typedGet(target, column, type));
    } catch (Throwable e) {
      throw failure(e, "ResultSet.getObject");
    }
  }

  @Override public <T> T getObject(String label, Class<T> type) throws SQLException {
    try {
      return type.cast(JdbcSurface.typedGet(target, label, type));
    } catch (Throwable e) {
      throw failure(e, "ResultSet.getObject");
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
    return column > 0 && column < t.length && t[column] == Types.DATE;
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

  @Override public Object getObject(int column) throws SQLException {
    try {
      return isDate(column) ? date(column) : target.getObject(column);
    } catch (Throwable e) {
      throw failure(e, "ResultSet.getObject");
    }
  }
}
