package io.pxweb.jdbc.surface;

import io.pxweb.jdbc.model.CallBudget;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the boundary's statements share: their connection, and a budget per execute (the
 * statement's query timeout, also while planning, when Calcite enforces neither) that its
 * result set reads on with and {@code cancel} stops.
 */
abstract class StatementBoundary extends Boundary {
  private final Statement target;
  private final Connection connection;
  /** The budget since the last execute, or null. */
  private volatile CallBudget budget;

  StatementBoundary(Statement target, Connection connection, ConnectionCalls calls) {
    super(calls);
    this.target = target;
    this.connection = connection;
  }

  @Override final Connection connection() {
    return connection;
  }

  @Override final CallBudget budgetOf(String method) throws SQLException {
    if (method.equals("cancel") && budget != null) {
      budget.cancel();
    } else if (method.startsWith("execute")) {
      int timeout = target.getQueryTimeout();
      budget = calls.track(
          CallBudget.start(timeout * 1000L, "the query timeout of " + timeout + " s"));
      return budget;
    }
    return null;
  }

  /**
   * {@code setEscapeProcessing}, on or off: accepted, and it changes nothing. Calcite's parser
   * reads the JDBC escapes ({@code {fn ...}}, {@code {d '...'}}) as part of its grammar, and
   * SQL without them means the same either way. Avatica refuses the call (0A000), and LibreOffice
   * Base turns escape processing off on every statement whose SQL it has parsed itself.
   */
  final void acceptEscapeProcessing(String method) throws SQLException {
    boolean closed;
    try (Call call = enter(method)) {
      closed = target.isClosed();
    } catch (Throwable e) {
      throw failure(e, method, null);
    }
    if (closed) {
      throw new SQLException("The statement is closed", "HY010");
    }
  }

  /** Wraps a result set in the budget of its call, else the last execute's (getResultSet). */
  @Override final ResultSet wrap(ResultSet rs, Call call) {
    return rs == null ? null : new BoundaryResultSet(rs, this,
        call.budget() != null ? call.budget() : budget);
  }
}
