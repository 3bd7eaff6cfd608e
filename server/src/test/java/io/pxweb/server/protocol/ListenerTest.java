package io.pxweb.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.PxWebDriver;
import io.pxweb.server.catalog.CatalogData;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Properties;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The listener when the process cannot have another thread (systemd's TasksMax, ulimit -u). */
@Tag("hostile")
class ListenerTest {
  /** The sample database, as pxweb-server opens it for each session. */
  private static final Backend SAMPLE = new Backend() {
    private final CatalogData.Oids oids = new CatalogData.Oids();

    @Override public Connection openConnection() throws java.sql.SQLException {
      Properties info = new Properties();
      info.setProperty("fun", "postgresql");
      return new PxWebDriver().connect("jdbc:pxweb:file:"
          + Path.of("..", "samples", "db").toAbsolutePath().normalize(), info);
    }

    @Override public CatalogData.Oids oids() {
      return oids;
    }

    @Override public String forClient(String message) {
      return message;
    }
  };

  @Test
  void aThreadThatCannotBeCreatedCostsOneClientNotTheServer() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ThreadFactory failingFirst = r -> {
      if (calls.getAndIncrement() == 0) {
        throw new OutOfMemoryError("unable to create native thread: possibly out of memory or "
            + "process/resource limits reached");
      }
      Thread t = new Thread(r, "test-session");
      t.setDaemon(true);
      return t;
    };
    Listener.Config config = new Listener.Config(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, null, false, 2, 2,
        10_000);
    try (Listener listener = new Listener(config, SAMPLE, failingFirst)) {
      listener.start();
      try (WireClient c = new WireClient(listener.port())) {
        c.send(WireClient.startupPacket("pxweb"));
        WireClient.Message m = c.read();
        assertEquals('E', m.type());
        assertEquals("53000", m.field('C'), m.field('M'));
        assertTrue(c.closedByServer());
      }
      assertEquals(0, listener.sessionCount(), "the slot was given back");
      try (WireClient c = new WireClient(listener.port()).login("pxweb")) {
        c.query("SELECT 6 * 7");
        WireClient.Message row = c.until('D');
        assertEquals('D', row.type(), row.text());
        assertTrue(row.text().contains("42"), row.text());
      }
    }
  }
}
