package io.pxweb.server;

import io.pxweb.server.protocol.PgInput;
import io.pxweb.server.protocol.PgOutput;
import io.pxweb.server.protocol.Server;
import io.pxweb.server.protocol.Session;
import io.pxweb.server.protocol.Tls;
import io.pxweb.server.protocol.Users;
import io.pxweb.jdbc.PxWebDriver;
import io.pxweb.server.catalog.CatalogData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * pxweb-server: listens for PostgreSQL clients and runs one {@link Session} thread per
 * connection, each over its own driver connection to the same URL. Usable from
 * {@code java -jar pxweb-server.jar} and, in tests, in-process on an ephemeral port.
 */
public final class PxWebServer implements AutoCloseable, Server {
  private final ServerOptions options;
  private final ServerSocket listener;
  private final Tls tls;
  private final PxWebDriver driver = new PxWebDriver();
  private final Map<Integer, Session> sessions = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> perUser = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final AtomicInteger nextPid = new AtomicInteger(1000);
  private final CatalogData.Oids oids = new CatalogData.Oids();
  private final Thread acceptor;
  private volatile boolean closed;

  private PxWebServer(ServerOptions options) throws IOException {
    this.options = options;
    try {
      this.tls = options.tlsCert() == null ? null : Tls.load(options.tlsCert(), options.tlsKey());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load the TLS key and certificate: " + e.getMessage(), e);
    }
    listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(new InetSocketAddress(options.bind(), options.port()), 128);
    acceptor = new Thread(this::accept, "pxweb-server-accept");
    acceptor.setDaemon(true);
  }

  /** Starts a server; {@code --port 0} picks a free port (see {@link #port}). */
  public static PxWebServer start(String... args) throws IOException {
    ServerOptions options = ServerOptions.parse(args, System.getenv(),
        System.getProperty("pxweb.server.url"));
    PxWebServer server = new PxWebServer(options);
    server.acceptor.start();
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
          : "SCRAM-SHA-256") + (server.tls != null ? ", TLS" : "") + "); connect with: psql -h "
          + server.options.bind().getHostAddress() + " -p " + server.port() + " -U pxweb statbank");
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
      server.acceptor.join();
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
    return listener.getLocalPort();
  }

  /** How many client sessions are connected now. */
  public int sessionCount() {
    return sessions.size();
  }

  /** How many sessions are running a statement now (tests wait for one before cancelling). */
  int runningStatements() {
    int n = 0;
    for (Session s : sessions.values()) {
      n += s.isRunning() ? 1 : 0;
    }
    return n;
  }

  private void accept() {
    while (!closed) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      if (sessions.size() >= options.maxConnections()) {
        Thread t = new Thread(() -> refuse(socket), "pxweb-server-refuse");
        t.setDaemon(true);
        t.start();
        continue;
      }
      int pid = nextPid.incrementAndGet();
      Session session = new Session(this, socket, pid, random.nextInt());
      sessions.put(pid, session);
      Thread thread = new Thread(session, "pxweb-session-" + pid);
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** Tells a client over the connection limit why, after reading its startup packet. */
  private static void refuse(Socket socket) {
    try (socket) {
      socket.setSoTimeout(10_000);
      PgInput in = new PgInput(socket.getInputStream());
      PgOutput out = new PgOutput(socket.getOutputStream());
      int code = in.startupPacket().getInt();
      if (code == 80877103 || code == 80877104) {
        out.raw('N');
        out.flush();
      }
      out.begin('E').byte1('S').cstring("FATAL").byte1('V').cstring("FATAL").byte1('C')
          .cstring("53300").byte1('M').cstring("sorry, too many clients already").byte1(0).end();
      out.flush();
    } catch (IOException ignored) {
      // The client is gone.
    }
  }

  @Override public Users users() {
    return options.users();
  }

  @Override public Tls tls() {
    return tls;
  }

  /** Counts a session against its user's limit; false when the user is at the limit. */
  @Override public boolean admit(String user) {
    AtomicInteger n = perUser.computeIfAbsent(user, u -> new AtomicInteger());
    int own = limits(user).connections();
    if (n.incrementAndGet() > (own > 0 ? own : options.maxConnectionsPerUser())) {
      n.decrementAndGet();
      return false;
    }
    return true;
  }

  /** The user's limits from the users file (defaults without one). */
  @Override public Users.Limits limits(String user) {
    return options.users() == null ? Users.Limits.DEFAULT : options.users().limits(user);
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

  @Override public void cancel(int pid, int secret) {
    Session s = sessions.get(pid);
    if (s != null && s.secret == secret) {
      s.cancel();
    }
  }

  @Override public void ended(Session session, String user) {
    sessions.remove(session.pid);
    if (user != null) {
      AtomicInteger n = perUser.get(user);
      if (n != null) {
        n.decrementAndGet();
      }
    }
  }

  @Override public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // Already closed.
    }
    for (Session s : sessions.values()) {
      s.kill();
    }
  }
}
