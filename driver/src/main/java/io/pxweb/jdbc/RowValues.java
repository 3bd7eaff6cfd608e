package io.pxweb.jdbc;

/**
 * A result's current row as the planner holds it, for a program that re-encodes every value of
 * large results (pxweb-server writes each one as PostgreSQL text): reading the row at once saves
 * a JDBC getter's dispatch per value, which was a fifth of the server's time on a large result.
 * A driver result set unwraps to it ({@code resultSet.unwrap(RowValues.class)}).
 *
 * <p>Values are Calcite's internal forms, not JDBC's: a DATE is its {@code Integer} day number
 * since 1970-01-01, a TIMESTAMP its {@code Long} milliseconds, a TIME its {@code Integer}
 * milliseconds of the day; a VARCHAR a {@code String}, a DECIMAL a {@code BigDecimal}, a DOUBLE a
 * {@code Double}, and so on. A caller checks a value's class before relying on it, and uses the
 * getters otherwise.
 */
public interface RowValues {
  /**
   * The current row (do not modify it; valid until the next {@code next()}), or null when this
   * result does not hold its rows as arrays (one statbank scan is read column by column; a
   * one-column result holds bare values): then the getters are the way.
   */
  Object[] currentRow();
}
