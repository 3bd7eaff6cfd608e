package io.pxweb.server;

import io.pxweb.jdbc.PxWebDriver;
import io.pxweb.server.catalog.CatalogData;
import io.pxweb.server.protocol.Backend;
import io.pxweb.server.protocol.Listener;
import io.pxweb.server.protocol.Tls;
import io.pxweb.server.protocol.Users;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * pxweb-server: listens for PostgreSQL clients (see {@link Listener}) and gives each session its
 * own driver connection to the same URL. Usable from {@code java -jar pxweb-server.jar} and, in
 * tests, in-process on an ephemeral port.
 */
public final class PxWebServer implements AutoCloseable, Backend {
  private final ServerOptions options;
  private final Tls tls;
  private final Listener listener;
  private final PxWebDriver driver = new PxWebDriver();
  private final CatalogData.Oids oids = new CatalogData.Oids();
  private final ClientRedaction redaction;

  private PxWebServer(ServerOptions options) throws IOException {
    this.options = options;
    this.redaction = new ClientRedaction(options.url());
    try {
      this.tls = options.tlsCert() == null ? null : Tls.load(options.tlsCert(), options.tlsKey());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load the TLS key and certificate: " + e.getMessage(), e);
    }
    listener = new Listener(new Listener.Config(
        new InetSocketAddress(options.bind(), options.port()), options.users(), tls,
        options.requireTls(), options.maxConnections(), options.maxConnectionsPerUser(),
        options.loginTimeoutMillis()), this);
  }

  /** Starts a server; {@code --port 0} picks a free port (see {@link #port}). */
  public static PxWebServer start(String... args) throws IOException {
    ServerOptions options = ServerOptions.parse(args, System.getenv(),
        System.getProperty("pxweb.server.url"));
    PxWebServer server = new PxWebServer(options);
    server.listener.start();
    return server;
  }

  public static void main(String[] args) {
    try {
      if (args.length == 2 && args[0].equals("--print-verifier")) {
        System.out.println(Users.verifierText(args[1]));
        return;
      }
      PxWebServer server = start(args);
      System.err.println("pxweb-server: listening on " + server.options.bind().getHostAddress()
          + ":" + server.port() + " (" + (server.options.users() == null ? "no password, loopback"
          : "SCRAM-SHA-256") + (server.tls != null ? server.options.requireTls()
          ? ", TLS required" : ", TLS" : "") + "); connect with: psql -h "
          + server.options.bind().getHostAddress() + " -p " + server.port() + " -U pxweb statbank");
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
      server.listener.join();
    } catch (IllegalArgumentException e) {
      System.err.println("pxweb-server: " + e.getMessage());
      System.exit(2);
    } catch (IOException e) {
      System.err.println("pxweb-server: " + e.getMessage());
      System.exit(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public int port() {
    return listener.port();
  }

  /** How many client sessions are connected now, logged in or logging in. */
  public int sessionCount() {
    return listener.sessionCount();
  }

  /** How many sessions are running a statement now (tests wait for one before cancelling). */
  int runningStatements() {
    return listener.runningStatements();
  }

  @Override public Connection openConnection() throws SQLException {
    Properties info = new Properties();
    // PostgreSQL's functions and operators (::, ILIKE, date_trunc, string_agg...) for clients.
    info.setProperty("fun", "postgresql");
    return driver.connect(options.url(), info);
  }

  @Override public CatalogData.Oids oids() {
    return oids;
  }

  @Override public String forClient(String message) {
    return redaction.apply(message);
  }

  @Override public void close() {
    listener.close();
  }
}
