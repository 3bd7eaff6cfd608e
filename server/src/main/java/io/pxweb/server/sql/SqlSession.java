package io.pxweb.server.sql;

import io.pxweb.server.catalog.CatalogData;
import io.pxweb.server.catalog.PgCatalogSchema;
import io.pxweb.server.catalog.PgType;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * The query side of one client session: its settings, transaction state, prepared statements
 * and portals, and the simple and extended query protocols over the session's own driver
 * connection. The protocol layer decodes each message and calls the method of the same name;
 * replies go out through {@link Wire}. Everything here belongs to one session and one thread
 * (only {@link #cancel} comes from another).
 */
public final class SqlSession implements SessionCommands.Host {
  /** -Dpxweb.server.trace=true prints each statement, its time and its failure to standard error. */
  private static final boolean TRACE = Boolean.getBoolean("pxweb.server.trace");
  /** Prepared statements one session may hold (a client that never closes them is cut off). */
  private static final int MAX_PREPARED = 10_000;
  /** Bytes of rows read ahead for a suspended portal, at most (besides the rows asked for). */
  private static final int MAX_AHEAD_BYTES = 8 << 20;
  /** Rows read ahead between two looks at whether the client has sent something. */
  private static final int AHEAD_CHECK_EVERY = 256;

  /**
   * A parsed statement (Parse): its text, the parameter types the client declared, and for a
   * query its plan, made once on first use and executed by every Bind of it.
   */
  private static final class Prepared {
    final String sql;
    final int[] paramTypes;
    final boolean query;
    QueryRouter.Plan plan;

    Prepared(String sql, int[] paramTypes) {
      this.sql = sql;
      this.paramTypes = paramTypes;
      this.query = QueryRouter.isQuery(sql) && !SqlText.firstWord(sql).equals("SHOW");
    }

    void close() {
      if (plan != null) {
        try {
          plan.close();
        } catch (SQLException ignored) {
          // The statement is being dropped.
        }
        plan = null;
      }
    }
  }

  /**
   * A bound statement (Bind): its statement and the values of its parameters, the result
   * formats asked for, and its running result.
   */
  private static final class Portal {
    final String name;
    final Prepared statement;
    final String[] values;
    final short[] formats;
    Result result;
    long sent;
    /** DataRow messages read ahead while the client read the last batch, and how many. */
    byte[] ahead;
    int aheadRows;
    /** The rows ended while reading ahead (ahead holds the last of them). */
    boolean ended;
    /** Reading ahead failed after the rows in ahead: the next Execute reports it. */
    SQLException failure;

    Portal(String name, Prepared statement, String[] values, short[] formats) {
      this.name = name;
      this.statement = statement;
      this.values = values;
      this.formats = formats;
    }

    boolean binary(int column) {
      if (formats.length == 0) {
        return false;
      }
      return (formats.length == 1 ? formats[0] : formats[column]) == 1;
    }
  }

  private final int pid;
  private final Wire wire;
  private final Connection connection;
  private final Settings settings;
  private final QueryRouter router;
  private char transaction = 'I';
  private final Map<String, Prepared> prepared = new HashMap<>();
  private final Map<String, Portal> portals = new HashMap<>();
  private volatile Statement running;
  /** The portal the last Execute suspended, and its batch size: the rows to read ahead. */
  private Portal suspended;
  private int suspendedRows;
  private volatile boolean cancelled;
  private String lastSql;

  /**
   * Opens the query side of a session that has logged in: its settings from the startup
   * parameters, its catalog schemas on the driver connection, and the parameters reported to
   * the client. The session owns the connection from now on.
   */
  public static SqlSession open(int pid, Wire wire, Connection connection, CatalogData.Oids oids,
      Map<String, String> startup, long maxStatementMillis) throws SQLException, IOException {
    String user = startup.getOrDefault("user", "");
    Settings settings = new Settings(user, startup.getOrDefault("database", user),
        startup.get("application_name"));
    settings.maxStatementMillis(maxStatementMillis);
    settings.applyStartup(startup);
    try {
      return new SqlSession(pid, wire, connection, settings, oids);
    } catch (SQLException | IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  private SqlSession(int pid, Wire wire, Connection connection, Settings settings,
      CatalogData.Oids oids) throws SQLException, IOException {
    this.pid = pid;
    this.wire = wire;
    this.connection = connection;
    this.settings = settings;
    CatalogData catalog = new CatalogData(connection, oids);
    PgCatalogSchema pg = PgCatalogSchema.register(
        connection.unwrap(CalciteConnection.class).getRootSchema(), catalog, settings);
    this.router = new QueryRouter(connection, settings, pid, catalog, pg);
    for (String name : Settings.REPORTED) {
      wire.parameterStatus(Settings.display(name), settings.get(name));
    }
  }

  /** A Query message: each statement in turn; the caller sends ReadyForQuery after. */
  public void simpleQuery(String text) throws IOException, SQLException {
    closePortal("");
    List<String> statements = SqlText.split(text);
    if (statements.stream().allMatch(String::isEmpty)) {
      wire.emptyQueryResponse();
      return;
    }
    for (String sql : statements) {
      if (sql.isEmpty()) {
        continue;
      }
      Result result = run(sql);
      if (result.rows() != null) {
        try (Rows rows = result.rows()) {
          rowDescription(rows.columns(), null);
          long n = sendRows(rows, null, 0);
          wire.commandComplete("SELECT " + n);
        }
      } else {
        wire.commandComplete(result.tag());
      }
    }
    if (transaction == 'I') {
      closePortals();
    }
  }

  /** Runs one statement: a session command, or a query for the catalog or the driver. */
  private Result run(String sql) throws SQLException, IOException {
    checkTransaction(sql);
    Result command = SessionCommands.run(sql, this);
    if (command != null) {
      return command;
    }
    cancelled = false;
    lastSql = sql;
    long start = System.nanoTime();
    Result result = router.query(sql, statement -> running = statement);
    trace(start, sql);
    return result;
  }

  /** In a failed transaction block only its end runs. */
  private void checkTransaction(String sql) throws SQLException {
    if (transaction == 'E') {
      String word = SqlText.firstWord(sql);
      if (!word.equals("ROLLBACK") && !word.equals("COMMIT") && !word.equals("ABORT")
          && !word.equals("END")) {
        throw new SQLException("current transaction is aborted, commands ignored until end of "
            + "transaction block", "25P02");
      }
    }
  }

  private void trace(long start, String sql) {
    if (TRACE) {
      System.err.println("pxweb-server: session " + pid + ": " + (System.nanoTime() - start)
          / 1_000_000 + " ms to first row: " + sql.replace('\n', ' '));
    }
  }

  /** Parse: keeps the statement under its name (the unnamed one is replaced). */
  public void parse(String name, String sql, int[] paramTypes) throws IOException,
      SQLException {
    if (!name.isEmpty() && prepared.containsKey(name)) {
      throw new SQLException("prepared statement \"" + name + "\" already exists", "42P05");
    }
    if (prepared.size() > MAX_PREPARED) {
      throw new SQLException("too many prepared statements in this session", "53400");
    }
    // One statement, as PostgreSQL takes it: a trailing semicolon is allowed (Evidence's
    // connector prepares 'SELECT 1;'), a second statement is not.
    String text = sql.trim();
    if (text.indexOf(';') >= 0) {
      List<String> statements = new ArrayList<>(SqlText.split(text));
      statements.removeIf(String::isEmpty);
      if (statements.size() > 1) {
        throw new SQLException("cannot insert multiple commands into a prepared statement",
            "42601");
      }
      text = statements.isEmpty() ? "" : statements.get(0);
    }
    Prepared old = prepared.put(name, new Prepared(text, paramTypes));
    if (old != null) {
      old.close();
    }
    wire.parseComplete();
  }

  /** Bind: the values (null for SQL NULL) in their formats (0 text, 1 binary). */
  public void bind(String portalName, String statementName, short[] paramFormats,
      byte[][] values, short[] resultFormats) throws IOException, SQLException {
    Prepared statement = prepared.get(statementName);
    if (statement == null) {
      throw new SQLException("prepared statement \"" + statementName + "\" does not exist",
          "26000");
    }
    String[] texts = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      short format = paramFormats.length == 0 ? 0
          : paramFormats.length == 1 ? paramFormats[0] : paramFormats[i];
      int type = i < statement.paramTypes.length ? statement.paramTypes[i] : 0;
      texts[i] = Parameters.text(values[i], format == 1, type);
    }
    closePortal(portalName);
    portals.put(portalName, new Portal(portalName, statement, texts, resultFormats));
    wire.bindComplete();
  }

  /** Describe of a statement ('S') or a portal ('P'). */
  public void describe(char kind, String name) throws IOException, SQLException {
    if (kind == 'S') {
      Prepared statement = prepared.get(name);
      if (statement == null) {
        throw new SQLException("prepared statement \"" + name + "\" does not exist", "26000");
      }
      int n = Math.max(SqlText.parameterCount(statement.sql), statement.paramTypes.length);
      int[] types = new int[n];
      QueryRouter.Plan plan = statement.query ? plan(statement) : null;
      int[] inferred = plan == null ? new int[n] : plan.parameterTypes(n);
      for (int i = 0; i < n; i++) {
        int t = i < statement.paramTypes.length ? statement.paramTypes[i] : 0;
        types[i] = t != 0 ? t : inferred[i] != 0 ? inferred[i]
            : PgType.TEXT.oid;
      }
      wire.parameterDescription(types);
      List<Rows.Column> columns = plan != null ? plan.columns()
          : SqlText.firstWord(statement.sql).equals("SHOW")
          ? SessionCommands.run(statement.sql, this).rows().columns() : null;
      if (columns == null) {
        wire.noData();
      } else {
        rowDescription(columns, null);
      }
      return;
    }
    Portal portal = portal(name);
    start(portal);
    if (portal.result.rows() == null) {
      wire.noData();
    } else {
      rowDescription(portal.result.rows().columns(), portal);
    }
  }

  /** Execute: up to maxRows rows of the portal (all when 0). */
  public void execute(String name, int maxRows) throws IOException, SQLException {
    Portal portal = portal(name);
    start(portal);
    if (portal.statement.sql.isEmpty()) {
      wire.emptyQueryResponse();
      return;
    }
    Rows rows = portal.result.rows();
    if (rows == null) {
      wire.commandComplete(portal.result.tag());
      return;
    }
    long before = portal.sent;
    long n = portal.ahead == null ? 0 : sendAhead(portal, maxRows);
    if (portal.failure != null && portal.ahead == null) {
      SQLException failure = portal.failure;
      portals.values().remove(portal);
      throw failure;
    }
    if (!portal.ended && (maxRows <= 0 || n < maxRows)) {
      n += sendRows(rows, portal, maxRows <= 0 ? 0 : maxRows - (int) n);
    }
    portal.sent += n;
    if (maxRows > 0 && n == maxRows) {
      wire.portalSuspended();
      suspended = portal;
      suspendedRows = maxRows;
    } else {
      wire.commandComplete("SELECT " + (before + n));
      rows.close();
    }
  }

  /** Sends the rows read ahead, up to maxRows (all when 0); returns how many. */
  private long sendAhead(Portal portal, int maxRows) throws IOException {
    byte[] ahead = portal.ahead;
    int rows = maxRows <= 0 ? portal.aheadRows : Math.min(maxRows, portal.aheadRows);
    int end = 0;
    for (int i = 0; i < rows; i++) {
      end += 1 + length(ahead, end + 1); // a DataRow: its type byte, its length, its values
    }
    wire.messages(ahead, 0, end);
    portal.aheadRows -= rows;
    portal.ahead = portal.aheadRows == 0 ? null : Arrays.copyOfRange(ahead, end, ahead.length);
    return rows;
  }

  /**
   * While the client reads the batch of rows it was just sent, the rows of its next batch are
   * read from the driver and encoded (as many as the last Execute asked for, at most
   * {@link #MAX_AHEAD_BYTES}), so that server and client work at the same time rather than in
   * turn: pgjdbc's cursor fetch (setFetchSize) asks for each batch only after its application
   * has read the last one. Stops as soon as {@code clientSpoke} says a message has arrived.
   * Called by the protocol layer when it would otherwise wait for the client; a failure is kept
   * for the next Execute of the portal, after the rows read before it.
   */
  public void readAhead(BooleanSupplier clientSpoke) throws IOException {
    Portal portal = suspended;
    if (portal == null || clientSpoke.getAsBoolean()) {
      return; // the client's messages first (the Sync after the Execute, say)
    }
    suspended = null;
    if (portals.get(portal.name) != portal || portal.ahead != null || portal.ended
        || portal.failure != null) {
      return;
    }
    Rows rows = portal.result.rows();
    wire.keepAside(true);
    try {
      int n = 0;
      while (n < suspendedRows && wire.keptAside() < MAX_AHEAD_BYTES) {
        int batch = Math.min(AHEAD_CHECK_EVERY, suspendedRows - n);
        int sent = (int) sendRows(rows, portal, batch);
        n += sent;
        if (sent < batch) {
          portal.ended = true;
          break;
        }
        if (clientSpoke.getAsBoolean()) {
          break;
        }
      }
    } catch (SQLException e) {
      // sendRows closed the rows and dropped the portal: it stays, to report the failure.
      portal.failure = e;
      portals.put(portal.name, portal);
    } finally {
      byte[] kept = wire.keepAside(false);
      int count = 0;
      for (int at = 0; at < kept.length; count++) {
        at += 1 + length(kept, at + 1);
      }
      if (count > 0) {
        portal.ahead = kept;
        portal.aheadRows = count;
      }
    }
  }

  /** A message's length field (it counts itself and the body), at {@code at}. */
  private static int length(byte[] b, int at) {
    return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8
        | (b[at + 3] & 0xff);
  }

  private void start(Portal portal) throws SQLException, IOException {
    if (portal.result != null) {
      return;
    }
    Prepared statement = portal.statement;
    if (statement.sql.isEmpty()) {
      portal.result = Result.tag("");
    } else if (!statement.query) {
      portal.result = run(statement.sql);
    } else {
      checkTransaction(statement.sql);
      cancelled = false;
      lastSql = statement.sql;
      long start = System.nanoTime();
      portal.result = plan(statement).execute(portal.values, s -> running = s);
      trace(start, statement.sql);
    }
  }

  /** The statement's plan, made the first time it is asked for. */
  private QueryRouter.Plan plan(Prepared statement) throws SQLException {
    if (statement.plan == null) {
      statement.plan = router.plan(statement.sql, statement.paramTypes);
    }
    return statement.plan;
  }

  /** Close of a statement ('S') or a portal. */
  public void close(char kind, String name) throws IOException {
    if (kind == 'S') {
      Prepared p = prepared.remove(name);
      if (p != null) {
        p.close();
      }
    } else {
      closePortal(name);
    }
    wire.closeComplete();
  }

  /** Sync: outside a transaction block, the portals end. */
  public void sync() {
    if (transaction == 'I') {
      closePortals();
    }
  }

  /**
   * The session is idle again: no statement is running. Returns the transaction status that
   * ReadyForQuery reports (I idle, T in a block, E in a failed block).
   */
  public char ready() {
    running = null;
    return transaction;
  }

  /**
   * A statement failed: a failed transaction block stays failed until it ends. Returns the
   * error to report (a cancelled statement is reported as such, whatever broke it).
   */
  public SQLException failed(SQLException e) {
    if (TRACE) {
      System.err.println("pxweb-server: session " + pid + ": " + e.getSQLState() + " "
          + e.getMessage() + "\n  in: " + lastSql);
    }
    if (transaction == 'T') {
      transaction = 'E';
    }
    if (cancelled) {
      cancelled = false;
      return new SQLException("canceling statement due to user request", "57014", e);
    }
    return e;
  }

  private Portal portal(String name) throws SQLException {
    Portal portal = portals.get(name);
    if (portal == null) {
      throw new SQLException("portal \"" + name + "\" does not exist", "34000");
    }
    return portal;
  }

  private void rowDescription(List<Rows.Column> columns, Portal portal) throws IOException {
    List<Wire.Column> out = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      Rows.Column c = columns.get(i);
      boolean binary = portal != null && portal.binary(i) && c.type().hasBinary();
      out.add(new Wire.Column(c.name(), c.type().oid, (short) c.type().length, c.typmod(),
          binary));
    }
    wire.rowDescription(out);
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
        wire.beginRow(width);
        for (int i = 0; i < width; i++) {
          if (binary[i]) {
            wire.value(rows.binary(i));
          } else {
            wire.value(rows.text(i));
          }
        }
        wire.endRow();
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

  /** Called from the thread that received a CancelRequest with this session's key. */
  public void cancel() {
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

  /** Whether a statement is running now. */
  public boolean isRunning() {
    return running != null;
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

  /** Ends the session: its portals and its driver connection. */
  public void close() {
    closePortals();
    deallocate(null);
    try {
      connection.close();
    } catch (SQLException ignored) {
      // The session is over.
    }
  }

  @Override public Settings settings() {
    return settings;
  }

  @Override public void parameterChanged(String name, String value) throws IOException {
    wire.parameterStatus(name, value);
  }

  /**
   * A block's end closes its portals at the next Sync (or the simple query's end), not here:
   * the portal running the COMMIT is still being executed (pgjdbc sends COMMIT through one).
   */
  @Override public void transaction(char status) {
    transaction = status;
  }

  @Override public char transaction() {
    return transaction;
  }

  @Override public void deallocate(String name) {
    if (name == null) {
      prepared.values().forEach(Prepared::close);
      prepared.clear();
    } else {
      Prepared p = prepared.remove(name);
      if (p != null) {
        p.close();
      }
    }
  }
}
