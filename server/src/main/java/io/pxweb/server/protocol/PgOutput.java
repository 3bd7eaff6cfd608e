package io.pxweb.server.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds backend messages (type byte, length, body) one after another in one reusable buffer,
 * written to the stream when it holds {@link #WRITE_AT} bytes: rows go out in large writes and
 * are copied once, from the values into the buffer (a buffered stream behind it would copy every
 * row a second time). {@link #flush} is called only where the protocol expects the client to read
 * (ReadyForQuery, Flush, the end of a startup step).
 */
public final class PgOutput {
  /** Buffered bytes that are written at the end of a message (a large write, as before). */
  private static final int WRITE_AT = 1 << 16;
  private final OutputStream out;
  private byte[] buf = new byte[WRITE_AT + 512];
  private int pos;
  private int start = -1;

  public PgOutput(OutputStream out) {
    this.out = out;
  }

  /** Starts a message; one begun and never ended (its values failed) is dropped. */
  public PgOutput begin(char type) {
    drop();
    ensure(5);
    buf[pos++] = (byte) type;
    start = pos;
    pos += 4;
    return this;
  }

  public PgOutput int8(long v) {
    int32((int) (v >>> 32));
    return int32((int) v);
  }

  public PgOutput int32(int v) {
    ensure(4);
    buf[pos++] = (byte) (v >>> 24);
    buf[pos++] = (byte) (v >>> 16);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
    return this;
  }

  public PgOutput int16(int v) {
    ensure(2);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
    return this;
  }

  public PgOutput byte1(int v) {
    ensure(1);
    buf[pos++] = (byte) v;
    return this;
  }

  public PgOutput bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
    return this;
  }

  /**
   * A value of a DataRow: its length (-1 for SQL NULL), then its UTF-8 bytes. An ASCII string,
   * which nearly every statistics value is, is copied char by char without a byte array of its own.
   */
  public PgOutput value(String s) {
    if (s == null) {
      return int32(-1);
    }
    int n = s.length();
    ensure(4 + n);
    int at = pos + 4;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return value(s.getBytes(StandardCharsets.UTF_8));
      }
      buf[at + i] = (byte) c;
    }
    int32(n);
    pos += n;
    return this;
  }

  /** A value of a DataRow in binary: its length (-1 for SQL NULL), then its bytes. */
  public PgOutput value(byte[] b) {
    return b == null ? int32(-1) : int32(b.length).bytes(b);
  }

  public PgOutput cstring(String s) {
    bytes(s.getBytes(StandardCharsets.UTF_8));
    return byte1(0);
  }

  /** Ends the message built since {@link #begin}; it is written with the next full buffer. */
  public void end() throws IOException {
    int len = pos - start;
    buf[start] = (byte) (len >>> 24);
    buf[start + 1] = (byte) (len >>> 16);
    buf[start + 2] = (byte) (len >>> 8);
    buf[start + 3] = (byte) len;
    start = -1;
    if (pos >= WRITE_AT) {
      write();
    }
  }

  /** Drops a message begun and never ended (its values failed). */
  public void drop() {
    if (start >= 0) {
      pos = start - 1;
      start = -1;
    }
  }

  /** Writes complete messages built earlier (rows read ahead). */
  public void messages(byte[] b, int off, int len) throws IOException {
    if (pos + len <= WRITE_AT) {
      ensure(len);
      System.arraycopy(b, off, buf, pos, len);
      pos += len;
    } else {
      write();
      out.write(b, off, len);
    }
  }

  public void flush() throws IOException {
    write();
    out.flush();
  }

  private void write() throws IOException {
    if (pos > 0) {
      out.write(buf, 0, pos);
      pos = 0;
    }
    if (buf.length > 1 << 20) {
      buf = new byte[WRITE_AT + 512]; // one huge row must not pin its buffer for the session's life
    }
  }

  /** An ErrorResponse as bytes, for a connection that has no session (yet) to write it. */
  static byte[] error(String severity, String state, String message) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try {
      new PgOutput(bytes).errorResponse(severity, state, message).flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  /** Writes an ErrorResponse (severity ERROR or FATAL, SQLSTATE, message). */
  PgOutput errorResponse(String severity, String state, String message) throws IOException {
    begin('E').byte1('S').cstring(severity).byte1('V').cstring(severity).byte1('C').cstring(state)
        .byte1('M').cstring(message == null ? state : message).byte1(0).end();
    return this;
  }

  private void ensure(int n) {
    if (pos + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }
  }
}
