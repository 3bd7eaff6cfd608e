package io.pxweb.jdbc.source.px;

/**
 * Problem in the content of a PX file, located by line.
 *
 * <p>Parsers throw it without knowing how the file is named to users; the folder adds the file's
 * path below its root, and the source turns it into an {@link java.sql.SQLException}.
 */
final class PxFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;

  /**
   * Creates an exception.
   *
   * @param line 1-based line the problem was found on
   * @param detail what is wrong, e.g. "expected '=' after keyword TITLE"
   */
  PxFormatException(int line, String detail) {
    this(null, line, detail);
  }

  private PxFormatException(String file, int line, String detail) {
    super(detail);
    this.file = file;
    this.line = line;
  }

  /** Returns the same problem located in a file. */
  PxFormatException in(String fileName) {
    PxFormatException e = new PxFormatException(fileName, line, getMessage());
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

  /** Returns what is wrong, without the location. */
  String detail() {
    return getMessage();
  }
}
