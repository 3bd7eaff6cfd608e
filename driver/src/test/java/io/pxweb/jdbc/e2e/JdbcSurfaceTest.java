package io.pxweb.jdbc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.math.BigDecimal;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JDBC surface of a read-only JDBC 4.2 driver: transactions that clients such as Spark
 * drive, {@code java.time} in both directions, and unsupported features as
 * SQLFeatureNotSupportedException with 0A000.
 */
class JdbcSurfaceTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  @RegisterExtension
  static ServerConnections db = new ServerConnections(server);

  @Test
  void transactionsAreHarmlessForAReadOnlyDriver() throws SQLException {
    assertTrue(db.driver().getAutoCommit());
    assertTrue(db.driver().isReadOnly());
    assertEquals(db.driver().isReadOnly(), db.driver().getMetaData().isReadOnly());
    // What Spark's JDBC source and connection pools do with every connection.
    db.driver().setAutoCommit(false);
    db.driver().commit();
    db.driver().rollback();
    db.driver().setReadOnly(true);
    db.driver().setAutoCommit(true);
    assertTrue(db.driver().getAutoCommit());
    db.driver().setClientInfo("ApplicationName", "a pool");
    db.driver().setClientInfo(new java.util.Properties());
    assertEquals(1, Sql.rows(db.driver(), "select 1 from \"TAB001\" limit 1").size());
  }

  @Test
  void unsupportedFeaturesSayWhichWithState0A000() throws SQLException {
    List<org.junit.jupiter.api.function.Executable> calls = List.of(
        db.driver()::setSavepoint,
        () -> db.driver().prepareCall("call x()"),
        db.driver()::createBlob,
        () -> db.driver().nativeSQL("select 1"),
        () -> {
          try (Statement s = db.driver().createStatement()) {
            s.getGeneratedKeys();
          }
        },
        () -> {
          try (Statement s = db.driver().createStatement();
               ResultSet rs = s.executeQuery("select REGION from \"TAB001\" limit 1")) {
            rs.next();
            rs.updateString(1, "x");
          }
        });
    for (org.junit.jupiter.api.function.Executable call : calls) {
      SQLFeatureNotSupportedException e =
          assertThrows(SQLFeatureNotSupportedException.class, call);
      assertEquals("0A000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().endsWith("is not supported by pxweb-jdbc"), e.getMessage());
    }
  }

  /**
   * LibreOffice Base turns escape processing off on every statement whose SQL it parsed itself
   * (it logged 20 refusals opening two tables); on or off, the statement runs the same.
   */
  @Test
  void escapeProcessingCanBeTurnedOffOrOn() throws SQLException {
    String sql = "select REGION from \"TAB001\" where REGION = 'NO' and SEX = 'F'"
        + " and AGE = 'TOTAL' and \"TIME\" = '2001'";
    try (Statement s = db.driver().createStatement();
         PreparedStatement p = db.driver().prepareStatement(sql)) {
      s.setEscapeProcessing(false);
      p.setEscapeProcessing(false);
      assertEquals(List.of(List.of("NO")), Sql.rows(s.executeQuery(sql)));
      assertEquals(List.of(List.of("NO")), Sql.rows(p.executeQuery()));
      s.setEscapeProcessing(true);
      assertEquals(List.of(List.of("NO")), Sql.rows(s.executeQuery(sql)));
      s.close();
      assertEquals("HY010", assertThrows(SQLException.class,
          () -> s.setEscapeProcessing(false)).getSQLState());
    }
  }

  private static final String ONE_CELL = "select \"TIME_date\", HNMGA, REGION from \"TAB001\""
      + " where REGION = 'NO' and SEX = 'F' and AGE = 'TOTAL' and \"TIME\" = '2001'";

  @Test
  void getObjectReadsJavaTimeAndTheUsualClasses() throws SQLException {
    BigDecimal value = server.table("TAB001").cell("NO", "F", "TOTAL", "HNMGA", "2001").value();
    try (Statement s = db.driver().createStatement(); ResultSet rs = s.executeQuery(ONE_CELL)) {
      assertTrue(rs.next());
      LocalDate day = LocalDate.of(2001, 1, 1);
      assertEquals(day, rs.getObject(1, LocalDate.class));
      assertEquals(day, rs.getObject("TIME_date", LocalDate.class));
      assertEquals(day.atStartOfDay(), rs.getObject(1, LocalDateTime.class));
      assertEquals(day.atStartOfDay().atOffset(ZoneOffset.UTC),
          rs.getObject(1, OffsetDateTime.class));
      assertEquals(day.atStartOfDay().toInstant(ZoneOffset.UTC), rs.getObject(1, Instant.class));
      assertEquals(java.sql.Date.valueOf(day), rs.getObject(1, java.sql.Date.class));
      assertEquals(0, value.compareTo(rs.getObject(2, BigDecimal.class)));
      assertEquals(value.longValue(), rs.getObject(2, Long.class));
      assertEquals(value.doubleValue(), rs.getObject(2, Double.class));
      assertEquals("NO", rs.getObject(3, String.class));
      assertEquals("NO", rs.getObject("REGION", String.class));
      assertEquals("2001-01-01", rs.getObject(1, String.class));
      SQLException e = assertThrows(SQLException.class, () -> rs.getObject(3, Integer.class));
      assertEquals("22018", e.getSQLState(), e.getMessage());
    }
  }

  @Test
  void getObjectOfNullIsNullForEveryClass() throws SQLException {
    try (Statement s = db.driver().createStatement(); ResultSet rs = s.executeQuery(
        "select cast(null as date), cast(null as decimal(5, 1)) from \"TAB001\" limit 1")) {
      assertTrue(rs.next());
      assertNull(rs.getObject(1, LocalDate.class));
      assertNull(rs.getObject(1, OffsetDateTime.class));
      assertNull(rs.getObject(2, Long.class));
      assertNull(rs.getObject(2, BigDecimal.class));
    }
  }

  @Test
  void setObjectBindsJavaTimeInEveryForm() throws SQLException {
    long expected = server.table("TAB001").valueCodes("SEX").size()
        * (long) server.table("TAB001").valueCodes("AGE").size();
    Object[] values = {LocalDate.of(2001, 1, 1), LocalDateTime.of(2001, 1, 1, 0, 0),
        OffsetDateTime.of(2001, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
        Instant.parse("2001-01-01T00:00:00Z"), java.sql.Date.valueOf("2001-01-01")};
    try (PreparedStatement ps = db.driver().prepareStatement("select count(*) from \"TAB001\""
        + " where \"TIME_date\" = ? and REGION = ?")) {
      ps.setString(2, "NO");
      for (Object v : values) {
        ps.setObject(1, v);
        assertEquals(expected, count(ps), "setObject(" + v.getClass().getSimpleName() + ")");
        ps.setObject(1, v, Types.DATE);
        assertEquals(expected, count(ps), "setObject(" + v + ", Types.DATE)");
        ps.setObject(1, v, JDBCType.DATE);
        assertEquals(expected, count(ps), "setObject(" + v + ", JDBCType.DATE)");
      }
      ps.setObject(1, LocalDate.of(1900, 1, 1));
      assertEquals(0, count(ps));
    }
    try (PreparedStatement ps = db.driver().prepareStatement("select count(*) from \"TAB001\""
        + " where REGION = ?")) {
      ps.setObject(1, "NO", JDBCType.VARCHAR);
      assertEquals(expected * server.table("TAB001").valueCodes("TIME").size(), count(ps));
    }
  }

  @Test
  void textParametersAreReadByTheTypeTheyMeet() throws SQLException {
    try (PreparedStatement ps = db.driver().prepareStatement("select count(*) from \"TAB001\""
        + " where \"TIME_date\" = ? and HNMGA >= ? and REGION = 'NO'")) {
      ps.setString(1, "2001-01-01");
      ps.setString(2, "0");
      long viaText = count(ps);
      ps.setObject(1, LocalDate.of(2001, 1, 1));
      ps.setBigDecimal(2, BigDecimal.ZERO);
      assertEquals(count(ps), viaText);
      assertTrue(viaText > 0);
      ps.setObject(1, "2001-01-01");
      assertEquals(viaText, count(ps));
    }
  }

  private static long count(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
