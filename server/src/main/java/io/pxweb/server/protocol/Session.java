package io.pxweb.server.protocol;

import io.pxweb.server.sql.SqlSession;
import io.pxweb.server.sql.Wire;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One client connection: startup and authentication, then the simple and extended query
 * protocols over the session's own driver connection. Runs on its own thread.
 */
public final class Session implements Runnable {
  private static final int PROTOCOL_3_0 = 196608;
  private static final int SSL_REQUEST = 80877103;
  private static final int GSSENC_REQUEST = 80877104;
  private static final int CANCEL_REQUEST = 80877102;
  static final int AUTHENTICATION_TIMEOUT_MILLIS = 60_000;

  private final Server server;
  private final Socket socket;
  public final int pid;
  public final int secret;
  private PgInput in;
  private PgOutput out;
  /** The query side of the session (io.pxweb.server.sql), once the client has logged in. */
  private SqlSession queries;
  private String admittedUser;

  public Session(Server server, Socket socket, int pid, int secret) {
    this.server = server;
    this.socket = socket;
    this.pid = pid;
    this.secret = secret;
  }

  @Override public void run() {
    // Not try-with-resources: its socket would be closed before the catch clauses could send
    // the client its error.
    try {
      socket.setTcpNoDelay(true);
      // PostgreSQL's authentication_timeout: a client that does not finish logging in within a
      // minute loses its connection (and its slot) instead of holding it open.
      socket.setSoTimeout(AUTHENTICATION_TIMEOUT_MILLIS);
      in = new PgInput(socket.getInputStream());
      out = new PgOutput(socket.getOutputStream());
      if (startup()) {
        socket.setSoTimeout(0);
        loop();
      }
    } catch (PgInput.ProtocolException e) {
      tryError("08P01", e.getMessage());
    } catch (IOException e) {
      // The client went away; nothing to tell it.
    } catch (SQLException e) {
      tryError(sqlState(e), e.getMessage());
    } finally {
      closeAll();
      try {
        socket.close();
      } catch (IOException ignored) {
        // Already closed.
      }
      server.ended(this, admittedUser);
    }
  }

  /** Startup packet, SSL/GSS negotiation, authentication, driver connection. */
  private boolean startup() throws IOException, SQLException {
    while (true) {
      ByteBuffer packet = in.startupPacket();
      int code = packet.getInt();
      if (code == SSL_REQUEST) {
        if (server.tls() != null) {
          out.raw('S');
          out.flush();
          Socket tls = server.tls().wrap(socket);
          in = new PgInput(tls.getInputStream());
          out = new PgOutput(tls.getOutputStream());
        } else {
          out.raw('N');
          out.flush();
        }
        continue;
      }
      if (code == GSSENC_REQUEST) {
        out.raw('N');
        out.flush();
        continue;
      }
      if (code == CANCEL_REQUEST) {
        server.cancel(packet.getInt(), packet.getInt());
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
        out.begin('v').int32(PROTOCOL_3_0).int32(unknown.size());
        for (String u : unknown) {
          out.cstring(u);
        }
        out.end();
      }
      return authenticateAndOpen(params);
    }
  }

  private boolean authenticateAndOpen(Map<String, String> params) throws IOException,
      SQLException {
    String user = params.getOrDefault("user", "");
    String database = params.getOrDefault("database", user);
    if (user.isEmpty()) {
      error("28000", "no PostgreSQL user name specified in startup packet");
      return false;
    }
    if (server.users() != null) {
      if (!new Scram(server.users(), in, out).authenticate(user)) {
        error("28P01", "password authentication failed for user \"" + user + "\"");
        return false;
      }
    }
    if (!server.admit(user)) {
      error("53300", "too many connections for role \"" + user + "\"");
      return false;
    }
    admittedUser = user;
    out.begin('R').int32(0).end();
    Connection connection;
    try {
      connection = server.openConnection();
    } catch (SQLException e) {
      error(sqlState(e), "cannot open the statbank connection: " + e.getMessage());
      return false;
    }
    queries = SqlSession.open(pid, new Replies(), connection, server.oids(), params,
        server.limits(user).statementMillis());
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
      ByteBuffer body = in.body();
      if (type == 'X') {
        return;
      }
      if (skipToSync && type != 'S') {
        continue;
      }
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
        statementFailed(e instanceof SQLException s ? s : new SQLException(
            "invalid message: " + e.getMessage(), e instanceof IllegalArgumentException
                ? "42P02" : "08P01", e));
        if (type != 'Q') {
          skipToSync = true;
        } else {
          readyForQuery();
        }
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
    out.begin('E').byte1('S').cstring("ERROR").byte1('V').cstring("ERROR")
        .byte1('C').cstring(state).byte1('M').cstring(message == null ? state : message)
        .byte1(0).end();
    out.flush();
  }

  private void tryError(String state, String message) {
    try {
      if (out != null) {
        out.begin('E').byte1('S').cstring("FATAL").byte1('V').cstring("FATAL")
            .byte1('C').cstring(state).byte1('M').cstring(message).byte1(0).end();
        out.flush();
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

  /** Called from the acceptor thread that received a CancelRequest with this session's key. */
  public void cancel() {
    SqlSession q = queries;
    if (q != null) {
      q.cancel();
    }
  }

  public boolean isRunning() {
    SqlSession q = queries;
    return q != null && q.isRunning();
  }

  /** Stops the session from another thread (server shutdown). */
  public void kill() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
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

    @Override public void dataRow(byte[][] values) throws IOException {
      out.begin('D').int16(values.length);
      for (byte[] value : values) {
        if (value == null) {
          out.int32(-1);
        } else {
          out.int32(value.length).bytes(value);
        }
      }
      out.end();
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
