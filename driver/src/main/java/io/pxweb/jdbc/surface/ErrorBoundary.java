package io.pxweb.jdbc.surface;

import io.pxweb.jdbc.model.SourceProblem;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The JDBC surface of a connection: every call to the connection and the statements, result
 * sets and metadata it hands out passes here, and every failure leaves as a {@link SQLException}
 * with a SQLState.
 *
 * <p>Calcite reports failures as SQLExceptions without SQLState that wrap the real cause. This
 * boundary unwraps them ({@link SqlErrors#classify}): a failure of the server keeps the driver's
 * own exception (its SQLState class, the server's title, the URL without secrets); a parse error
 * becomes 42601; an unknown table 42S02; an unknown column 42S22; other validation errors 42000.
 * Runtime exceptions from deep inside the planner become SQLExceptions too, never a bare stack
 * of internals.
 *
 * <p>The JDBC objects are plain delegates: their pass-through methods are generated at build
 * time from the JDBC interfaces ({@code src/build/java/BoundaryGenerator.java}), and the
 * subclasses here hold what the boundary does itself: {@link BoundaryConnection},
 * {@link BoundaryStatement}, {@link BoundaryPreparedStatement} (both {@link StatementBoundary}), {@link BoundaryMetaData},
 * {@link BoundaryResultSet}.
 */
public final class ErrorBoundary {
  private ErrorBoundary() {
  }

  /** Wraps a connection. */
  public static Connection wrap(Connection connection) {
    return wrap(connection, List.of());
  }

  /** Wraps a connection whose {@code getWarnings} answers its source's problems. */
  public static Connection wrap(Connection connection, List<SourceProblem> problems) {
    ConnectionCalls calls = new ConnectionCalls();
    calls.warnings(SqlErrors.warnings(problems));
    return new BoundaryConnection(connection, calls);
  }

  /** Turns any failure into the SQLException the user should see. */
  public static SQLException classify(Throwable failure) {
    return SqlErrors.classify(failure, null, null);
  }
}
