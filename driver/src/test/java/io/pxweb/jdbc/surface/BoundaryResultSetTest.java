package io.pxweb.jdbc.surface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The hand-written result set boundary: every {@code ResultSet} method passes to the target
 * and leaves failures classified, naming the method that failed, as the reflective boundary
 * did for every other JDBC object.
 */
class BoundaryResultSetTest {
  /** A result set whose every call fails as Avatica fails an unsupported one. */
  private static final ResultSet FAILING = (ResultSet) Proxy.newProxyInstance(
      BoundaryResultSetTest.class.getClassLoader(), new Class<?>[] {ResultSet.class},
      (proxy, method, args) -> {
        throw new UnsupportedOperationException();
      });

  @Test
  void everyMethodClassifiesItsFailureAndNamesItself() throws Exception {
    BoundaryResultSet rs = new BoundaryResultSet(FAILING, null, null);
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Method m : ResultSet.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || m.getName().equals("getStatement")) {
        continue;
      }
      Object[] args = new Object[m.getParameterCount()];
      Class<?>[] types = m.getParameterTypes();
      for (int i = 0; i < args.length; i++) {
        args[i] = types[i] == int.class ? 1 : types[i] == long.class ? 1L
            : types[i] == boolean.class ? true : types[i] == byte.class ? (byte) 1
            : types[i] == short.class ? (short) 1 : types[i] == float.class ? 1f
            : types[i] == double.class ? 1d : types[i] == String.class ? "A"
            : types[i] == Class.class ? Integer.class : null;
      }
      try {
        m.invoke(rs, args);
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
    assertTrue(checked > 180, "ResultSet has about 190 methods: " + checked);
    assertEquals(List.of(), wrong);
  }

  @Test
  void datesAreAvaticasForEveryRow() throws SQLException {
    String url = "jdbc:pxweb:file:" + java.nio.file.Path.of("../samples/db").toAbsolutePath();
    try (Connection c = DriverManager.getConnection(url, new Properties());
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select \"TIME_date\", \"TIME\" from \"TAB004\"")) {
      int rows = 0;
      while (rs.next()) {
        Object cached = rs.getObject(1);
        // getDate is Avatica's own conversion, row by row; the cached answer must equal it.
        assertEquals(rs.getDate(1), cached);
        if (cached != null) {
          // A caller that changes its Date (the class is mutable) changes no later row's.
          Object again = rs.getObject(1);
          ((java.sql.Date) cached).setTime(0);
          assertEquals(rs.getDate(1), again);
          assertEquals(((java.sql.Date) again).toLocalDate().getYear(),
              Integer.parseInt(rs.getString(2).substring(0, 4)));
        }
        rows++;
      }
      assertTrue(rows > 300, "rows: " + rows);
    }
  }

  @Test
  void aStatementsResultSetKeepsTheBoundaryAndItsStatement() throws SQLException {
    String url = "jdbc:pxweb:file:" + java.nio.file.Path.of("../samples/db").toAbsolutePath();
    try (Connection c = DriverManager.getConnection(url, new Properties());
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select \"SECTOR\" from \"TAB004\" limit 1")) {
      assertTrue(rs instanceof BoundaryResultSet, rs.getClass().getName());
      assertSame(s, rs.getStatement());
      assertSame(c, rs.getStatement().getConnection());
      assertSame(rs, rs.unwrap(ResultSet.class));
      assertTrue(rs.next());
      assertNotNull(rs.getObject(1, String.class));
      try {
        rs.getInt(99);
        fail("column 99 does not exist");
      } catch (SQLException e) {
        assertEquals("22023", e.getSQLState(), e.getMessage());
      }
    }
    try (Connection c = DriverManager.getConnection(url, new Properties());
         ResultSet tables = c.getMetaData().getTables(null, null, "TAB004", null)) {
      assertTrue(tables instanceof BoundaryResultSet);
      assertNull(tables.getStatement(), "metadata has no statement of the user's");
      assertTrue(tables.next());
    }
  }
}
