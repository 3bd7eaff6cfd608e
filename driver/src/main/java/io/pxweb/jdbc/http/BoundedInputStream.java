package io.pxweb.jdbc.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Response body that fails once more than a ceiling of bytes has been read from it.
 *
 * <p>OkHttp decompresses gzip transparently, so the ceiling applies to the bytes after
 * decompression: a 1.5 MB body that expands to 1.5 GB stops at the ceiling, never in an
 * {@link OutOfMemoryError}.
 */
public final class BoundedInputStream extends FilterInputStream {
  private final long limit;
  private final String what;
  private long count;

  public BoundedInputStream(InputStream in, long limit, String what) {
    super(in);
    this.limit = limit;
    this.what = what;
  }

  /** Thrown when a body exceeds its ceiling; a server that does so will do it again. */
  public static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super(message);
    }
  }

  private static TooLargeException tooLarge(String what, long limit, String detail) {
    return new TooLargeException("the " + what + " " + detail + ", more than the "
        + limit + " bytes allowed (connection property maxResponseSize; metadata documents get"
        + " a sixteenth of it)");
  }

  @Override public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  @Override public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    count(skipped);
    return skipped;
  }

  private void count(long n) throws TooLargeException {
    count += n;
    if (count > limit) {
      throw tooLarge(what, limit, "is longer");
    }
  }

  @Override public boolean markSupported() {
    return false;
  }
}
