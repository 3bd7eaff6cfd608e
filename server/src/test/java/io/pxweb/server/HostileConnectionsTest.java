package io.pxweb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.server.protocol.WireClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a client can do to the server without logging in, or with a session of its own: many idle
 * connections, bytes sent one at a time, lengths that lie, a full server. Run in a JVM of 256 MB
 * (the hostile execution of the pom), so an allocation that follows a claimed length fails.
 */
@Tag("hostile")
class HostileConnectionsTest {
  /** A statement that computes for a long time before its first row (a count over a product). */
  static final String LONG_COUNT = "SELECT count(*) FROM \"TAB002\" a CROSS JOIN \"TAB001\" b "
      + "CROSS JOIN \"TAB001\" c CROSS JOIN \"TAB001\" d";

  @TempDir Path dir;

  private static int threads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  @Test
  void idleAndRefusedConnectionsCostNoThread() throws Exception {
    try (PxWebServer server = ServerFixture.start("--max-connections", "5",
        "--login-timeout", "2s")) {
      Thread.sleep(500); // the watchdog's thread starts with its first tick
      int before = threads();
      List<Socket> idle = new ArrayList<>();
      try {
        for (int i = 0; i < 2_500; i++) {
          idle.add(new Socket("127.0.0.1", server.port()));
        }
        int during = threads();
        assertTrue(during - before <= 1, before + " threads before 2,500 idle connections, "
            + during + " with them");
        // The server keeps at most 64 of them waiting for a startup packet, each until its login
        // deadline, and refuses the others at once with 53300: no thread for any.
        int refused = 0;
        int dropped = 0;
        for (Socket s : idle) {
          s.setSoTimeout(10_000);
          int first = s.getInputStream().read();
          refused += first == 'E' ? 1 : 0;
          dropped += first == -1 ? 1 : 0;
        }
        assertEquals(2_500, refused + dropped);
        assertTrue(refused >= 2_000 && dropped >= 1, refused + " refused, " + dropped
            + " dropped at their deadline");
        assertTrue(threads() - before <= 1, threads() + " threads after, " + before + " before");
      } finally {
        for (Socket s : idle) {
          s.close();
        }
      }
      try (Connection c = ServerFixture.pg(server, "");
           ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
        assertTrue(rs.next(), "the server still serves once the idle connections are gone");
      }
    }
  }

  @Test
  void aClientSendingAByteAtATimeIsDroppedAtTheLoginDeadline() throws Exception {
    Path users = dir.resolve("users");
    Files.writeString(users, "pxweb:secret\n");
    for (boolean scram : new boolean[] {false, true}) {
      try (PxWebServer server = scram
          ? ServerFixture.start("--login-timeout", "2s", "--users", users.toString())
          : ServerFixture.start("--login-timeout", "2s");
           WireClient c = new WireClient(server.port())) {
        long start = System.nanoTime();
        byte[] slow = WireClient.startupPacket("pxweb");
        if (scram) {
          // The startup packet at once; the SASL response, on a session's thread, byte by byte.
          c.send(slow);
          assertEquals('R', c.read().type());
          byte[] body = "SCRAM-SHA-256\0\0\0\0\u0020n,,n=,r=abcdefghijklmnopqrstuvwx"
              .getBytes(StandardCharsets.UTF_8);
          slow = ByteBuffer.allocate(5 + body.length).put((byte) 'p').putInt(4 + body.length)
              .put(body).array();
        }
        int sent = trickle(c, slow);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(sent < slow.length, "all " + sent + " bytes were taken in " + seconds + " s");
        assertTrue(seconds >= 1.5 && seconds < 8, "dropped after " + seconds + " s, "
            + (scram ? "in authentication" : "before the startup packet"));
        assertEquals(0, waitForSessions(server, 0), "the slot is free again");
      }
    }
  }

  /** Sends a byte every 250 ms until the server closes the connection; returns how many went. */
  private static int trickle(WireClient c, byte[] bytes) throws IOException {
    c.socket.setSoTimeout(250);
    for (int i = 0; i < bytes.length; i++) {
      try {
        c.out.write(bytes[i]);
        c.out.flush();
        if (c.in.read() < 0) {
          return i + 1;
        }
      } catch (SocketTimeoutException stillOpen) {
        continue;
      } catch (SocketException closed) {
        return i;
      }
    }
    return bytes.length;
  }

  private static int waitForSessions(PxWebServer server, int n) throws InterruptedException {
    for (int i = 0; i < 300 && server.sessionCount() != n; i++) {
      Thread.sleep(100);
    }
    return server.sessionCount();
  }

  @Test
  void announcedLengthsAreNotAllocatedBeforeTheBytesArrive() throws Exception {
    try (PxWebServer server = ServerFixture.start()) {
      List<WireClient> liars = new ArrayList<>();
      try {
        // Twelve sessions announce a 64 MB query each (768 MB in all) and send 7 bytes.
        for (int i = 0; i < 12; i++) {
          WireClient c = new WireClient(server.port()).login("pxweb");
          c.out.writeByte('Q');
          c.out.writeInt(64 << 20);
          c.out.write("SELECT ".getBytes(StandardCharsets.US_ASCII));
          c.out.flush();
          liars.add(c);
        }
        try (Connection c = ServerFixture.pg(server, "");
             ResultSet rs = c.createStatement().executeQuery("SELECT 41 + 1")) {
          assertTrue(rs.next());
          assertEquals(42, rs.getInt(1));
        }
      } finally {
        for (WireClient c : liars) {
          c.close();
        }
      }
      assertEquals(0, waitForSessions(server, 0));
    }
  }

  @Test
  void aCancelRequestIsTakenWhenTheServerIsFull() throws Exception {
    try (PxWebServer server = ServerFixture.start("--max-connections", "1");
         Connection c = ServerFixture.pg(server, "");
         Statement s = c.createStatement()) {
      SQLException full = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> ServerFixture.pg(server, "").close());
      assertEquals("53300", full.getSQLState(), full.getMessage());
      CompletableFuture<SQLException> failure = CompletableFuture.supplyAsync(() -> {
        try (ResultSet rs = s.executeQuery(LONG_COUNT)) {
          return null;
        } catch (SQLException e) {
          return e;
        }
      });
      while (server.runningStatements() == 0 && !failure.isDone()) {
        Thread.sleep(10);
      }
      s.cancel(); // pgjdbc sends the CancelRequest on a connection of its own
      SQLException e = failure.get(60, TimeUnit.SECONDS);
      assertEquals("57014", e == null ? null : e.getSQLState());
    }
  }

  @Test
  void theWorkStopsWhenTheClientLeaves() throws Exception {
    try (PxWebServer server = ServerFixture.start()) {
      // Calcite's planning is not interruptible: plan the statement's shape once, so that the
      // statement below is executing (where a cancel stops it) when its client leaves.
      try (WireClient c = new WireClient(server.port()).login("pxweb")) {
        c.query("SET statement_timeout = '1s'; " + LONG_COUNT);
        assertEquals("57014", c.until('Z').field('C'));
      }
      assertEquals(0, waitForSessions(server, 0));
      try (WireClient c = new WireClient(server.port()).login("pxweb")) {
        c.query(LONG_COUNT);
        while (server.runningStatements() == 0) {
          Thread.sleep(10);
        }
      }
      assertEquals(0, waitForSessions(server, 0),
          "the session's thread ended after its client left");
    }
  }
}
