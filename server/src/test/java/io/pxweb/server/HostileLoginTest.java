package io.pxweb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.server.protocol.WireClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** SCRAM at the byte level: what it tells a stranger, and what it does with broken messages. */
@Tag("hostile")
class HostileLoginTest {
  private static PxWebServer server;
  private static Path users;

  @BeforeAll
  static void start() throws Exception {
    users = Files.createTempFile("users", "");
    Files.writeString(users, "alice:wonder land\n");
    server = ServerFixture.start("--users", users.toString());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    Files.delete(users);
  }

  /** A SASLInitialResponse for SCRAM-SHA-256 carrying {@code clientFirst}. */
  private static byte[] initialResponse(String clientFirst) {
    byte[] data = clientFirst.getBytes(StandardCharsets.UTF_8);
    byte[] mechanism = "SCRAM-SHA-256\0".getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(mechanism.length + 4 + data.length).put(mechanism)
        .putInt(data.length).put(data).array();
  }

  /** The salt and iteration count the server offers the user, as server-first-message says. */
  private static String saltFor(String user) throws Exception {
    try (WireClient c = new WireClient(server.port())) {
      c.send(WireClient.startupPacket(user));
      assertEquals('R', c.read().type()); // AuthenticationSASL
      c.send('p', initialResponse("n,,n=,r=clientnonce123"));
      WireClient.Message first = c.read();
      assertEquals('R', first.type(), first.text());
      String text = new String(first.body(), 4, first.body().length - 4, StandardCharsets.UTF_8);
      return text.substring(text.indexOf(",s=") + 1);
    }
  }

  @Test
  void anUnknownNameGetsTheSameSaltOnEveryAttempt() throws Exception {
    String alice = saltFor("alice");
    String mallory = saltFor("mallory");
    assertEquals(alice, saltFor("alice"));
    assertEquals(mallory, saltFor("mallory"), "a new salt per attempt would tell mallory apart");
    assertNotEquals(mallory, saltFor("trudy"));
    assertTrue(alice.endsWith(",i=4096") && mallory.endsWith(",i=4096"), alice + " " + mallory);
  }

  @Test
  void everyMalformedSaslMessageGetsAnErrorResponse() throws Exception {
    byte[][] broken = {
        "SCRAM-SHA-256\0".getBytes(StandardCharsets.UTF_8), // cut after the mechanism name
        "SCRAM-SHA-256".getBytes(StandardCharsets.UTF_8), // not even terminated
        "SCRAM-SHA-1\0\0\0\0\0".getBytes(StandardCharsets.UTF_8),
        ByteBuffer.allocate(18).put("SCRAM-SHA-256\0".getBytes(StandardCharsets.UTF_8))
            .putInt(1_000).array(), // a length beyond the message
        initialResponse("x,,n=,r=abc"),
        initialResponse("n,,n=")};
    for (byte[] body : broken) {
      try (WireClient c = new WireClient(server.port())) {
        c.send(WireClient.startupPacket("alice"));
        assertEquals('R', c.read().type());
        c.send('p', body);
        WireClient.Message m = c.read();
        assertEquals('E', m.type(), new String(body, StandardCharsets.UTF_8));
        assertEquals("08P01", m.field('C'), m.field('M'));
        assertTrue(c.closedByServer());
      }
    }
  }

  @Test
  void aBrokenFinalMessageGetsAnErrorResponseToo() throws Exception {
    for (String last : new String[] {"c=biws,r=x", "c=biws,r=x,p=!!notbase64!!"}) {
      try (WireClient c = new WireClient(server.port())) {
        c.send(WireClient.startupPacket("alice"));
        assertEquals('R', c.read().type());
        c.send('p', initialResponse("n,,n=,r=clientnonce123"));
        assertEquals('R', c.read().type());
        c.send('p', last.getBytes(StandardCharsets.UTF_8));
        WireClient.Message m = c.read();
        assertEquals('E', m.type());
        assertEquals("08P01", m.field('C'), m.field('M'));
      }
    }
  }
}
