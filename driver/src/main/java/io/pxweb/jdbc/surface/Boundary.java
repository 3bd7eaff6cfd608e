package io.pxweb.jdbc.surface;

import io.pxweb.jdbc.model.CallBudget;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;

/**
 * What the boundary's connection, statements and metadata share: the connection's calls (abort,
 * network timeout), how a call starts, how a failure is classified, and how the JDBC objects a
 * call returns are wrapped. The generated delegates call these hooks.
 */
abstract class Boundary {
  final ConnectionCalls calls;

  Boundary(ConnectionCalls calls) {
    this.calls = calls;
  }

  /** Returns the wrapped connection these objects belong to. */
  abstract Connection connection();

  /**
   * Starts a call of the named method: refused once the connection is aborted, then run in its
   * budget ({@link #budgetOf}).
   */
  Call enter(String method) throws SQLException {
    live();
    CallBudget budget = budgetOf(method);
    return budget == null ? Call.NONE : new Call(budget);
  }

  /** Returns the budget of a call, or null for none (the default). */
  CallBudget budgetOf(String method) throws SQLException {
    return null;
  }

  /** Throws when the connection was aborted: its objects are closed, whatever their state. */
  final void live() throws SQLException {
    if (calls.aborted()) {
      throw new SQLException("The connection was aborted", "08003");
    }
  }

  final SQLException failure(Throwable failure, String method, String sql) {
    return SqlErrors.classify(failure, method, sql);
  }

  final Statement wrap(Statement s) {
    return s == null ? null : new BoundaryStatement(s, connection(), calls);
  }

  final PreparedStatement wrap(PreparedStatement s) {
    return s == null ? null : new BoundaryPreparedStatement(s, connection(), calls);
  }

  /** Avatica makes no callable statements (the driver has no procedures). */
  final CallableStatement wrap(CallableStatement s) throws SQLException {
    if (s == null) {
      return null;
    }
    throw new SQLFeatureNotSupportedException(
        "Connection.prepareCall is not supported by pxweb-jdbc", "0A000");
  }

  final DatabaseMetaData wrap(DatabaseMetaData m) {
    return m == null ? null : new BoundaryMetaData(m, connection(), calls);
  }

  /** Wraps a result set, reading on within the budget of the call that made it. */
  ResultSet wrap(ResultSet rs, Call call) {
    return rs == null ? null : new BoundaryResultSet(rs, this, call.budget());
  }
}
