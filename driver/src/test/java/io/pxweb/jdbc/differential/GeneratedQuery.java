package io.pxweb.jdbc.differential;

import java.util.List;

/**
 * One generated query.
 *
 * @param sql the query both engines run
 * @param referenceSql what the reference engine runs: the same query, except without LIMIT
 *     when the rows are limited but unordered (any {@code limit} of those rows is right)
 * @param order how to compare the rows
 * @param limit the LIMIT of a {@link Order#LIMITED} query
 * @param fetches what each statbank table reference may fetch at most
 * @param params the values of the query's {@code ?} parameters, in order (none: a plain
 *     statement)
 */
record GeneratedQuery(String sql, String referenceSql, Order order, long limit,
    List<Fetch> fetches, List<Object> params) {

  /** How rows compare. */
  enum Order {
    /** ORDER BY every output column: same rows in the same order. */
    ORDERED,
    /** No order: the same multiset of rows. */
    UNORDERED,
    /** LIMIT without ORDER BY: min(limit, n) rows, each one of the reference's rows. */
    LIMITED
  }

  /**
   * The most one table reference may fetch: the cells of the bounding box its conditions allow
   * on the metadata times the contents it reads (0 when it reads no measure or status).
   */
  record Fetch(String table, long cells) {
  }
}
