package io.pxweb.jdbc.surface;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLType;

/**
 * A prepared statement at the boundary: its executes run in its budget
 * ({@link StatementBoundary}), and it binds {@code java.time} values and texts by the parameter's type ({@link JdbcSurface}).
 */
final class BoundaryPreparedStatement extends PreparedStatementDelegate {
  BoundaryPreparedStatement(PreparedStatement target, Connection connection,
      ConnectionCalls calls) {
    super(target, connection, calls);
  }

  @Override public void setObject(int index, Object x) throws SQLException {
    bind("setObject", () -> x instanceof String text ? JdbcSurface.setText(target, index, text)
        : JdbcSurface.setObject(target, index, x, null, null), () -> target.setObject(index, x));
  }

  @Override public void setObject(int index, Object x, int type) throws SQLException {
    bind("setObject", () -> JdbcSurface.setObject(target, index, x, null, null),
        () -> target.setObject(index, x, type));
  }

  @Override public void setObject(int index, Object x, int type, int scale)
      throws SQLException {
    bind("setObject", () -> JdbcSurface.setObject(target, index, x, null, null),
        () -> target.setObject(index, x, type, scale));
  }

  @Override public void setObject(int index, Object x, SQLType type) throws SQLException {
    bind("setObject", () -> JdbcSurface.setObject(target, index, x, type, null),
        () -> target.setObject(index, x, type));
  }

  @Override public void setObject(int index, Object x, SQLType type, int scale)
      throws SQLException {
    bind("setObject", () -> JdbcSurface.setObject(target, index, x, type, scale),
        () -> target.setObject(index, x, type, scale));
  }

  @Override public void setString(int index, String x) throws SQLException {
    bind("setString", () -> x != null && JdbcSurface.setText(target, index, x),
        () -> target.setString(index, x));
  }

  @Override public void setEscapeProcessing(boolean enable) throws SQLException {
    acceptEscapeProcessing("Statement.setEscapeProcessing");
  }

  /** Binds as the surface answers, else as the target binds; failures classified. */
  private void bind(String method, Answer surface, Bind target) throws SQLException {
    try (Call call = enter(method)) {
      if (!surface.bound()) {
        target.run();
      }
    } catch (Throwable e) {
      throw failure(e, "PreparedStatement." + method, null);
    }
  }

  /** The surface's answer to a bind: whether it bound the value. */
  private interface Answer {
    boolean bound() throws SQLException;
  }

  /** The target's own bind. */
  private interface Bind {
    void run() throws SQLException;
  }
}
