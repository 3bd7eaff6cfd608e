package io.pxweb.jdbc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.AttachPolicy;
import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection string cannot run code: {@code attach.*} is refused unless the host application
 * allowed the URL (H2's {@code INIT=RUNSCRIPT} would otherwise run a script that writes a file).
 */
class AttachPolicyTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  @AfterEach
  void withdraw() {
    AttachPolicy.clear();
    System.clearProperty(AttachPolicy.PROPERTY);
  }

  /** An H2 URL whose INIT runs a script that writes {@code marker}. */
  private static String evilUrl(Path dir, Path marker) throws Exception {
    Path script = dir.resolve("evil.sql");
    Files.writeString(script, "CALL CSVWRITE('" + marker.toString().replace("'", "''")
        + "', 'SELECT 1');\n");
    return "jdbc:h2:mem:evil;INIT=RUNSCRIPT FROM '" + script.toString().replace("'", "''") + "'";
  }

  private static SQLException refused(String attachUrl) {
    return assertThrows(SQLException.class, () -> DriverManager.getConnection(
        server.jdbcUrl() + ";attach.x.url={" + attachUrl + "}"));
  }

  @Test
  void attachIsOffUnlessTheHostAllowsIt(@TempDir Path dir) throws Exception {
    Path marker = dir.resolve("ran.csv");
    SQLException e = refused(evilUrl(dir, marker));
    assertEquals("42501", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("attach.x.url") && e.getMessage().contains(
        AttachPolicy.PROPERTY), e.getMessage());
    assertFalse(Files.exists(marker), "the script ran");
  }

  @Test
  void anAllowedUrlIsNoPrefixUnlessItSaysSo(@TempDir Path dir) throws Exception {
    Path marker = dir.resolve("ran.csv");
    // The host allows one database; a URL that extends it with settings is another URL.
    System.setProperty(AttachPolicy.PROPERTY, "jdbc:h2:mem:evil");
    SQLException e = refused(evilUrl(dir, marker));
    assertEquals("42501", e.getSQLState(), e.getMessage());
    AttachPolicy.allow("jdbc:postgresql://db.internal/*");
    assertEquals("42501", refused(evilUrl(dir, marker)).getSQLState());
    assertFalse(Files.exists(marker), "the script ran");
  }

  @Test
  void allowedUrlsAttach() throws SQLException {
    String h2 = "jdbc:h2:mem:policy;DB_CLOSE_DELAY=-1";
    try (Connection c = DriverManager.getConnection(h2)) {
      c.createStatement().execute("create table t (x int)");
      c.createStatement().execute("insert into t values (7)");
    }
    for (Runnable allowance : List.<Runnable>of(
        () -> System.setProperty(AttachPolicy.PROPERTY, "jdbc:postgresql:*, " + h2),
        () -> AttachPolicy.allow("JDBC:H2:MEM:POLICY*"))) {
      withdraw();
      allowance.run();
      try (Connection c = DriverManager.getConnection(
          server.jdbcUrl() + ";attach.p.url={" + h2 + "};attach.p.schema=PUBLIC")) {
        assertEquals(List.of(List.of(7)), Sql.rows(c, "select x from p.t"));
      }
    }
  }

  @Test
  void anAttachFailureShowsNoPassword() {
    String url = "jdbc:nosuchdb://db/x;password=hunter2";
    AttachPolicy.allow(url);
    Properties info = new Properties();
    info.setProperty("attach.crm.url", url);
    info.setProperty("attach.crm.password", "s3cret");
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection(server.jdbcUrl(), info));
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains("hunter2"), t.getMessage());
      assertFalse(String.valueOf(t.getMessage()).contains("s3cret"), t.getMessage());
    }
    assertTrue(e.getMessage().contains("crm"), e.getMessage());
    assertTrue(e.getSQLState() != null, e.getMessage());
  }
}
