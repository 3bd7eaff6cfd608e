package io.pxweb.jdbc.surface;

import io.pxweb.jdbc.model.CallBudget;
import java.sql.Connection;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A connection at the boundary, answering itself where Calcite's and Avatica's answers do not
 * fit a read-only driver (see docs/sql-mapping.md, "JDBC"):
 *
 * <ul>
 *   <li>Transactions: the driver only reads, so every statement is its own transaction.
 *       Auto-commit is on, {@code commit} and {@code rollback} are harmless no-ops (Spark's JDBC
 *       source commits after each task), and the connection is read-only, as its metadata says.
 *   <li>Client info: pools and tools label their connections (ApplicationName); there is no
 *       server session to label, so the label is accepted and dropped rather than failing.
 *   <li>{@code setNetworkTimeout}, {@code getNetworkTimeout} and {@code abort}, which Avatica
 *       stores without effect or refuses ({@link ConnectionCalls}).
 * </ul>
 *
 * <p>Preparing a statement plans it, reading metadata: it runs in the network timeout.
 */
final class BoundaryConnection extends ConnectionDelegate {
  BoundaryConnection(Connection target, ConnectionCalls calls) {
    super(target, calls);
  }

  @Override Connection connection() {
    return this;
  }

  @Override CallBudget budgetOf(String method) {
    return method.startsWith("prepare") ? calls.startCall() : null;
  }

  @Override public SQLWarning getWarnings() throws SQLException {
    // Avatica keeps no warnings; the connection's are its source's problems (PX files).
    live();
    return calls.warnings();
  }

  @Override public void clearWarnings() throws SQLException {
    live();
    calls.warnings(null);
  }

  @Override public boolean getAutoCommit() throws SQLException {
    live();
    return true;
  }

  @Override public boolean isReadOnly() throws SQLException {
    live();
    return true;
  }

  @Override public void setAutoCommit(boolean autoCommit) throws SQLException {
    live();
  }

  @Override public void setReadOnly(boolean readOnly) throws SQLException {
    live();
  }

  @Override public void commit() throws SQLException {
    live();
  }

  /** Nothing was written, nothing to undo. */
  @Override public void rollback() throws SQLException {
    live();
  }

  @Override public void rollback(Savepoint savepoint) throws SQLException {
    live();
  }

  @Override public void setClientInfo(String name, String value) throws SQLClientInfoException {
    clientInfo();
  }

  @Override public void setClientInfo(Properties properties) throws SQLClientInfoException {
    clientInfo();
  }

  private void clientInfo() throws SQLClientInfoException {
    try {
      live();
    } catch (SQLException e) {
      throw new SQLClientInfoException(e.getMessage(), e.getSQLState(), 0, null, e);
    }
  }

  @Override public void setNetworkTimeout(Executor executor, int milliseconds)
      throws SQLException {
    open();
    calls.setNetworkTimeout(milliseconds);
  }

  @Override public int getNetworkTimeout() throws SQLException {
    open();
    return calls.networkTimeout();
  }

  @Override public void abort(Executor executor) throws SQLException {
    if (calls.aborted()) {
      return;
    }
    if (executor == null) {
      throw new SQLException("Connection.abort needs an executor to close the connection on",
          "22023");
    }
    if (!target.isClosed()) {
      calls.abort();
      executor.execute(() -> {
        try {
          target.close();
        } catch (SQLException e) {
          // Aborting gives up on the connection; what its close reports changes nothing.
        }
      });
    }
  }

  private void open() throws SQLException {
    live();
    if (target.isClosed()) {
      throw new SQLException("The connection is closed", "08003");
    }
  }
}
