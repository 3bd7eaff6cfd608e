package io.pxweb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pxweb.server.protocol.WireClient;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wire protocol at the byte level: negotiation requests, simple-query message sequences,
 * portals read in batches.
 */
class ProtocolTest {
  /** Rows read through a portal in batches (its next batch read ahead by the server). */
  private static final String PORTAL_QUERY = "SELECT \"REGION\", \"TIME\", \"HNMGA\" "
      + "FROM \"TAB001\" WHERE \"AGE\" = 'TOTAL' ORDER BY \"REGION\", \"TIME\"";
  private static PxWebServer server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerFixture.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void startup(DataOutputStream out, DataInputStream in) throws IOException {
    byte[] params = "user\0pxweb\0database\0statbank\0\0".getBytes(StandardCharsets.UTF_8);
    out.writeInt(8 + params.length);
    out.writeInt(196608);
    out.write(params);
    out.flush();
    while (true) {
      char type = (char) in.readByte();
      byte[] body = new byte[in.readInt() - 4];
      in.readFully(body);
      if (type == 'Z') {
        return;
      }
    }
  }

  /** Message types of the answer to one simple query, up to ReadyForQuery. */
  private static List<Character> query(DataOutputStream out, DataInputStream in, String sql)
      throws IOException {
    byte[] text = (sql + "\0").getBytes(StandardCharsets.UTF_8);
    out.writeByte('Q');
    out.writeInt(4 + text.length);
    out.write(text);
    out.flush();
    List<Character> types = new ArrayList<>();
    while (true) {
      char type = (char) in.readByte();
      byte[] body = new byte[in.readInt() - 4];
      in.readFully(body);
      types.add(type);
      if (type == 'Z') {
        return types;
      }
    }
  }

  /** The SQLSTATE of the ErrorResponse that comes next. */
  private static String errorCode(DataInputStream in) throws IOException {
    assertEquals('E', (char) in.readByte());
    byte[] body = new byte[in.readInt() - 4];
    in.readFully(body);
    for (String field : new String(body, StandardCharsets.UTF_8).split("\0")) {
      if (field.startsWith("C")) {
        return field.substring(1);
      }
    }
    return null;
  }

  @Test
  void beforeLoginMessagesAreBoundedAsInPostgresql() throws Exception {
    // A startup packet over 10,000 bytes is refused before it is read.
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeInt(10_001); // only the length: bytes left unread would reset the connection
      out.flush();
      assertEquals("08P01", errorCode(new DataInputStream(s.getInputStream())));
    }
    // A SASL response longer than 10,000 bytes too, with a password required.
    java.nio.file.Path users = java.nio.file.Files.createTempFile("users", "");
    java.nio.file.Files.writeString(users, "pxweb:secret\n");
    try (PxWebServer scram = ServerFixture.start("--users", users.toString());
         Socket s = new Socket("127.0.0.1", scram.port())) {
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      DataInputStream in = new DataInputStream(s.getInputStream());
      byte[] params = "user\0pxweb\0database\0statbank\0\0".getBytes(StandardCharsets.UTF_8);
      out.writeInt(8 + params.length);
      out.writeInt(196608);
      out.write(params);
      out.flush();
      assertEquals('R', (char) in.readByte()); // AuthenticationSASL
      in.readFully(new byte[in.readInt() - 4]);
      out.writeByte('p');
      out.writeInt(1 << 20);
      out.flush();
      assertEquals("08P01", errorCode(in));
    } finally {
      java.nio.file.Files.delete(users);
    }
  }

  @Test
  void sslAndGssEncryptionRequestsAreDeclinedThenStartupProceeds() throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      DataInputStream in = new DataInputStream(s.getInputStream());
      for (int code : new int[] {80877104, 80877103}) {
        out.writeInt(8);
        out.writeInt(code);
        out.flush();
        assertEquals('N', in.readByte());
      }
      startup(out, in);
      assertEquals(List.of('I', 'Z'), query(out, in, ""));
      assertEquals(List.of('I', 'Z'), query(out, in, " ;; "));
      assertEquals(List.of('T', 'D', 'C', 'C', 'T', 'D', 'D', 'C', 'Z'),
          query(out, in, "SELECT 1; SET search_path = statbank; VALUES (1), (2)"));
      assertEquals(List.of('E', 'Z'), query(out, in, "SELEC 1; SELECT 2"));
    }
  }

  private static List<String> all() throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = ServerFixture.pg(server, ""); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(PORTAL_QUERY)) {
      while (rs.next()) {
        rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
      }
    }
    return rows;
  }

  /**
   * A suspended portal's next rows are read ahead while the client reads its batch: every row
   * still arrives once and in order, whatever the next Execute asks for (fewer rows than were
   * read ahead, more, all), and a portal closed after its read-ahead is gone.
   */
  @Test
  void aCursorFetchGetsEveryRowOnceInOrder() throws Exception {
    List<String> expected = all();
    List<String> fetched = new ArrayList<>();
    try (Connection c = ServerFixture.pg(server, "")) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.setFetchSize(7);
        try (ResultSet rs = s.executeQuery(PORTAL_QUERY)) {
          while (rs.next()) {
            fetched.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
            if (fetched.size() % 7 == 0) {
              Thread.sleep(1); // the client is slow: the server has read ahead
            }
          }
        }
      }
      c.commit();
    }
    assertEquals(expected, fetched);
  }

  @Test
  void executesOfOtherSizesAfterAReadAheadGetTheRowsInOrder() throws Exception {
    List<String> expected = all();
    try (WireClient c = new WireClient(server.port()).login("pxweb")) {
      c.query("BEGIN");
      c.until('Z');
      c.send('P', body("", PORTAL_QUERY, (short) 0));
      c.send('B', body("p1", "", (short) 0, (short) 0, (short) 0));
      List<String> got = new ArrayList<>();
      assertEquals("s", execute(c, "p1", 5, got)); // then 5 more are read ahead
      Thread.sleep(300);
      assertEquals("s", execute(c, "p1", 2, got)); // fewer than were read ahead
      Thread.sleep(300);
      assertEquals("s", execute(c, "p1", 20, got)); // more than were read ahead
      Thread.sleep(300);
      assertEquals("SELECT " + expected.size(), execute(c, "p1", 0, got)); // the rest
      assertEquals(expected, got);

      c.send('B', body("p2", "", (short) 0, (short) 0, (short) 0));
      assertEquals("s", execute(c, "p2", 3, new ArrayList<>()));
      Thread.sleep(300);
      c.send('C', body((byte) 'P', "p2"));
      c.send('E', body("p2", 0));
      c.send('S', new byte[0]);
      assertEquals('3', c.until('3').type());
      assertEquals("34000", c.until('E').field('C')); // closed with its rows read ahead
      c.until('Z');
    }
  }

  /** Execute of a portal for maxRows, then Sync: its rows added; the end's tag, or s. */
  private static String execute(WireClient c, String portal, int maxRows, List<String> rows)
      throws IOException {
    c.send('E', body(portal, maxRows));
    c.send('S', new byte[0]);
    String end = null;
    while (true) {
      WireClient.Message m = c.read();
      switch (m.type()) {
        case 'D' -> rows.add(dataRow(m.body()));
        case 's' -> end = "s";
        case 'C' -> end = m.text().replace("\0", "");
        case 'E' -> throw new IOException(m.field('C') + " " + m.field('M'));
        case 'Z' -> {
          return end;
        }
        default -> {
          // ParseComplete, BindComplete
        }
      }
    }
  }

  private static String dataRow(byte[] body) {
    ByteBuffer b = ByteBuffer.wrap(body);
    int n = b.getShort();
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int len = b.getInt();
      byte[] v = new byte[Math.max(len, 0)];
      b.get(v);
      row.append(i == 0 ? "" : "|").append(len < 0 ? "null" : new String(v, StandardCharsets.UTF_8));
    }
    return row.toString();
  }

  /** A message body: strings as C strings, bytes, shorts as int16, integers as int32. */
  private static byte[] body(Object... parts) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    for (Object p : parts) {
      if (p instanceof String s) {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
      } else if (p instanceof Byte b) {
        out.writeByte(b);
      } else if (p instanceof Short s) {
        out.writeShort(s);
      } else {
        out.writeInt((Integer) p);
      }
    }
    return bytes.toByteArray();
  }

  /** Parse, Bind, Execute, Sync of one statement: the answer's message types and SQLSTATE. */
  private static List<String> extended(DataOutputStream out, DataInputStream in, String sql)
      throws IOException {
    byte[] parse = ("\0" + sql + "\0").getBytes(StandardCharsets.UTF_8);
    out.writeByte('P');
    out.writeInt(4 + parse.length + 2);
    out.write(parse);
    out.writeShort(0);
    out.writeByte('B');
    out.writeInt(4 + 2 + 2 + 2 + 2);
    out.writeShort(0); // unnamed portal and statement: two empty strings
    out.writeShort(0); // no parameter formats
    out.writeShort(0); // no parameters
    out.writeShort(0); // no result formats
    out.writeByte('E');
    out.writeInt(4 + 1 + 4);
    out.writeByte(0);
    out.writeInt(0);
    out.writeByte('S');
    out.writeInt(4);
    out.flush();
    List<String> types = new ArrayList<>();
    while (true) {
      char type = (char) in.readByte();
      byte[] body = new byte[in.readInt() - 4];
      in.readFully(body);
      String entry = String.valueOf(type);
      if (type == 'E') {
        for (String field : new String(body, StandardCharsets.UTF_8).split("\0")) {
          if (field.startsWith("C")) {
            entry += field.substring(1);
          }
        }
      }
      types.add(entry);
      if (type == 'Z') {
        return types;
      }
    }
  }

  @Test
  void aPreparedStatementMayEndWithASemicolonButHoldsOneStatement() throws Exception {
    // Evidence's connector prepares 'SELECT 1;' (pg-cursor); PostgreSQL takes it, and refuses
    // two statements in one Parse with 42601.
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      DataInputStream in = new DataInputStream(s.getInputStream());
      startup(out, in);
      assertEquals(List.of("1", "2", "D", "C", "Z"), extended(out, in, "SELECT 1; "));
      assertEquals(List.of("E42601", "Z"), extended(out, in, "SELECT 1; SELECT 2"));
      assertEquals(List.of("1", "2", "D", "C", "Z"), extended(out, in, "SELECT ';' AS x"));
    }
  }
}
