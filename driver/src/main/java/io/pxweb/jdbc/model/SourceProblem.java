package io.pxweb.jdbc.model;

/**
 * Something a source could not read, or read only by a lenient rule: one row of
 * {@code meta.problems}.
 *
 * @param file the file (or resource) below the source's location, e.g. "labour/x.px"
 * @param line 1-based line of the problem, or 0 when it has none
 * @param tableId the table the file holds or would hold, or null
 * @param severity {@link #ERROR} (the table cannot be read) or {@link #WARNING} (read by a
 *     lenient rule, or skipped for a reason the user can fix)
 * @param message what is wrong, one sentence
 */
public record SourceProblem(String file, int line, String tableId, String severity,
    String message) {
  /** The table cannot be read: querying it fails. */
  public static final String ERROR = "error";
  /** The table is read, by a lenient rule, or the file is skipped for a stated reason. */
  public static final String WARNING = "warning";

  /** Returns the problem as one line: file, line, message. */
  public String describe() {
    return file + (line > 0 ? ", line " + line : "") + ": " + message;
  }
}
