package io.pxweb.server;

import io.pxweb.server.protocol.Users;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SCRAM-SHA-256 with pgjdbc, users with passwords or stored verifiers, and the bind rule. */
class AuthenticationTest {
  @TempDir Path dir;

  private static Connection connect(PxWebServer server, String user, String password)
      throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    return DriverManager.getConnection(ServerFixture.pgUrl(server, ""), p);
  }

  @Test
  void scramAcceptsTheRightPasswordAndRefusesOthers() throws Exception {
    Path users = dir.resolve("users");
    Files.writeString(users, "# analysts\nalice:wonder land\nbob:"
        + Users.verifierText("builder") + "\n");
    try (PxWebServer server = ServerFixture.start("--users", users.toString())) {
      for (String[] login : new String[][] {{"alice", "wonder land"}, {"bob", "builder"}}) {
        try (Connection c = connect(server, login[0], login[1]);
             ResultSet rs = c.createStatement().executeQuery("SELECT current_user")) {
          assertTrue(rs.next());
          assertEquals(login[0], rs.getString(1));
        }
      }
      for (String[] login : new String[][] {{"alice", "wrong"}, {"mallory", "builder"}}) {
        SQLException e = assertThrows(SQLException.class, () -> connect(server, login[0],
            login[1]).close());
        assertEquals("28P01", e.getSQLState(), e.getMessage());
      }
    }
  }

  @Test
  void anAddressReachableFromOtherHostsRequiresUsers() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ServerOptions.parse(new String[] {"--bind", "0.0.0.0", "--url", "jdbc:pxweb:x"},
            Map.of(), null));
    assertTrue(e.getMessage().contains("authenticate"), e.getMessage());
    ServerOptions ok = assertDoesNotThrow(() -> ServerOptions.parse(
        new String[] {"--bind", "0.0.0.0", "--url", "jdbc:pxweb:x"},
        Map.of("PXWEB_SERVER_PASSWORD", "s3cret"), null));
    assertTrue(ok.users().get("pxweb") != null);
  }

  private static <T> T assertDoesNotThrow(org.junit.jupiter.api.function.ThrowingSupplier<T> s) {
    return org.junit.jupiter.api.Assertions.assertDoesNotThrow(s);
  }

  @Test
  void usersFileLimitsConnectionsAndStatementTimePerUser() throws Exception {
    Path users = dir.resolve("users");
    Files.writeString(users, "alice:wonder land connections=1 statement_timeout=1s\n"
        + "bob:builder\n");
    try (PxWebServer server = ServerFixture.start("--users", users.toString());
         Connection alice = connect(server, "alice", "wonder land");
         Connection bob = connect(server, "bob", "builder");
         Connection bob2 = connect(server, "bob", "builder")) {
      SQLException refused = assertThrows(SQLException.class,
          () -> connect(server, "alice", "wonder land").close());
      assertEquals("53300", refused.getSQLState(), refused.getMessage());
      try (java.sql.Statement s = alice.createStatement()) {
        try (ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
          assertTrue(rs.next());
          assertEquals("1000ms", rs.getString(1));
        }
        // A session cannot lift its user's limit.
        s.execute("SET statement_timeout = 0");
        SQLException timedOut = assertThrows(SQLException.class, () -> {
          try (ResultSet rs = s.executeQuery(ENDLESS)) {
            while (rs.next()) {
              // Reads until the limit stops the statement.
            }
          }
        });
        assertEquals("57014", timedOut.getSQLState(), timedOut.getMessage());
      }
      try (ResultSet rs = bob2.createStatement().executeQuery("SHOW statement_timeout")) {
        assertTrue(rs.next());
        assertEquals("0", rs.getString(1), "bob has no limit");
      }
      assertTrue(bob.isValid(5));
    }
  }

  @Test
  void malformedLimitsAreRefusedWithTheLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Users.parse("carol:pw connections=0", "users"));
    assertEquals("users line 1: connections=0: expected a positive number of connections",
        e.getMessage());
  }

  @Test
  void aUsersLineNotUnderstoodInFullStopsTheServerWithItsNumber() {
    // No line may make a user without a password, or with an option's text as the password.
    for (String[] bad : new String[][] {
        {"alice: connections=3", "1", "no password"},
        {"# ok\nalice:\tstatement_timeout=5s", "2", "no password"},
        {"alice:connections=3", "1", "is an option, not a password"},
        {"alice:statement_timeout=5s", "1", "is an option, not a password"},
        {"alice:", "1", "no password"},
        {"alice:pw colour=red", "1", "unknown option colour"},
        {"alice:pass word=1", "1", "unknown option word"},
        {"alice:pw connections=2 connections=3", "1", "given twice"},
        {"alice:pw tls=optional", "1", "tls=required"},
        {"al ice:pw", "1", "expected name:password"},
        {"alice:pw\nalice:other", "2", "already defined"},
        {"bob:SCRAM-SHA-256$4096:c2FsdA==$a2V5:a2V5", "1", "malformed SCRAM-SHA-256 verifier"},
        {"bob:SCRAM-SHA-256$x:c2FsdA==$a2V5:a2V5", "1", "malformed SCRAM-SHA-256 verifier"}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Users.parse(bad[0], "users"), bad[0]);
      assertTrue(e.getMessage().startsWith("users line " + bad[1] + ": ")
          && e.getMessage().contains(bad[2]), bad[0] + " -> " + e.getMessage());
    }
    Users users = Users.parse("alice:wonder land connections=2 statement_timeout=5s "
        + "tls=required\nbob:builder", "users");
    assertEquals(new Users.Limits(2, 5_000, true), users.limits("alice"));
    assertEquals(Users.Limits.DEFAULT, users.limits("bob"));
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> ServerOptions.parse(new String[] {"--url", "jdbc:pxweb:x"},
            Map.of("PXWEB_SERVER_PASSWORD", ""), null));
    assertTrue(empty.getMessage().contains("PXWEB_SERVER_PASSWORD line 1"), empty.getMessage());
  }

  /** A result too large to finish: it ends only when stopped. */
  private static final String ENDLESS = "SELECT a.*, b.\"REGION\" AS r2, c.\"REGION\" AS r3 "
      + "FROM \"TAB002\" a CROSS JOIN \"TAB001\" b CROSS JOIN \"TAB001\" c";

  @Test
  void perUserConnectionLimit() throws Exception {
    try (PxWebServer server = ServerFixture.start("--max-connections-per-user", "1");
         Connection first = ServerFixture.pg(server, "")) {
      SQLException e = assertThrows(SQLException.class,
          () -> ServerFixture.pg(server, "").close());
      assertEquals("53300", e.getSQLState());
      assertTrue(first.isValid(5));
    }
  }
}
