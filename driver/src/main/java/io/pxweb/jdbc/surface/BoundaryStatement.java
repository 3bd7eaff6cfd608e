package io.pxweb.jdbc.surface;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A statement at the boundary: all its behaviour is {@link StatementBoundary}'s. */
final class BoundaryStatement extends StatementDelegate {
  BoundaryStatement(Statement target, Connection connection, ConnectionCalls calls) {
    super(target, connection, calls);
  }

  @Override public void setEscapeProcessing(boolean enable) throws SQLException {
    acceptEscapeProcessing("Statement.setEscapeProcessing");
  }
}
