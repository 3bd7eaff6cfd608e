package io.pxweb.server.protocol;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads frontend messages; every length is checked against a ceiling before anything is allocated. */
public final class PgInput {
  /** The largest message accepted: a query text or a Bind with its parameters. */
  static final int MAX_MESSAGE = 64 << 20;

  private final DataInputStream in;

  public PgInput(InputStream in) {
    this.in = new DataInputStream(new java.io.BufferedInputStream(in, 1 << 14));
  }

  /** The startup packet's body after its length (protocol code first), at most 10,000 bytes as in PostgreSQL. */
  public ByteBuffer startupPacket() throws IOException {
    int len = in.readInt();
    if (len < 8 || len > 10_000) {
      throw new ProtocolException("invalid startup packet length " + len);
    }
    byte[] body = new byte[len - 4];
    in.readFully(body);
    return ByteBuffer.wrap(body);
  }

  /** The next message's type byte, or -1 when the client closed the connection. */
  int type() throws IOException {
    return in.read();
  }

  /**
   * The largest message before authentication (PostgreSQL's PG_MAX_AUTH_TOKEN_LENGTH): whoever
   * has not logged in yet cannot make the server allocate more.
   */
  static final int MAX_AUTH_MESSAGE = 65_535;

  /** The body of the message whose type was just read. */
  ByteBuffer body() throws IOException {
    return body(MAX_MESSAGE);
  }

  /** The body of the message whose type was just read, refused when longer than {@code max}. */
  ByteBuffer body(int max) throws IOException {
    int len;
    try {
      len = in.readInt();
    } catch (EOFException e) {
      throw new ProtocolException("connection closed inside a message");
    }
    if (len < 4 || len > max) {
      throw new ProtocolException("invalid message length " + len);
    }
    byte[] body = new byte[len - 4];
    in.readFully(body);
    return ByteBuffer.wrap(body);
  }

  static String cstring(ByteBuffer b) throws ProtocolException {
    int start = b.position();
    for (int i = start; i < b.limit(); i++) {
      if (b.get(i) == 0) {
        String s = new String(b.array(), start, i - start, StandardCharsets.UTF_8);
        b.position(i + 1);
        return s;
      }
    }
    throw new ProtocolException("unterminated string in message");
  }

  /** A malformed frontend message: the session ends with SQLSTATE 08P01. */
  public static final class ProtocolException extends IOException {
    ProtocolException(String message) {
      super(message);
    }
  }
}
