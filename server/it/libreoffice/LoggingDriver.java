package pxweb.it;

import java.io.FileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A JDBC driver in front of pxweb-jdbc's that writes every call a client makes on the
 * connection, its DatabaseMetaData and its statements (with the SQL), and what each returned
 * or threw, to the file named by the environment variable PXWEB_JDBC_LOG: what LibreOffice
 * Base asks a JDBC driver, for server/it/libreoffice.sh. Only for that check, never shipped.
 */
public final class LoggingDriver implements Driver {
  private final Driver target;

  public LoggingDriver() throws ReflectiveOperationException {
    target = (Driver) Class.forName("io.pxweb.jdbc.PxWebDriver", true,
        LoggingDriver.class.getClassLoader()).getDeclaredConstructor().newInstance();
  }

  private static synchronized void log(String line) {
    String file = System.getenv("PXWEB_JDBC_LOG");
    if (file == null) {
      return;
    }
    try (PrintWriter w = new PrintWriter(new FileWriter(file, true))) {
      w.println(line);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Wraps what a call returned when it is one of the interfaces whose calls are logged. */
  private static Object wrap(Object value) {
    for (Class<?> type : new Class<?>[] {DatabaseMetaData.class, PreparedStatement.class,
        Statement.class, Connection.class}) {
      if (type.isInstance(value)) {
        return Proxy.newProxyInstance(LoggingDriver.class.getClassLoader(),
            new Class<?>[] {type}, new Logged(value, type.getSimpleName()));
      }
    }
    return value;
  }

  private static String describe(Object value) {
    if (value instanceof ResultSet rs) {
      try {
        return "ResultSet(" + rs.getMetaData().getColumnCount() + " columns)";
      } catch (SQLException e) {
        return "ResultSet";
      }
    }
    if (value instanceof Object[] a) {
      return Arrays.deepToString(a);
    }
    if (value instanceof int[] a) {
      return Arrays.toString(a);
    }
    if (value instanceof String s) {
      return '"' + s + '"';
    }
    return String.valueOf(value);
  }

  /** Logs each call on one object, then returns what the driver's object returned. */
  private record Logged(Object target, String name) implements InvocationHandler {
    @Override public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
      String call = name + "." + m.getName() + "(" + (args == null ? ""
          : String.join(", ", Arrays.stream(args).map(LoggingDriver::describe).toList())) + ")";
      if (m.getName().equals("unwrap") || m.getName().equals("isWrapperFor")) {
        return m.invoke(target, args);
      }
      try {
        Object result = m.invoke(target, args);
        log(call + " -> " + (m.getReturnType() == void.class ? "ok" : describe(result)));
        if (result instanceof ResultSet rs && target instanceof DatabaseMetaData) {
          return Proxy.newProxyInstance(LoggingDriver.class.getClassLoader(),
              new Class<?>[] {ResultSet.class}, new Counted(rs, call));
        }
        return wrap(result);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        log(call + " !! " + cause.getClass().getName()
            + (cause instanceof SQLException s ? " " + s.getSQLState() : "")
            + ": " + cause.getMessage());
        throw cause;
      }
    }
  }

  /** A metadata call's rows: logs how many the client read when it reads past the last. */
  private static final class Counted implements InvocationHandler {
    private final ResultSet target;
    private final String call;
    private int rows;
    private boolean logged;

    Counted(ResultSet target, String call) {
      this.target = target;
      this.call = call;
    }

    @Override public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
      Object result;
      try {
        result = m.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      if (m.getName().equals("next") && Boolean.TRUE.equals(result)) {
        rows++;
      } else if (!logged && (m.getName().equals("next") || m.getName().equals("close"))) {
        logged = true;
        log("  rows of " + call + ": " + rows + (m.getName().equals("close") ? " read before close" : ""));
      }
      return result;
    }
  }

  @Override public Connection connect(String url, Properties info) throws SQLException {
    Connection c = target.connect(url, info);
    log("Driver.connect(\"" + url + "\") -> " + (c == null ? "null" : "Connection"));
    return c == null ? null : (Connection) wrap(c);
  }

  @Override public boolean acceptsURL(String url) throws SQLException {
    boolean accepted = target.acceptsURL(url);
    log("Driver.acceptsURL(\"" + url + "\") -> " + accepted);
    return accepted;
  }

  @Override public DriverPropertyInfo[] getPropertyInfo(String url, Properties info)
      throws SQLException {
    DriverPropertyInfo[] infos = target.getPropertyInfo(url, info);
    log("Driver.getPropertyInfo(\"" + url + "\") -> " + infos.length + " properties");
    return infos;
  }

  @Override public int getMajorVersion() {
    return target.getMajorVersion();
  }

  @Override public int getMinorVersion() {
    return target.getMinorVersion();
  }

  @Override public boolean jdbcCompliant() {
    return target.jdbcCompliant();
  }

  @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }
}
