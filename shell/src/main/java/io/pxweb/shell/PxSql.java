package io.pxweb.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import sqlline.SqlLine;

/**
 * The {@code pxsql} command: SQL against a statbank from the terminal, on SQLLine.
 *
 * <p>Usage: {@code pxsql [--url jdbc:pxweb:...] [--format table|csv|tsv|json|vertical]
 * [-f file.sql | SQL...]}. Without {@code --url} it opens the embedded sample database
 * ({@code samples/db}); without SQL it starts an interactive session.
 */
public final class PxSql {
  /** The embedded default: the sample PX database shipped in the repository. */
  static final String DEFAULT_URL_PROPERTY = "pxsql.url";
  static final Set<String> FORMATS = Set.of("table", "csv", "tsv", "json", "vertical", "xmlattr");

  private PxSql() {
  }

  public static void main(String[] args) throws IOException {
    List<String> sqllineArgs;
    try {
      sqllineArgs = translate(args, System.getProperty(DEFAULT_URL_PROPERTY,
          "jdbc:pxweb:file:samples/db"));
    } catch (IllegalArgumentException e) {
      System.err.println("pxsql: " + e.getMessage());
      System.err.println(usage());
      System.exit(2);
      return;
    }
    if (sqllineArgs == null) {
      System.out.println(usage());
      return;
    }
    boolean batch = sqllineArgs.contains("-e")
        || sqllineArgs.stream().anyMatch(a -> a.startsWith("--run="));
    if (batch) {
      // A batch run has no terminal to offer; JLine's warning about that is noise.
      java.util.logging.Logger.getLogger("org.jline").setLevel(java.util.logging.Level.OFF);
      // SQLLine prints a stack trace for every error in commands given on the command line;
      // the user needs its one line "Error: <message> (state=...)", not the trace.
      System.setErr(new StackTraceFilter(System.err));
    }
    SqlLine.Status status = SqlLine.start(sqllineArgs.toArray(new String[0]), null, !batch);
    System.exit(status == SqlLine.Status.OK ? 0 : 1);
  }

  static String usage() {
    return "usage: pxsql [--url jdbc:pxweb:...] [--format table|csv|tsv|json|vertical]"
        + " [-f file.sql | SQL...]\n"
        + "  Without --url: the sample PX database in samples/db (offline).\n"
        + "  Without SQL: an interactive SQLLine session (!tables, !columns, !quit).\n"
        + "  Examples: pxsql \"select * from \\\"TAB004\\\" where SECTOR = '1.0'\"\n"
        + "            pxsql --url 'jdbc:pxweb:ssb;lang=en' --format csv \"select ...\"";
  }

  /** Turns pxsql's arguments into SQLLine's; null means "print usage". */
  static List<String> translate(String[] args, String defaultUrl) throws IOException {
    String url = defaultUrl;
    String format = "table";
    StringBuilder sql = new StringBuilder();
    Path file = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-h", "--help" -> {
          return null;
        }
        case "--url", "-u" -> url = value(args, ++i, a);
        case "--format", "-o" -> format = value(args, ++i, a).toLowerCase(Locale.ROOT);
        case "-f", "--file" -> file = Path.of(value(args, ++i, a));
        case "-e" -> sql.append(sql.length() > 0 ? " " : "").append(value(args, ++i, a));
        default -> {
          if (a.startsWith("--url=")) {
            url = a.substring(6);
          } else if (a.startsWith("--format=")) {
            format = a.substring(9).toLowerCase(Locale.ROOT);
          } else if (a.startsWith("-") && sql.length() == 0) {
            throw new IllegalArgumentException("unknown option " + a);
          } else {
            sql.append(sql.length() > 0 ? " " : "").append(a);
          }
        }
      }
    }
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException("unknown format '" + format + "'; one of " + FORMATS);
    }
    if (!url.toLowerCase(Locale.ROOT).contains(";progress=")) {
      // Requests done/total on stderr; the driver prints it only in a terminal.
      url = url + ";progress=true";
    }
    List<String> out = new ArrayList<>(List.of("-d", "io.pxweb.jdbc.PxWebDriver", "-u", url,
        "-n", "", "-p", "", "--outputformat=" + format, "--showHeader=true",
        "--isolation=TRANSACTION_NONE", "--connectInteractionMode=notAskCredentials",
        "--maxWidth=" + terminalWidth(), "--verbose=false", "--showWarnings=false"));
    boolean batch = file != null || sql.length() > 0;
    if (batch) {
      out.add("--silent=true");
      out.add("--showElapsedTime=false");
      out.add("--incremental=false");
    }
    if (file != null) {
      out.add("--run=" + file);
    } else if (sql.length() > 0) {
      String statement = sql.toString().strip();
      // SQLLine runs a statement only when it ends with a semicolon.
      out.add("-e");
      out.add(statement.endsWith(";") ? statement : statement + ";");
    }
    return out;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int terminalWidth() {
    String columns = System.getenv("COLUMNS");
    try {
      return columns == null ? 200 : Math.max(80, Integer.parseInt(columns.trim()));
    } catch (NumberFormatException e) {
      return 200;
    }
  }

}
