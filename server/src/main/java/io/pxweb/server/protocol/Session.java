package io.pxweb.server.protocol;

import io.pxweb.server.CatalogData;
import io.pxweb.server.Parameters;
import io.pxweb.server.PgCatalogSchema;
import io.pxweb.server.PgFunctions;
import io.pxweb.server.PgType;
import io.pxweb.server.QueryRouter;
import io.pxweb.server.Rows;
import io.pxweb.server.SessionCommands;
import io.pxweb.server.Settings;
import io.pxweb.server.SqlText;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * One client connection after its startup packet: TLS when asked, authentication, then the simple
 * and extended query protocols over the session's own driver connection. Runs on a thread of the
 * listener's pool; each message's work runs under the {@link WorkGuard}'s time limit.
 */
public final class Session implements Runnable, SessionCommands.Host {

  /** What a statement produced: rows to send, or only a command tag. */
  public record Result(String tag, Rows rows) {
    public static Result tag(String tag) {
      return new Result(tag, null);
    }

    public static Result rows(Rows rows) {
      return new Result(null, rows);
    }
  }

  /** A parsed statement (Parse): its text and the parameter types the client declared. */
  private record Prepared(String sql, int[] paramTypes) {
  }

  /** A bound statement (Bind): final SQL, the result formats asked for, and its running result. */
  private static final class Portal {
    final String sql;
    final short[] formats;
    Result result;
    long sent;

    Portal(String sql, short[] formats) {
      this.sql = sql;
      this.formats = formats;
    }

    boolean binary(int column) {
      if (formats.length == 0) {
        return false;
      }
      return (formats.length == 1 ? formats[0] : formats[column]) == 1;
    }
  }

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
  private Connection connection;
  private Settings settings;
  private QueryRouter router;
  private char transaction = 'I';
  private final Map<String, Prepared> prepared = new HashMap<>();
  private final Map<String, Portal> portals = new HashMap<>();
  private volatile Statement running;
  private volatile boolean cancelled;
  private String admittedUser;
  private String lastSql;
  /** -Dpxweb.server.trace=true prints each statement, its time and its failure to standard error. */
  private static final boolean TRACE = Boolean.getBoolean("pxweb.server.trace");

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
    if (listener.limits(user).tlsRequired() && !(socket instanceof javax.net.ssl.SSLSocket)) {
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
    settings = new Settings(user, database, params.get("application_name"));
    settings.maxStatementMillis(listener.limits(user).statementMillis());
    for (Map.Entry<String, String> p : params.entrySet()) {
      String key = p.getKey();
      if (key.equals("options")) {
        // libpq's options: -c name=value (or --name=value), as PGOPTIONS carries them.
        java.util.regex.Matcher m = java.util.regex.Pattern
            .compile("(?:-c\\s*|--)([\\w.]+)=(\\S+)").matcher(p.getValue());
        while (m.find()) {
          settings.put(m.group(1).replace('-', '_'), m.group(2));
        }
      } else if (!key.equals("user") && !key.equals("database") && !key.equals("replication")
          && !key.startsWith("_pq_.") && !key.equals("client_encoding")
          && settings.get(key) != null) {
        settings.put(key, p.getValue());
      }
    }
    try {
      connection = backend.openConnection();
    } catch (SQLException e) {
      error(sqlState(e), "cannot open the statbank connection: " + e.getMessage());
      return false;
    }
    CatalogData catalog = new CatalogData(connection, backend.oids());
    PgCatalogSchema.register(connection.unwrap(CalciteConnection.class).getRootSchema(), catalog,
        settings);
    PgFunctions.CATALOG.set(catalog);
    PgFunctions.SETTINGS.set(settings);
    router = new QueryRouter(connection, settings, pid, catalog);
    for (String name : Settings.REPORTED) {
      out.begin('S').cstring(Settings.display(name)).cstring(settings.get(name)).end();
    }
    out.begin('K').int32(pid).int32(secret).end();
    readyForQuery();
    return true;
  }

  private void loop() throws IOException {
    boolean skipToSync = false;
    while (true) {
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
      guard.begin(settings.statementTimeoutMillis());
      try {
        switch (type) {
          case 'Q': simpleQuery(PgInput.cstring(body)); break;
          case 'P': parse(body); break;
          case 'B': bind(body); break;
          case 'D': describe(body); break;
          case 'E': execute(body); break;
          case 'C': close(body); break;
          case 'H': out.flush(); break;
          case 'S':
            skipToSync = false;
            if (transaction == 'I') {
              closePortals();
            }
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

  private void simpleQuery(String text) throws IOException, SQLException {
    closePortal("");
    List<String> statements = SqlText.split(text);
    if (statements.stream().allMatch(String::isEmpty)) {
      out.begin('I').end();
      readyForQuery();
      return;
    }
    for (String sql : statements) {
      if (sql.isEmpty()) {
        continue;
      }
      Result result = run(sql);
      if (result.rows() != null) {
        try (Rows rows = result.rows()) {
          rowDescription(rows, null);
          long n = sendRows(rows, null, 0);
          commandComplete("SELECT " + n);
        }
      } else {
        commandComplete(result.tag());
      }
    }
    if (transaction == 'I') {
      closePortals();
    }
    readyForQuery();
  }

  /** Runs one statement: a session command, or a query for the catalog or the driver. */
  private Result run(String sql) throws SQLException, IOException {
    if (transaction == 'E') {
      String word = SqlText.firstWord(sql);
      if (!word.equals("ROLLBACK") && !word.equals("COMMIT") && !word.equals("ABORT")
          && !word.equals("END")) {
        throw new SQLException("current transaction is aborted, commands ignored until end of "
            + "transaction block", "25P02");
      }
    }
    Result command = SessionCommands.run(sql, this);
    if (command != null) {
      return command;
    }
    cancelled = false;
    lastSql = sql;
    long start = System.nanoTime();
    Result result = router.query(sql, statement -> running = statement);
    if (TRACE) {
      System.err.println("pxweb-server: session " + pid + ": " + (System.nanoTime() - start)
          / 1_000_000 + " ms to first row: " + sql.replaceAll("\\s+", " "));
    }
    return result;
  }

  private void parse(ByteBuffer body) throws IOException, SQLException {
    String name = PgInput.cstring(body);
    String sql = PgInput.cstring(body);
    int n = body.getShort() & 0xffff;
    int[] types = new int[n];
    for (int i = 0; i < n; i++) {
      types[i] = body.getInt();
    }
    if (!name.isEmpty() && prepared.containsKey(name)) {
      throw new SQLException("prepared statement \"" + name + "\" already exists", "42P05");
    }
    if (prepared.size() > 10_000) {
      throw new SQLException("too many prepared statements in this session", "53400");
    }
    prepared.put(name, new Prepared(sql.trim(), types));
    out.begin('1').end();
  }

  private void bind(ByteBuffer body) throws IOException, SQLException {
    String portalName = PgInput.cstring(body);
    String statementName = PgInput.cstring(body);
    Prepared statement = prepared.get(statementName);
    if (statement == null) {
      throw new SQLException("prepared statement \"" + statementName + "\" does not exist",
          "26000");
    }
    short[] paramFormats = shorts(body);
    int n = body.getShort() & 0xffff;
    String[] literals = new String[n];
    for (int i = 0; i < n; i++) {
      int len = body.getInt();
      byte[] value = null;
      if (len >= 0) {
        value = new byte[len];
        body.get(value);
      }
      short format = paramFormats.length == 0 ? 0
          : paramFormats.length == 1 ? paramFormats[0] : paramFormats[i];
      int type = i < statement.paramTypes().length ? statement.paramTypes()[i] : 0;
      literals[i] = Parameters.literal(value, format == 1, type);
    }
    short[] resultFormats = shorts(body);
    String sql = SqlText.replaceParameters(statement.sql(), k -> {
      if (k < 1 || k > literals.length) {
        throw new IllegalArgumentException("there is no parameter $" + k);
      }
      return literals[k - 1];
    });
    closePortal(portalName);
    portals.put(portalName, new Portal(sql, resultFormats));
    out.begin('2').end();
  }

  private void describe(ByteBuffer body) throws IOException, SQLException {
    char kind = (char) body.get();
    String name = PgInput.cstring(body);
    if (kind == 'S') {
      Prepared statement = prepared.get(name);
      if (statement == null) {
        throw new SQLException("prepared statement \"" + name + "\" does not exist", "26000");
      }
      int n = Math.max(SqlText.parameterCount(statement.sql()), statement.paramTypes().length);
      out.begin('t').int16(n);
      for (int i = 0; i < n; i++) {
        int t = i < statement.paramTypes().length ? statement.paramTypes()[i] : 0;
        out.int32(t == 0 ? PgType.TEXT.oid : t);
      }
      out.end();
      List<Rows.Column> columns = SqlText.firstWord(statement.sql()).equals("SHOW")
          ? SessionCommands.run(statement.sql(), this).rows().columns()
          : router.describe(statement.sql());
      if (columns == null) {
        out.begin('n').end();
      } else {
        rowDescription(columns, null);
      }
      return;
    }
    Portal portal = portal(name);
    start(portal);
    if (portal.result.rows() == null) {
      out.begin('n').end();
    } else {
      rowDescription(portal.result.rows(), portal);
    }
  }

  private void execute(ByteBuffer body) throws IOException, SQLException {
    Portal portal = portal(PgInput.cstring(body));
    int maxRows = body.getInt();
    start(portal);
    if (portal.sql.isEmpty()) {
      out.begin('I').end();
      return;
    }
    Rows rows = portal.result.rows();
    if (rows == null) {
      commandComplete(portal.result.tag());
      return;
    }
    long before = portal.sent;
    long n = sendRows(rows, portal, maxRows);
    portal.sent += n;
    if (maxRows > 0 && n == maxRows) {
      out.begin('s').end();
    } else {
      commandComplete("SELECT " + (before + n));
      rows.close();
    }
  }

  private void start(Portal portal) throws SQLException, IOException {
    if (portal.result == null) {
      portal.result = portal.sql.isEmpty() ? Result.tag("") : run(portal.sql);
    }
  }

  private void close(ByteBuffer body) throws IOException, SQLException {
    char kind = (char) body.get();
    String name = PgInput.cstring(body);
    if (kind == 'S') {
      prepared.remove(name);
    } else {
      closePortal(name);
    }
    out.begin('3').end();
  }

  private Portal portal(String name) throws SQLException {
    Portal portal = portals.get(name);
    if (portal == null) {
      throw new SQLException("portal \"" + name + "\" does not exist", "34000");
    }
    return portal;
  }

  private void rowDescription(Rows rows, Portal portal) throws IOException {
    rowDescription(rows.columns(), portal);
  }

  private void rowDescription(List<Rows.Column> columns, Portal portal) throws IOException {
    out.begin('T').int16(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      Rows.Column c = columns.get(i);
      boolean binary = portal != null && portal.binary(i) && c.type().hasBinary();
      out.cstring(c.name()).int32(0).int16(0).int32(c.type().oid).int16(c.type().length)
          .int32(c.typmod()).int16(binary ? 1 : 0);
    }
    out.end();
  }

  /** Sends up to maxRows rows (all when 0); returns how many were sent. */
  private long sendRows(Rows rows, Portal portal, int maxRows) throws IOException, SQLException {
    int width = rows.columns().size();
    boolean[] binary = new boolean[width];
    for (int i = 0; i < width; i++) {
      binary[i] = portal != null && portal.binary(i) && rows.columns().get(i).type().hasBinary();
    }
    long n = 0;
    try {
      while ((maxRows <= 0 || n < maxRows) && rows.next()) {
        if (cancelled) {
          throw new SQLException("canceling statement due to user request", "57014");
        }
        out.begin('D').int16(width);
        for (int i = 0; i < width; i++) {
          byte[] value;
          if (binary[i]) {
            value = rows.binary(i);
          } else {
            String text = rows.text(i);
            value = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
          }
          if (value == null) {
            out.int32(-1);
          } else {
            out.int32(value.length).bytes(value);
          }
        }
        out.end();
        n++;
      }
    } catch (SQLException | RuntimeException e) {
      rows.close();
      if (portal != null) {
        portals.values().remove(portal);
      }
      throw e instanceof SQLException s ? s : new SQLException(e.getMessage(), "XX000", e);
    }
    return n;
  }

  private void commandComplete(String tag) throws IOException {
    out.begin('C').cstring(tag).end();
  }

  private void readyForQuery() throws IOException {
    running = null;
    out.begin('Z').byte1(transaction).end();
    out.flush();
  }

  private void statementFailed(SQLException e) throws IOException {
    if (TRACE) {
      System.err.println("pxweb-server: session " + pid + ": " + sqlState(e) + " "
          + e.getMessage() + "\n  in: " + lastSql);
    }
    String state = sqlState(e);
    String message = e.getMessage();
    if (cancelled) {
      state = "57014";
      message = "canceling statement due to user request";
      cancelled = false;
    }
    if (transaction == 'T') {
      transaction = 'E';
    }
    error(state, message);
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
    Statement s = running;
    if (s != null) {
      cancelled = true;
      try {
        s.cancel();
      } catch (SQLException ignored) {
        // Already finished.
      }
    }
  }

  boolean isRunning() {
    return running != null;
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
    } catch (java.net.SocketTimeoutException stillThere) {
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
      if (guard.writeLock.tryLock(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
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

  private void closePortal(String name) {
    Portal p = portals.remove(name);
    if (p != null && p.result != null && p.result.rows() != null) {
      try {
        p.result.rows().close();
      } catch (SQLException ignored) {
        // The statement is being dropped.
      }
    }
  }

  private void closePortals() {
    for (String name : new ArrayList<>(portals.keySet())) {
      closePortal(name);
    }
  }

  private void closeAll() {
    closePortals();
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // The session is over.
      }
    }
  }

  @Override public Settings settings() {
    return settings;
  }

  @Override public void parameterChanged(String name, String value) throws IOException {
    out.begin('S').cstring(name).cstring(value).end();
  }

  @Override public void transaction(char status) {
    if (status == 'I') {
      closePortals();
    }
    transaction = status;
  }

  @Override public char transaction() {
    return transaction;
  }

  @Override public void deallocate(String name) {
    if (name == null) {
      prepared.clear();
    } else {
      prepared.remove(name);
    }
  }
}
