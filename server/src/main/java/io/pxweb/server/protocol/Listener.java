package io.pxweb.server.protocol;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Accepts PostgreSQL clients with a bounded number of threads, whatever arrives. One thread
 * accepts connections and reads their startup packets without blocking: connections refused by
 * the limits, CancelRequests and clients that have not said anything yet cost no thread. A
 * connection that asks for a session takes one of {@code maxConnections} slots, and a slot one
 * thread of a pool of at most that many. One watchdog thread ends logins past their deadline
 * (startup and authentication together, not per read) and stops statements past theirs.
 */
public final class Listener implements AutoCloseable {
  /** What the listener admits: the users, TLS, and the limits on connections and logins. */
  public record Config(InetSocketAddress address, Users users, Tls tls, boolean requireTls,
      int maxConnections, int maxConnectionsPerUser, long loginTimeoutMillis) {
  }

  static final int PROTOCOL_3_0 = 196608;
  static final int SSL_REQUEST = 80877103;
  static final int GSSENC_REQUEST = 80877104;
  static final int CANCEL_REQUEST = 80877102;
  private static final long TICK_MILLIS = 200;

  private final Config config;
  private final Backend backend;
  private final ServerSocketChannel server;
  private final Selector selector;
  private final Thread acceptor;
  private final ThreadPoolExecutor pool;
  private final ScheduledExecutorService watchdog;
  private final Map<Integer, Session> sessions = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> perUser = new ConcurrentHashMap<>();
  private final AtomicInteger slots = new AtomicInteger();
  private final SecureRandom random = new SecureRandom();
  private final AtomicInteger nextPid = new AtomicInteger(1000);
  /** Connections still before their startup packet; only the acceptor thread touches it. */
  private int waiting;
  private volatile boolean closed;

  public Listener(Config config, Backend backend) throws IOException {
    this(config, backend, daemons("pxweb-session-"));
  }

  /** With the threads sessions run on made by {@code sessionThreads} (tests make it fail). */
  Listener(Config config, Backend backend, ThreadFactory sessionThreads) throws IOException {
    this.config = config;
    this.backend = backend;
    selector = Selector.open();
    server = ServerSocketChannel.open();
    server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
    server.bind(config.address(), 128);
    server.configureBlocking(false);
    server.register(selector, SelectionKey.OP_ACCEPT);
    pool = new ThreadPoolExecutor(config.maxConnections(), config.maxConnections(), 30,
        TimeUnit.SECONDS, new LinkedBlockingQueue<>(), sessionThreads);
    pool.allowCoreThreadTimeOut(true);
    watchdog = Executors.newSingleThreadScheduledExecutor(daemons("pxweb-server-watchdog"));
    acceptor = new Thread(this::acceptLoop, "pxweb-server-accept");
    acceptor.setDaemon(true);
  }

  private static ThreadFactory daemons(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name.endsWith("-") ? name + n.incrementAndGet() : name);
      t.setDaemon(true);
      return t;
    };
  }

  public void start() {
    acceptor.start();
    watchdog.scheduleWithFixedDelay(this::watch, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Waits until the listener is closed. */
  public void join() throws InterruptedException {
    acceptor.join();
  }

  public int port() {
    return server.socket().getLocalPort();
  }

  /** How many client sessions are connected now, logged in or logging in. */
  public int sessionCount() {
    return sessions.size();
  }

  /** How many sessions are running a statement now (tests wait for one before cancelling). */
  public int runningStatements() {
    int n = 0;
    for (Session s : sessions.values()) {
      n += s.isRunning() ? 1 : 0;
    }
    return n;
  }

  /**
   * The most connections waiting for a startup packet: as PostgreSQL's postmaster, twice the
   * sessions. They cost a socket and at most 10,000 bytes each; more are refused at once.
   */
  private int maxWaiting() {
    return Math.max(64, 2 * config.maxConnections());
  }

  private void acceptLoop() {
    try {
      while (!closed) {
        try {
          step();
        } catch (ClosedSelectorException e) {
          return;
        } catch (Throwable e) {
          // The accept thread never dies: an OutOfMemoryError or a failed accept (no file
          // descriptors left) costs the connection at hand, and a short pause before the next.
          if (!closed) {
            pause();
          }
        }
      }
    } finally {
      for (SelectionKey key : selector.keys()) {
        if (key.attachment() instanceof Startup s) {
          drop(s);
        }
      }
      try {
        selector.close();
        server.close();
      } catch (IOException ignored) {
        // Closing anyway.
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void step() throws IOException {
    selector.select(TICK_MILLIS);
    List<Startup> handOver = new ArrayList<>();
    List<ByteBuffer> packets = new ArrayList<>();
    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
    while (keys.hasNext()) {
      SelectionKey key = keys.next();
      keys.remove();
      if (!key.isValid()) {
        continue;
      }
      if (key.isAcceptable()) {
        acceptAll();
      } else if (key.isReadable()) {
        Startup startup = (Startup) key.attachment();
        try {
          ByteBuffer packet = startup.read();
          if (packet != null && answer(startup, packet)) {
            handOver.add(startup);
            // After SSLRequest the startup packet comes inside TLS, read by the session.
            packets.add(packet.getInt(0) == SSL_REQUEST ? null : packet);
          }
        } catch (PgInput.ProtocolException e) {
          refuseWaiting(startup, "08P01", e.getMessage());
        } catch (IOException e) {
          dropWaiting(startup);
        }
      }
    }
    expire();
    if (!handOver.isEmpty()) {
      for (Startup s : handOver) {
        s.channel.keyFor(selector).cancel();
        waiting--;
      }
      selector.selectNow(); // deregisters them, so they can block
      for (int i = 0; i < handOver.size(); i++) {
        startSession(handOver.get(i), packets.get(i));
      }
    }
  }

  private void acceptAll() throws IOException {
    SocketChannel channel;
    while ((channel = server.accept()) != null) {
      channel.configureBlocking(false);
      Startup startup = new Startup(channel,
          System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.loginTimeoutMillis()));
      if (waiting >= maxWaiting()) {
        refuse(startup, "53300", "sorry, too many clients already");
        continue;
      }
      channel.register(selector, SelectionKey.OP_READ, startup);
      waiting++;
    }
  }

  /**
   * Answers a complete startup packet on the acceptor thread; true when the connection gets a
   * session (a slot is then taken for it).
   */
  private boolean answer(Startup startup, ByteBuffer packet) throws IOException {
    int code = packet.getInt(0);
    if (code == CANCEL_REQUEST) {
      if (packet.remaining() >= 12) {
        int pid = packet.getInt(4);
        int secret = packet.getInt(8);
        watchdog.execute(() -> cancel(pid, secret));
      }
      dropWaiting(startup);
      return false;
    }
    if (code == GSSENC_REQUEST || code == SSL_REQUEST && config.tls() == null) {
      startup.send(new byte[] {'N'});
      return false;
    }
    if (code == SSL_REQUEST) {
      if (!takeSlot()) {
        // No TLS to spend on a refusal: the client hears why on its next packet.
        startup.send(new byte[] {'N'});
        return false;
      }
      try {
        startup.send(new byte[] {'S'});
      } catch (IOException e) {
        slots.decrementAndGet();
        throw e;
      }
      return true;
    }
    if (code >> 16 != 3) {
      refuseWaiting(startup, "0A000", "unsupported frontend protocol " + (code >> 16) + "."
          + (code & 0xffff) + ": server supports 3.0");
      return false;
    }
    if (config.requireTls()) {
      refuseWaiting(startup, "28000", "this server accepts only connections encrypted with TLS "
          + "(SSL): connect with sslmode=require");
      return false;
    }
    if (!takeSlot()) {
      refuseWaiting(startup, "53300", "sorry, too many clients already");
      return false;
    }
    return true;
  }

  private boolean takeSlot() {
    if (slots.incrementAndGet() > config.maxConnections()) {
      slots.decrementAndGet();
      return false;
    }
    return true;
  }

  /** Runs a session on a pool thread; when no thread can be had, the client is told so. */
  private void startSession(Startup startup, ByteBuffer packet) {
    int pid = nextPid.incrementAndGet();
    Session session;
    try {
      startup.channel.configureBlocking(true);
      session = new Session(this, backend, startup.channel, pid, random.nextInt(),
          startup.deadline, packet);
    } catch (IOException | RuntimeException e) {
      slots.decrementAndGet();
      drop(startup);
      return;
    }
    sessions.put(pid, session);
    try {
      pool.execute(session);
    } catch (Throwable e) {
      // OutOfMemoryError "unable to create native thread" under a process limit, or a pool shut
      // down: the connection is refused, the server goes on.
      sessions.remove(pid);
      slots.decrementAndGet();
      refuse(startup, "53000", "the server cannot start a session now: out of threads");
    }
  }

  private void expire() {
    long now = System.nanoTime();
    for (SelectionKey key : selector.keys()) {
      if (key.attachment() instanceof Startup s && now - s.deadline > 0) {
        dropWaiting(s);
      }
    }
  }

  private void refuseWaiting(Startup startup, String state, String message) {
    waiting--;
    refuse(startup, state, message);
  }

  private void dropWaiting(Startup startup) {
    waiting--;
    drop(startup);
  }

  private static void refuse(Startup startup, String state, String message) {
    try {
      startup.send(PgOutput.error("FATAL", state, message));
    } catch (IOException | RuntimeException e) {
      // The client is gone; it is closed below anyway.
    }
    drop(startup);
  }

  private static void drop(Startup startup) {
    try {
      startup.channel.close();
    } catch (IOException e) {
      // Closing anyway.
    }
  }

  /** The watchdog's tick: login deadlines, statement deadlines, clients gone. */
  private void watch() {
    long now = System.nanoTime();
    for (Session s : sessions.values()) {
      try {
        s.watch(now);
      } catch (RuntimeException e) {
        // One session's trouble must not stop the watchdog for the others.
      }
    }
  }

  Users users() {
    return config.users();
  }

  Tls tls() {
    return config.tls();
  }

  /** Counts a logged-in session against its user's limit; false when the user is at the limit. */
  boolean admit(String user) {
    AtomicInteger n = perUser.computeIfAbsent(user, u -> new AtomicInteger());
    int own = limits(user).connections();
    if (n.incrementAndGet() > (own > 0 ? own : config.maxConnectionsPerUser())) {
      n.decrementAndGet();
      return false;
    }
    return true;
  }

  /** The user's limits from the users file (defaults without one). */
  Users.Limits limits(String user) {
    return config.users() == null ? Users.Limits.DEFAULT : config.users().limits(user);
  }

  void cancel(int pid, int secret) {
    Session s = sessions.get(pid);
    if (s != null && s.secret == secret) {
      s.cancel();
    }
  }

  /** A session's thread is done with it: its slot and its user's count are free again. */
  void ended(Session session, String user) {
    if (sessions.remove(session.pid) != null) {
      slots.decrementAndGet();
    }
    if (user != null) {
      AtomicInteger n = perUser.get(user);
      if (n != null) {
        n.decrementAndGet();
      }
    }
  }

  @Override public void close() {
    closed = true;
    selector.wakeup(); // the acceptor closes the selector, the waiting connections and the port
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!acceptor.isAlive()) {
      try {
        server.close();
      } catch (IOException ignored) {
        // Already closed.
      }
    }
    for (Session s : sessions.values()) {
      s.kill();
    }
    pool.shutdownNow();
    watchdog.shutdownNow();
  }
}
