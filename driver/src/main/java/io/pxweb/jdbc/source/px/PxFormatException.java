package io.pxweb.jdbc.source.px;

/**
 * Problem in the content of a PX file, located by line: a malformed file, or one beyond what the
 * driver reads ({@link #tooLarge(int, String)}).
 *
 * <p>Parsers throw it without knowing how the file is named to users; the folder adds the file's
 * path below its root, and the source turns it into an {@link java.sql.SQLException} (08P01, or
 * 54000 for a file too large).
 */
final class PxFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final boolean tooLarge;

  /**
   * Creates an exception.
   *
   * @param line 1-based line the problem was found on
   * @param detail what is wrong, e.g. "expected '=' after keyword TITLE"
   */
  PxFormatException(int line, String detail) {
    this(null, line, detail, false);
  }

  private PxFormatException(String file, int line, String detail, boolean tooLarge) {
    super(detail);
    this.file = file;
    this.line = line;
    this.tooLarge = tooLarge;
  }

  /** Creates the problem of a file that is well formed as far as read, but beyond a limit. */
  static PxFormatException tooLarge(int line, String detail) {
    return new PxFormatException(null, line, detail, true);
  }

  /** Returns the same problem located in a file. */
  PxFormatException in(String fileName) {
    PxFormatException e = new PxFormatException(fileName, line, getMessage(), tooLarge);
    e.setStackTrace(getStackTrace());
    return e;
  }

  /** Returns the file, as shown to users, or null when not known. */
  String file() {
    return file;
  }

  /** Returns the 1-based line the problem was found on. */
  int line() {
    return line;
  }

  /** Returns whether the file is beyond a limit of the driver rather than malformed. */
  boolean tooLarge() {
    return tooLarge;
  }

  /** Returns what is wrong, without the location. */
  String detail() {
    return getMessage();
  }
}
