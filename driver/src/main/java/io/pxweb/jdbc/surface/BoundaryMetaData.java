package io.pxweb.jdbc.surface;

import io.pxweb.jdbc.model.CallBudget;
import java.sql.Connection;
import java.sql.DatabaseMetaData;

/**
 * The connection's metadata at the boundary: every call reads metadata (over HTTP, for a
 * table's columns), so it runs in the connection's network timeout and stops on abort.
 */
final class BoundaryMetaData extends DatabaseMetaDataDelegate {
  private final Connection connection;

  BoundaryMetaData(DatabaseMetaData target, Connection connection, ConnectionCalls calls) {
    super(target, calls);
    this.connection = connection;
  }

  @Override Connection connection() {
    return connection;
  }

  @Override CallBudget budgetOf(String method) {
    return calls.startCall();
  }
}
