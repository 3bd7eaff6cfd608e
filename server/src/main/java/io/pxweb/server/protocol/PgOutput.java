package io.pxweb.server.protocol;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds backend messages (type byte, length, body) into one reusable buffer and writes them to a
 * buffered stream: rows go out in large writes, and {@link #flush} is called only where the
 * protocol expects the client to read (ReadyForQuery, Flush, the end of a startup step).
 */
public final class PgOutput {
  private final OutputStream out;
  private byte[] buf = new byte[256];
  private int pos;
  private int start = -1;

  public PgOutput(OutputStream out) {
    this.out = new BufferedOutputStream(out, 1 << 16);
  }

  public PgOutput begin(char type) {
    pos = 0;
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

  public PgOutput cstring(String s) {
    bytes(s.getBytes(StandardCharsets.UTF_8));
    return byte1(0);
  }

  /** Writes the message built since {@link #begin}. */
  public void end() throws IOException {
    int len = pos - start;
    buf[start] = (byte) (len >>> 24);
    buf[start + 1] = (byte) (len >>> 16);
    buf[start + 2] = (byte) (len >>> 8);
    buf[start + 3] = (byte) len;
    out.write(buf, 0, pos);
    if (buf.length > 1 << 20) {
      buf = new byte[256]; // one huge row must not pin its buffer for the session's life
    }
    start = -1;
  }

  public void flush() throws IOException {
    out.flush();
  }

  /** An ErrorResponse as bytes, for a connection that has no session (yet) to write it. */
  static byte[] error(String severity, String state, String message) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(128);
    try {
      new PgOutput(bytes).errorResponse(severity, state, message).flush();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // a byte array does not fail
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
