package io.pxweb.server.protocol;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL client at the byte level, for what real clients never send: cut messages, slow
 * bytes, lengths that lie. Reads time out after 30 s so that no test waits for ever.
 */
public final class WireClient implements Closeable {
  /** One backend message: its type and body. */
  public record Message(char type, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** A field of an ErrorResponse (C: SQLSTATE, M: message, S: severity), or null. */
    public String field(char code) {
      for (String f : text().split("\0")) {
        if (!f.isEmpty() && f.charAt(0) == code) {
          return f.substring(1);
        }
      }
      return null;
    }
  }

  public final Socket socket;
  /** The backend key from BackendKeyData, for a CancelRequest. */
  public int pid;
  public int secret;
  public final DataOutputStream out;
  public final DataInputStream in;

  public WireClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(30_000);
    out = new DataOutputStream(socket.getOutputStream());
    in = new DataInputStream(socket.getInputStream());
  }

  /** The startup packet of protocol 3.0 for a user and the database statbank. */
  public static byte[] startupPacket(String user) {
    byte[] params = ("user\0" + user + "\0database\0statbank\0\0")
        .getBytes(StandardCharsets.UTF_8);
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + params.length);
    b.putInt(8 + params.length).putInt(196608).put(params);
    return b.array();
  }

  public void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Sends a message: type, length, body. */
  public void send(char type, byte[] body) throws IOException {
    out.writeByte(type);
    out.writeInt(4 + body.length);
    out.write(body);
    out.flush();
  }

  /** Logs in without a password; returns after ReadyForQuery. */
  public WireClient login(String user) throws IOException {
    send(startupPacket(user));
    while (true) {
      Message m = read();
      if (m.type() == 'K') {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(m.body());
        pid = b.getInt();
        secret = b.getInt();
      } else if (m.type() == 'E') {
        throw new IOException("login refused: " + m.field('C') + " " + m.field('M'));
      } else if (m.type() == 'Z') {
        return this;
      }
    }
  }

  /** Sends a CancelRequest for this client's session over a new connection, as clients do. */
  public void cancel(int port) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      DataOutputStream o = new DataOutputStream(s.getOutputStream());
      o.writeInt(16);
      o.writeInt(80877102);
      o.writeInt(pid);
      o.writeInt(secret);
      o.flush();
      s.getInputStream().read(); // the server closes it when done
    }
  }

  /** Sends a simple query. */
  public void query(String sql) throws IOException {
    send('Q', (sql + "\0").getBytes(StandardCharsets.UTF_8));
  }

  public Message read() throws IOException {
    char type = (char) in.readByte();
    byte[] body = new byte[in.readInt() - 4];
    in.readFully(body);
    return new Message(type, body);
  }

  /** Reads up to the first message of the type, or an ErrorResponse, whichever comes first. */
  public Message until(char type) throws IOException {
    while (true) {
      Message m = read();
      if (m.type() == type || m.type() == 'E') {
        return m;
      }
    }
  }

  /** Whether the server has closed the connection: end of stream or a reset. */
  public boolean closedByServer() {
    try {
      while (true) {
        read();
      }
    } catch (EOFException | java.net.SocketException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override public void close() throws IOException {
    socket.close();
  }
}
