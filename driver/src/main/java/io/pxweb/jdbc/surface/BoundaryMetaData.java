package io.pxweb.jdbc.surface;

import io.pxweb.jdbc.model.CallBudget;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * The connection's metadata at the boundary: every call reads metadata (over HTTP, for a
 * table's columns), so it runs in the connection's network timeout and stops on abort.
 *
 * <p>No catalogs: {@code supportsCatalogsIn*} are false (names are schema.table;
 * {@code getCatalogs} is empty, see PxWebMeta). Saying catalogs may qualify names made
 * LibreOffice Base read statbank.TAB004 as catalog statbank, table TAB004 (and find no columns
 * for it).
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

  @Override public boolean supportsCatalogsInDataManipulation() throws SQLException {
    live();
    return false;
  }

  @Override public boolean supportsCatalogsInProcedureCalls() throws SQLException {
    live();
    return false;
  }

  @Override public boolean supportsCatalogsInTableDefinitions() throws SQLException {
    live();
    return false;
  }

  @Override public boolean supportsCatalogsInIndexDefinitions() throws SQLException {
    live();
    return false;
  }

  @Override public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException {
    live();
    return false;
  }
}
