package io.pxweb.server.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * A connection that has not sent its startup packet yet, read without blocking by the listener's
 * one thread: it costs a socket and the bytes it sent, never a thread. Its buffer grows with the
 * bytes received, up to PostgreSQL's 10,000-byte startup packet limit.
 */
final class Startup {
  final SocketChannel channel;
  /** System.nanoTime() by which the client must have logged in, startup and authentication. */
  final long deadline;
  private final ByteBuffer length = ByteBuffer.allocate(4);
  private byte[] body;
  private int filled;

  Startup(SocketChannel channel, long deadline) {
    this.channel = channel;
    this.deadline = deadline;
  }

  /** Reads what has arrived: a whole packet's body (protocol code first), or null for more. */
  ByteBuffer read() throws IOException {
    if (length.hasRemaining()) {
      if (channel.read(length) < 0) {
        throw new EOFException();
      }
      if (length.hasRemaining()) {
        return null;
      }
      int len = length.getInt(0);
      if (len < 8 || len > PgInput.MAX_SMALL_MESSAGE) {
        throw new PgInput.ProtocolException("invalid startup packet length " + len);
      }
      body = new byte[Math.min(len - 4, 256)];
    }
    int total = length.getInt(0) - 4;
    while (filled < total) {
      if (filled == body.length) {
        body = Arrays.copyOf(body, Math.min(total, body.length * 2));
      }
      int n = channel.read(ByteBuffer.wrap(body, filled, body.length - filled));
      if (n < 0) {
        throw new EOFException();
      }
      if (n == 0) {
        return null;
      }
      filled += n;
    }
    ByteBuffer packet = ByteBuffer.wrap(body, 0, filled);
    length.clear();
    body = null;
    filled = 0;
    return packet;
  }

  /** Writes a short answer without blocking; a client that does not take it is closed anyway. */
  void send(byte[] bytes) throws IOException {
    channel.write(ByteBuffer.wrap(bytes));
  }
}
