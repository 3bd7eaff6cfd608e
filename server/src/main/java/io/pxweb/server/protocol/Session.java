package io.pxweb.server.protocol;

import io.pxweb.server.sql.SqlSession;
import io.pxweb.server.sql.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;

/**
 * One client connection after its startup packet: TLS when asked, authentication, then the simple
 * and extended query protocols over the session's own driver connection. Runs on a thread of the
 * listener's pool; each message's work runs under the {@link WorkGuard}'s time limit.
 */
final class Session implements Runnable {
  private final Listener listener;
  private final Backend backend;
  private final SocketChannel channel;
  /** The connection the protocol runs over: the channel's socket, or TLS over it. */
  private volatile Socket socket;
  final int pid;
  final int secret;
  /** System.nanoTime() by which the client must be logged in, or it loses the connection. */
  private final long loginDeadline;
  /** The startup packet the listener read; null when the client asked for TLS first. */
  private ByteBuffer startupPacket;
  private volatile boolean loggedIn;
  private final WorkGuard guard = new WorkGuard();
  private PgInput in;
  private PgOutput out;
  /** The query side of the session (io.pxweb.server.sql), once the client has logged in. */
  private SqlSession queries;
  private String admittedUser;

  Session(Listener listener, Backend backend, SocketChannel channel, int pid, int secret,
      long loginDeadline, ByteBuffer startupPacket) {
    this.listener = listener;
    this.backend = backend;
    this.channel = channel;
    this.socket = channel.socket();
    this.pid = pid;
    this.secret = secret;
    this.loginDeadline = loginDeadline;
    this.startupPacket = startupPacket;
  }

  @Override public void run() {
    // Not try-with-resources: its socket would be closed before the catch clauses could send
    // the client its error.
    try {
      socket.setTcpNoDelay(true);
      if (startupPacket == null) {
        // The listener answered SSLRequest with S: the handshake, then the startup packet.
        socket = listener.tls().wrap(socket);
      }
      in = new PgInput(socket.getInputStream());
      out = new PgOutput(guard.guard(socket.getOutputStream()));
      if (startup()) {
        loop();
      }
    } catch (PgInput.ProtocolException e) {
      tryError("08P01", e.getMessage());
    } catch (IOException e) {
      // The client went away (or its login deadline passed); nothing to tell it.
    } catch (SQLException e) {
      tryError(sqlState(e), e.getMessage());
    } catch (RuntimeException e) {
      // A malformed message the parsing above did not foresee: still the client's error.
      tryError("08P01", "invalid message (" + e.getClass().getSimpleName() + ")");
    } finally {
      closeAll();
      try {
        socket.close();
      } catch (IOException ignored) {
        // Already closed.
      }
      listener.ended(this, admittedUser);
    }
  }

  /**
   * The startup packet (read inside TLS when the client asked for it), authentication, driver
   * connection. The listener answered negotiation requests and CancelRequests before TLS.
   */
  private boolean startup() throws IOException, SQLException {
    ByteBuffer packet = startupPacket != null ? startupPacket : in.startupPacket();
    startupPacket = null;
    int code = packet.getInt();
    if (code == Listener.SSL_REQUEST || code == Listener.GSSENC_REQUEST) {
      throw new PgInput.ProtocolException("encryption requested inside TLS");
    }
    if (code == Listener.CANCEL_REQUEST) {
      if (packet.remaining() >= 8) {
        listener.cancel(packet.getInt(), packet.getInt());
      }
      return false;
    }
    if (code >> 16 != 3) {
      error("0A000", "unsupported frontend protocol " + (code >> 16) + "." + (code & 0xffff)
          + ": server supports 3.0");
      return false;
    }
    Map<String, String> params = new HashMap<>();
    List<String> unknown = new ArrayList<>();
    while (packet.hasRemaining()) {
      String key = PgInput.cstring(packet);
      if (key.isEmpty()) {
        break;
      }
      String value = PgInput.cstring(packet);
      params.put(key, value);
      if (key.startsWith("_pq_.")) {
        unknown.add(key);
      }
    }
    if ((code & 0xffff) != 0 || !unknown.isEmpty()) {
      out.begin('v').int32(Listener.PROTOCOL_3_0).int32(unknown.size());
      for (String u : unknown) {
        out.cstring(u);
      }
      out.end();
    }
    return authenticateAndOpen(params);
  }

  private boolean authenticateAndOpen(Map<String, String> params) throws IOException,
      SQLException {
    String user = params.getOrDefault("user", "");
    String database = params.getOrDefault("database", user);
    if (user.isEmpty()) {
      error("28000", "no PostgreSQL user name specified in startup packet");
      return false;
    }
    if (listener.users() != null) {
      if (!new Scram(listener.users(), in, out).authenticate(user)) {
        error("28P01", "password authentication failed for user \"" + user + "\"");
        return false;
      }
    }
    if (listener.limits(user).tlsRequired() && !(socket instanceof SSLSocket)) {
      // After authentication, so that the answer tells nothing of which names exist.
      error("28000", "user \"" + user + "\" may log in only over TLS (SSL): connect with "
          + "sslmode=require");
      return false;
    }
    if (!listener.admit(user)) {
      error("53300", "too many connections for role \"" + user + "\"");
      return false;
    }
    admittedUser = user;
    // Authenticated: the login deadline is for whoever has not proved who they are.
    loggedIn = true;
    out.begin('R').int32(0).end();
    Connection connection;
    try {
      connection = backend.openConnection();
    } catch (SQLException e) {
      error(sqlState(e), "cannot open the statbank connection: " + e.getMessage());
      return false;
    }
    queries = SqlSession.open(pid, new Replies(), connection, backend.oids(), params,
        listener.limits(user).statementMillis());
    out.begin('K').int32(pid).int32(secret).end();
    readyForQuery();
    return true;
  }

  private void loop() throws IOException {
    boolean skipToSync = false;
    while (true) {
      queries.readAhead(in::hasInput);
      int type = in.type();
      if (type < 0) {
        return;
      }
      // Only a query, a Parse, a Bind or COPY data may be long; the other messages name things.
      ByteBuffer body = in.body(type == 'Q' || type == 'P' || type == 'B' || type == 'd'
          ? PgInput.MAX_MESSAGE : PgInput.MAX_SMALL_MESSAGE);
      if (type == 'X') {
        return;
      }
      if (skipToSync && type != 'S') {
        continue;
      }
      guard.begin(queries.settings().statementTimeoutMillis());
      try {
        switch (type) {
          case 'Q':
            queries.simpleQuery(PgInput.cstring(body));
            readyForQuery();
            break;
          case 'P': parse(body); break;
          case 'B': bind(body); break;
          case 'D': queries.describe((char) body.get(), PgInput.cstring(body)); break;
          case 'E': queries.execute(PgInput.cstring(body), body.getInt()); break;
          case 'C': queries.close((char) body.get(), PgInput.cstring(body)); break;
          case 'H': out.flush(); break;
          case 'S':
            skipToSync = false;
            queries.sync();
            readyForQuery();
            break;
          case 'd': case 'c': case 'f':
            break; // COPY data outside a COPY: ignored, as PostgreSQL does
          default:
            throw new PgInput.ProtocolException("invalid frontend message type " + (char) type);
        }
      } catch (SQLException | RuntimeException e) {
        // A malformed message body (BufferUnderflowException, a $n beyond the parameters) is the
        // client's error, reported like any other; the session goes on.
        WorkGuard.Reason stopped = guard.reason();
        guard.end();
        statementFailed(stopped != null ? new SQLException(stopped.message, "57014", e)
            : e instanceof SQLException s ? s : new SQLException(
            "invalid message: " + e.getMessage(), e instanceof IllegalArgumentException
                ? "42P02" : "08P01", e));
        if (type != 'Q') {
          skipToSync = true;
        } else {
          readyForQuery();
        }
      } finally {
        guard.end();
      }
    }
  }

  private void parse(ByteBuffer body) throws IOException, SQLException {
    String name = PgInput.cstring(body);
    String sql = PgInput.cstring(body);
    int n = body.getShort() & 0xffff;
    int[] types = new int[n];
    for (int i = 0; i < n; i++) {
      types[i] = body.getInt();
    }
    queries.parse(name, sql, types);
  }

  private void bind(ByteBuffer body) throws IOException, SQLException {
    String portalName = PgInput.cstring(body);
    String statementName = PgInput.cstring(body);
    short[] paramFormats = shorts(body);
    int n = body.getShort() & 0xffff;
    byte[][] values = new byte[n][];
    for (int i = 0; i < n; i++) {
      int len = body.getInt();
      if (len >= 0) {
        values[i] = new byte[len];
        body.get(values[i]);
      }
    }
    queries.bind(portalName, statementName, paramFormats, values, shorts(body));
  }

  private void readyForQuery() throws IOException {
    out.begin('Z').byte1(queries.ready()).end();
    out.flush();
  }

  private void statementFailed(SQLException e) throws IOException {
    SQLException reported = queries.failed(e);
    error(sqlState(reported), reported.getMessage());
  }

  private void error(String state, String message) throws IOException {
    out.errorResponse("ERROR", state, backend.forClient(message)).flush();
  }

  private void tryError(String state, String message) {
    try {
      if (out != null) {
        out.errorResponse("FATAL", state, backend.forClient(message)).flush();
      }
    } catch (IOException ignored) {
      // The connection is already gone.
    }
  }

  static String sqlState(SQLException e) {
    String state = e.getSQLState();
    if ("HYT00".equals(state)) {
      // The driver's query timeout is PostgreSQL's statement_timeout: query_canceled, which
      // clients (pgjdbc, psql, Metabase) report as a timeout.
      return "57014";
    }
    return state != null && state.length() == 5 ? state : "XX000";
  }

  private static short[] shorts(ByteBuffer body) {
    int n = body.getShort() & 0xffff;
    short[] s = new short[n];
    for (int i = 0; i < n; i++) {
      s[i] = body.getShort();
    }
    return s;
  }

  /** Called from the thread that received a CancelRequest with this session's key. */
  void cancel() {
    guard.stop(WorkGuard.Reason.CANCEL);
    cancelStatement();
  }

  private void cancelStatement() {
    SqlSession q = queries;
    if (q != null) {
      q.cancel();
    }
  }

  boolean isRunning() {
    SqlSession q = queries;
    return q != null && q.isRunning();
  }

  /** Stops the session from another thread (server shutdown, login deadline, client gone). */
  void kill() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
  }

  /**
   * The watchdog's look at this session: a login past its deadline ends, work past its time limit
   * is stopped, work that ignores being stopped ends the connection, and work whose client has
   * gone is stopped with the connection.
   */
  void watch(long now) {
    if (!loggedIn) {
      if (now - loginDeadline > 0) {
        kill();
      }
      return;
    }
    switch (guard.check(now)) {
      case TIME_UP -> {
        if (guard.stop(WorkGuard.Reason.TIMEOUT)) {
          cancelStatement();
        }
      }
      case PROBE -> {
        if (guard.whileWorking(this::clientGone)) {
          guard.stop(WorkGuard.Reason.CLIENT_GONE);
          cancelStatement();
          kill();
        }
      }
      case OVERDUE -> terminate();
      default -> {
        // Nothing running, or running within its limits.
      }
    }
  }

  /** Whether the client has closed its end; looks for at most a millisecond. */
  private boolean clientGone() {
    Socket s = socket;
    try {
      int before = s.getSoTimeout();
      s.setSoTimeout(1);
      try {
        return in.atEnd();
      } finally {
        s.setSoTimeout(before);
      }
    } catch (SocketTimeoutException stillThere) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * Ends a connection whose work did not stop within the grace period after its time limit or
   * cancel: the client gets a FATAL 57014 now rather than an answer at some later time, and the
   * thread, still busy, finds the connection closed when it next writes.
   */
  private void terminate() {
    try {
      if (guard.writeLock.tryLock(100, TimeUnit.MILLISECONDS)) {
        try {
          OutputStream raw = socket.getOutputStream();
          raw.write(PgOutput.error("FATAL", "57014", "terminating connection: the statement "
              + "did not stop within " + WorkGuard.GRACE_MILLIS / 1000 + " s of its time limit or "
              + "cancel"));
          raw.flush();
        } finally {
          guard.writeLock.unlock();
        }
      }
    } catch (IOException ignored) {
      // The client is gone already.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    kill();
  }

  private void closeAll() {
    if (queries != null) {
      queries.close();
    }
  }

  /** The query side's replies, framed as backend messages. */
  private final class Replies implements Wire {
    @Override public void parameterStatus(String name, String value) throws IOException {
      out.begin('S').cstring(name).cstring(value).end();
    }

    @Override public void rowDescription(List<Wire.Column> columns) throws IOException {
      out.begin('T').int16(columns.size());
      for (Wire.Column c : columns) {
        out.cstring(c.name()).int32(0).int16(0).int32(c.typeOid()).int16(c.typeLength())
            .int32(c.typmod()).int16(c.binary() ? 1 : 0);
      }
      out.end();
    }

    /** Where rows go: the connection, or the rows kept aside while reading ahead. */
    private PgOutput rows;
    private ByteArrayOutputStream aside;

    @Override public void beginRow(int width) {
      rows().begin('D').int16(width);
    }

    @Override public void value(String text) {
      rows().value(text);
    }

    @Override public void value(byte[] binary) {
      rows().value(binary);
    }

    @Override public void endRow() throws IOException {
      rows().end();
    }

    private PgOutput rows() {
      return rows == null ? out : rows;
    }

    @Override public byte[] keepAside(boolean on) throws IOException {
      byte[] kept = new byte[0];
      if (rows != null) {
        rows.drop();
        rows.flush();
        kept = aside.toByteArray();
      }
      aside = on ? new ByteArrayOutputStream(1 << 16) : null;
      rows = on ? new PgOutput(aside) : null;
      return kept;
    }

    @Override public int keptAside() {
      return aside == null ? 0 : aside.size();
    }

    @Override public void messages(byte[] messages, int offset, int length) throws IOException {
      out.messages(messages, offset, length);
    }

    @Override public void commandComplete(String tag) throws IOException {
      out.begin('C').cstring(tag).end();
    }

    @Override public void emptyQueryResponse() throws IOException {
      out.begin('I').end();
    }

    @Override public void parseComplete() throws IOException {
      out.begin('1').end();
    }

    @Override public void bindComplete() throws IOException {
      out.begin('2').end();
    }

    @Override public void closeComplete() throws IOException {
      out.begin('3').end();
    }

    @Override public void noData() throws IOException {
      out.begin('n').end();
    }

    @Override public void portalSuspended() throws IOException {
      out.begin('s').end();
    }

    @Override public void parameterDescription(int[] typeOids) throws IOException {
      out.begin('t').int16(typeOids.length);
      for (int oid : typeOids) {
        out.int32(oid);
      }
      out.end();
    }
  }
}
