package io.pxweb.jdbc;

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
final class ErrorBoundary implements InvocationHandler {
  private static final Set<Class<?>> WRAPPED = Set.of(Connection.class, Statement.class,
      PreparedStatement.class, CallableStatement.class, ResultSet.class, DatabaseMetaData.class);

  private final Object target;
  private final Object owner;
  /** A statement's budget since its last execute, or null. */
  private volatile CallBudget budget;

  private ErrorBoundary(Object target, Object owner) {
    this.target = target;
    this.owner = owner;
  }

  /** Wraps a connection. */
  static Connection wrap(Connection connection) {
    return (Connection) proxy(connection, Connection.class, null);
  }

  private static Object proxy(Object target, Class<?> type, Object owner) {
    return Proxy.newProxyInstance(ErrorBoundary.class.getClassLoader(), new Class<?>[] {type},
        new ErrorBoundary(target, owner));
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
    Object result;
    try (CallBudget.Scope budgeted = enterBudget(name)) {
      result = invokeTarget(method, args);
    }
    Class<?> returnType = method.getReturnType();
    if (result instanceof ResultSet rs && returnType == ResultSet.class) {
      return new BoundaryResultSet(rs, proxy, target instanceof Statement ? this : null);
    }
    if (result != null && WRAPPED.contains(returnType) && !name.equals("unwrap")) {
      return proxy(result, returnType, proxy);
    }
    return result;
  }

  /** Returns a statement's budget since its last execute, or null. */
  CallBudget budget() {
    return budget;
  }

  /**
   * Gives the calls a statement makes (while planning, too, when Calcite enforces neither) its
   * query timeout and cancel switch ({@link BoundaryResultSet#next()} shares it).
   */
  private CallBudget.Scope enterBudget(String name) throws SQLException {
    if (target instanceof Statement statement) {
      if (name.equals("cancel") && budget != null) {
        budget.cancel();
      } else if (name.startsWith("execute")) {
        int timeout = statement.getQueryTimeout();
        budget = CallBudget.start(timeout * 1000L, "the query timeout of " + timeout + " s");
        return budget.enter();
      }
    }
    return () -> { };
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
  static SQLException classify(Throwable failure) {
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
