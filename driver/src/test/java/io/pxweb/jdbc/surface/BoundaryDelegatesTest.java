package io.pxweb.jdbc.surface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The generated delegates of the connection, statements and metadata: every method passes to
 * the target and leaves a failure only classified (a SQLState, never a runtime exception), as
 * the result sets' do (BoundaryResultSetTest); an aborted connection's objects are closed.
 */
class BoundaryDelegatesTest {
  /** A JDBC object whose every call fails as Avatica fails an unsupported one. */
  private static <T> T failing(Class<T> type) {
    return type.cast(Proxy.newProxyInstance(BoundaryDelegatesTest.class.getClassLoader(),
        new Class<?>[] {type}, (proxy, method, args) -> {
          throw new UnsupportedOperationException();
        }));
  }

  /** Methods the boundary answers itself, without the target. */
  private static final Set<String> ANSWERED = Set.of("getConnection", "getAutoCommit",
      "isReadOnly", "setAutoCommit", "setReadOnly", "commit", "rollback", "setClientInfo",
      "getDriverMajorVersion", "getDriverMinorVersion", "abort", "setNetworkTimeout",
      "getNetworkTimeout");
  /** The connection's warnings are its source's problems, answered by the boundary. */
  private static final Set<String> ANSWERED_BY_THE_CONNECTION = Set.of("getWarnings",
      "clearWarnings");

  @Test
  void everyMethodClassifiesItsFailure() throws Exception {
    ConnectionCalls calls = new ConnectionCalls();
    BoundaryConnection connection = new BoundaryConnection(failing(Connection.class), calls);
    check(Connection.class, connection);
    check(Statement.class, new BoundaryStatement(failing(Statement.class), connection, calls));
    check(PreparedStatement.class, new BoundaryPreparedStatement(
        failing(PreparedStatement.class), connection, calls));
    check(DatabaseMetaData.class, new BoundaryMetaData(failing(DatabaseMetaData.class),
        connection, calls));
  }

  private static void check(Class<?> type, Object boundary) throws Exception {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Method m : type.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || ANSWERED.contains(m.getName())
          || (type == Connection.class && ANSWERED_BY_THE_CONNECTION.contains(m.getName()))
          || m.getName().startsWith("supportsCatalogsIn")) {
        continue;
      }
      try {
        m.invoke(boundary, arguments(m));
        wrong.add(m + ": no failure");
      } catch (InvocationTargetException e) {
        Throwable t = e.getCause();
        if (!(t instanceof SQLException s) || !"0A000".equals(s.getSQLState())
            || !s.getMessage().equals(m.getDeclaringClass().getSimpleName() + "." + m.getName()
                + " is not supported by pxweb-jdbc")) {
          wrong.add(m + ": " + t);
        }
      }
      checked++;
    }
    assertTrue(checked > 30, type + ": " + checked);
    assertEquals(List.of(), wrong, type.getSimpleName());
  }

  private static Object[] arguments(Method m) {
    Class<?>[] types = m.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < args.length; i++) {
      args[i] = types[i] == int.class ? 1 : types[i] == long.class ? 1L
          : types[i] == boolean.class ? true : types[i] == byte.class ? (byte) 1
          : types[i] == short.class ? (short) 1 : types[i] == float.class ? 1f
          : types[i] == double.class ? 1d : types[i] == String.class ? "A"
          : types[i] == Class.class ? Integer.class : null;
    }
    return args;
  }

  @Test
  void anAbortedConnectionsObjectsAreClosed() throws SQLException {
    ConnectionCalls calls = new ConnectionCalls();
    BoundaryConnection connection = new BoundaryConnection(failing(Connection.class), calls);
    BoundaryStatement statement = new BoundaryStatement(failing(Statement.class), connection,
        calls);
    calls.abort();
    assertTrue(connection.isClosed());
    assertTrue(statement.isClosed());
    statement.close();
    SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
        () -> statement.executeQuery("select 1"));
    assertEquals("08003", e.getSQLState());
    assertSame(connection, statement.getConnection());
    assertSame(statement, statement.unwrap(Statement.class));
  }
}
