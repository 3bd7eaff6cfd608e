package io.pxweb.jdbc.surface;

import io.pxweb.jdbc.model.CallBudget;
import io.pxweb.jdbc.adapter.PxWebQueryException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.Set;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * The JDBC surface of a connection: every call to the connection and the statements, result
 * sets and metadata it hands out passes here, and every failure leaves as a {@link SQLException}
 * with a SQLState.
 *
 * <p>Calcite reports failures as SQLExceptions without SQLState that wrap the real cause. This
 * boundary unwraps them: a failure of the server keeps the driver's own exception (its SQLState
 * class, the server's title, the URL without secrets); a parse error becomes 42601; an unknown
 * table 42S02; an unknown column 42S22; other validation errors 42000. Runtime exceptions from
 * deep inside the planner become SQLExceptions too, never a bare stack of internals.
 */
public final class ErrorBoundary implements InvocationHandler {
  private static final Set<Class<?>> WRAPPED = Set.of(Connection.class, Statement.class,
      PreparedStatement.class, CallableStatement.class, ResultSet.class, DatabaseMetaData.class);

  private final Object target;
  private final Object owner;
  private final ConnectionCalls calls;
  /** A statement's budget since its last execute, or null. */
  private volatile CallBudget budget;

  private ErrorBoundary(Object target, Object owner, ConnectionCalls calls) {
    this.target = target;
    this.owner = owner;
    this.calls = calls;
  }

  /** Wraps a connection. */
  public static Connection wrap(Connection connection) {
    return wrap(connection, java.util.List.of());
  }

  /** Wraps a connection whose {@code getWarnings} answers its source's problems. */
  public static Connection wrap(Connection connection,
      java.util.List<io.pxweb.jdbc.model.SourceProblem> problems) {
    ConnectionCalls calls = new ConnectionCalls();
    calls.warnings(SqlErrors.warnings(problems));
    return (Connection) proxy(connection, Connection.class, null, calls);
  }

  private static Object proxy(Object target, Class<?> type, Object owner, ConnectionCalls calls) {
    return Proxy.newProxyInstance(ErrorBoundary.class.getClassLoader(), new Class<?>[] {type},
        new ErrorBoundary(target, owner, calls));
  }

  @Override public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (name.equals("equals") && method.getParameterCount() == 1) {
      return proxy == args[0];
    }
    if (name.equals("hashCode") && method.getParameterCount() == 0) {
      return System.identityHashCode(proxy);
    }
    if ((name.equals("getConnection") || name.equals("getStatement")) && owner != null
        && method.getParameterCount() == 0) {
      // Hand back the wrapped owner, so callers never escape the boundary.
      return ownerOfType(method.getReturnType());
    }
    if (name.equals("unwrap") && args != null && args[0] instanceof Class<?> c
        && c.isInstance(proxy)) {
      return proxy;
    }
    if (calls.aborted()) {
      return afterAbort(name);
    }
    if (target instanceof Connection && method.getParameterCount() == 0
        && (name.equals("getWarnings") || name.equals("clearWarnings"))) {
      // Avatica keeps no warnings; the connection's are the source's problems (PX files).
      java.sql.SQLWarning w = calls.warnings();
      if (name.equals("clearWarnings")) {
        calls.warnings(null);
        return null;
      }
      return w;
    }
    if (target instanceof Connection connection) {
      Object answered = networkCall(connection, name, args);
      if (answered != JdbcSurface.PASS) {
        return answered;
      }
    }
    CallBudget callBudget = budgetOf(name);
    Object result;
    try (CallBudget.Scope budgeted = callBudget == null ? () -> { } : callBudget.enter()) {
      result = invokeTarget(method, args);
    }
    Class<?> returnType = method.getReturnType();
    if (result instanceof ResultSet rs && returnType == ResultSet.class) {
      // getResultSet() after execute(): the execute's budget.
      return new BoundaryResultSet(rs, proxy, callBudget != null ? callBudget : budget);
    }
    if (result != null && WRAPPED.contains(returnType) && !name.equals("unwrap")) {
      return proxy(result, returnType, proxy, calls);
    }
    return result;
  }

  /**
   * Answers {@code setNetworkTimeout}, {@code getNetworkTimeout} and {@code abort}, which
   * Avatica stores without effect or refuses; returns {@link JdbcSurface#PASS} for other calls.
   */
  private Object networkCall(Connection connection, String name, Object[] args)
      throws SQLException {
    switch (name) {
    case "setNetworkTimeout":
      if (connection.isClosed()) {
        throw new SQLException("The connection is closed", "08003");
      }
      calls.setNetworkTimeout((Integer) args[1]);
      return null;
    case "getNetworkTimeout":
      if (connection.isClosed()) {
        throw new SQLException("The connection is closed", "08003");
      }
      return calls.networkTimeout();
    case "abort":
      if (args[0] == null) {
        throw new SQLException("Connection.abort needs an executor to close the connection on",
            "22023");
      }
      if (!connection.isClosed()) {
        calls.abort();
        ((java.util.concurrent.Executor) args[0]).execute(() -> {
          try {
            connection.close();
          } catch (SQLException e) {
            // Aborting gives up on the connection; what its close reports changes nothing.
          }
        });
      }
      return null;
    default:
      return JdbcSurface.PASS;
    }
  }

  /** Answers a call on an object of an aborted connection: it is closed, whatever its state. */
  private static Object afterAbort(String name) throws SQLException {
    switch (name) {
    case "isClosed":
      return true;
    case "isValid":
      return false;
    case "close":
    case "abort":
      return null;
    default:
      throw new SQLException("The connection was aborted", "08003");
    }
  }

  /**
   * Returns the budget of a call, or null for none: a statement's execute gets its query timeout
   * and cancel switch (also while planning, when Calcite enforces neither; the result set's
   * {@code next()} reads on with it); preparing a statement (it plans, reading metadata) and
   * the metadata's calls get the network timeout; the connection's other calls read nothing. Every budget is the connection's to cancel on
   * abort.
   */
  private CallBudget budgetOf(String name) throws SQLException {
    if (target instanceof Statement statement) {
      if (name.equals("cancel") && budget != null) {
        budget.cancel();
      } else if (name.startsWith("execute")) {
        int timeout = statement.getQueryTimeout();
        budget = calls.track(
            CallBudget.start(timeout * 1000L, "the query timeout of " + timeout + " s"));
        return budget;
      }
      return null;
    }
    if (target instanceof DatabaseMetaData
        || (target instanceof Connection && name.startsWith("prepare"))) {
      return calls.startCall();
    }
    return null;
  }

  private Object invokeTarget(Method method, Object[] args) throws Throwable {
    String name = method.getName();
    Object result;
    try {
      result = JdbcSurface.intercept(target, method, args);
      if (result == JdbcSurface.PASS) {
        result = method.invoke(target, args);
      }
    } catch (SQLException | RuntimeException e) {
      throw classify(e, method, sqlOf(name, args));
    } catch (InvocationTargetException e) {
      throw classify(e.getCause(), method, sqlOf(name, args));
    }
    return result;
  }

  private Object ownerOfType(Class<?> type) throws SQLException {
    Object o = owner;
    while (o != null) {
      if (type.isInstance(o)) {
        return o;
      }
      o = ((ErrorBoundary) Proxy.getInvocationHandler(o)).owner;
    }
    return null;
  }

  /** Turns any failure into the SQLException the user should see. */
  public static SQLException classify(Throwable failure) {
    return classify(failure, null, null);
  }

  /** Returns the SQL text a call runs or prepares, or null. */
  private static String sqlOf(String method, Object[] args) {
    return args != null && args.length > 0 && args[0] instanceof String sql
        && (method.startsWith("execute") || method.startsWith("prepare")) ? sql : null;
  }

  /**
   * Turns any failure into the SQLException the user should see: one sentence, a SQLState,
   * never planner internals and never an {@link Error}.
   *
   * @param method the JDBC method that failed, to name an unsupported feature; may be null
   * @param sql the SQL text the call ran, to point at a name to quote; may be null
   */
  static SQLException classify(Throwable failure, Method method, String sql) {
    if (SqlErrors.isWrite(sql)) {
      return SqlErrors.readOnly(failure);
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof PxWebQueryException q) {
        return q.getCause();
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SqlParseException p) {
        return new SQLSyntaxErrorException(SqlErrors.parseMessage(p, sql), "42601", failure);
      }
      if (t instanceof org.apache.calcite.runtime.CalciteContextException c) {
        String m = c.getMessage();
        return new SQLSyntaxErrorException(m, SqlErrors.validationState(
            c.getCause() == null ? m : String.valueOf(c.getCause().getMessage())), failure);
      }
      if (t instanceof SqlValidatorException v) {
        return new SQLSyntaxErrorException(contextMessage(failure, v),
            SqlErrors.validationState(v.getMessage()), failure);
      }
    }
    if (failure instanceof SQLException s && s.getSQLState() != null
        && s.getMessage() != null && !s.getMessage().startsWith("Error while executing SQL")) {
      return s;
    }
    SQLException data = SqlErrors.dataError(failure);
    if (data != null) {
      return data;
    }
    return SqlErrors.otherError(failure, method);
  }

  /** Returns the validator's message with Calcite's position ("From line 1, column 15 ..."). */
  private static String contextMessage(Throwable failure, SqlValidatorException v) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof org.apache.calcite.runtime.CalciteContextException c) {
        return c.getMessage();
      }
    }
    return v.getMessage();
  }
}
