package io.pxweb.jdbc.adapter;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The SQL an attached database receives, without Calcite's character-set introducers.
 *
 * <p>The driver's text is Unicode (UTF-16) while Calcite's JVM-wide default stays ISO-8859-1,
 * and Calcite's SQL writer ({@code SqlImplementor}, for the JDBC adapter) prefixes every string
 * literal whose charset is not that default: a filter pushed into an attached database arrives as
 * {@code WHERE "COUNTRY" = _UTF-16LE'NO'}, which no database parses. Calcite offers no
 * per-connection switch for it, so the attached data source's statements get the SQL with each
 * introducer before a literal removed: {@code 'NO'}, {@code 'Rīga'} (JDBC passes the text as
 * Unicode anyway).
 */
public final class AttachedSql {
  private AttachedSql() {
  }

  /** A data source whose connections' statements run {@link #plain} SQL. */
  public static DataSource plainLiterals(DataSource dataSource, String charsetName) {
    String introducer = "_" + charsetName;
    return proxy(DataSource.class, dataSource, introducer);
  }

  private static <T> T proxy(Class<T> type, T target, String introducer) {
    InvocationHandler handler = (self, method, args) -> {
      if (args != null && args.length > 0 && args[0] instanceof String sql
          && (Statement.class.isAssignableFrom(method.getDeclaringClass())
              || method.getDeclaringClass() == Connection.class)
          && !method.getName().startsWith("set") && !method.getName().startsWith("get")) {
        args[0] = plain(sql, introducer);
      }
      Object result;
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      Class<?> returned = method.getReturnType();
      if (result != null && returned.isInterface()
          && (returned == Connection.class || Statement.class.isAssignableFrom(returned))) {
        return proxyOf(returned, result, introducer);
      }
      return result;
    };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        handler));
  }

  @SuppressWarnings("unchecked")
  private static <T> Object proxyOf(Class<T> type, Object target, String introducer) {
    return proxy(type, (T) target, introducer);
  }

  /**
   * The SQL text with {@code introducer} removed where it stands right before a string literal,
   * outside literals and quoted identifiers (Calcite writes no comments).
   */
  static String plain(String sql, String introducer) {
    if (!sql.contains(introducer)) {
      return sql;
    }
    StringBuilder out = new StringBuilder(sql.length());
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int end = closing(sql, i, c);
        out.append(sql, i, end);
        i = end;
      } else if (sql.startsWith(introducer + "'", i)) {
        i += introducer.length();
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** The index after the quote that closes the one at {@code start} (a doubled quote escapes). */
  private static int closing(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }
}
