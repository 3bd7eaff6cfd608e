package io.pxweb.server.protocol;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads frontend messages. Every length is checked against a ceiling, and a body's buffer grows
 * with the bytes that arrive rather than being allocated at the length the client announces: a
 * client that announces 64 MB and sends 7 bytes costs 7 bytes (and a first chunk), not 64 MB.
 */
public final class PgInput {
  /** The largest message accepted after login: a query text or a Bind with its parameters. */
  static final int MAX_MESSAGE = 64 << 20;

  /**
   * The largest startup packet, and any message before authentication has succeeded or a
   * message that only names things (Sync, Describe, Execute, Close...): PostgreSQL's
   * MAX_STARTUP_PACKET_LENGTH and PQ_SMALL_MESSAGE_LIMIT, 10,000 bytes.
   */
  static final int MAX_SMALL_MESSAGE = 10_000;

  /** The first buffer of a body; it doubles as bytes arrive, up to the message's length. */
  private static final int FIRST_CHUNK = 8 << 10;

  private final DataInputStream in;

  public PgInput(InputStream in) {
    this.in = new DataInputStream(new BufferedInputStream(in, 1 << 14));
  }

  /** The startup packet's body after its length (protocol code first), at most 10,000 bytes. */
  public ByteBuffer startupPacket() throws IOException {
    int len = in.readInt();
    if (len < 8 || len > MAX_SMALL_MESSAGE) {
      throw new ProtocolException("invalid startup packet length " + len);
    }
    return read(len - 4);
  }

  /** Whether bytes from the client are waiting to be read (true when that cannot be known). */
  boolean hasInput() {
    try {
      return in.available() > 0;
    } catch (IOException e) {
      return true;
    }
  }

  /** The next message's type byte, or -1 when the client closed the connection. */
  int type() throws IOException {
    return in.read();
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
    return read(len - 4);
  }

  private ByteBuffer read(int length) throws IOException {
    byte[] body = new byte[Math.min(length, FIRST_CHUNK)];
    int filled = 0;
    while (filled < length) {
      if (filled == body.length) {
        body = Arrays.copyOf(body, (int) Math.min(length, 2L * body.length));
      }
      int n = in.read(body, filled, body.length - filled);
      if (n < 0) {
        throw new ProtocolException("connection closed inside a message");
      }
      filled += n;
    }
    return ByteBuffer.wrap(body);
  }

  /**
   * Whether the client has closed its end, looking without consuming: a byte that arrived is put
   * back. The caller sets a short read timeout first; a timeout means the client is still there.
   */
  boolean atEnd() throws IOException {
    if (in.available() > 0) {
      return false;
    }
    in.mark(1);
    if (in.read() < 0) {
      return true;
    }
    in.reset();
    return false;
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
    public ProtocolException(String message) {
      super(message);
    }
  }
}
