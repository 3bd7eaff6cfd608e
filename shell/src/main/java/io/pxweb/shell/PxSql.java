package io.pxweb.shell;

import io.pxweb.jdbc.PxWebDriver;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLWarning;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import sqlline.SqlLine;

/**
 * The {@code pxsql} command: SQL against a statbank from the terminal.
 *
 * <p>Statements given as arguments, in a file or on standard input run in batch: each result is
 * printed in one {@link ResultFormat}, and the exit status says whether all succeeded. Without
 * statements on a terminal it starts an interactive SQLLine session.
 */
public final class PxSql {
  /** Exit status: every statement ran. */
  static final int OK = 0;
  /** Exit status: a statement or the connection failed (the message is on stderr). */
  static final int FAILED = 1;
  /** Exit status: the command line is wrong (unknown option or format, missing file). */
  static final int USAGE = 2;

  /** SQLLine reads its arguments through its own quoting: these are {@code "} and "". */
  private static final String CSV_QUOTE = "'\"'";
  private static final String NULL_TEXT = "''";

  /** System property the launcher script sets: the embedded sample database's URL. */
  static final String DEFAULT_URL_PROPERTY = "pxsql.url";

  private PxSql() {
  }

  public static void main(String[] args) {
    String defaultUrl = System.getProperty(DEFAULT_URL_PROPERTY, "jdbc:pxweb:file:samples/db");
    System.exit(run(args, defaultUrl, System.in, System.console() != null, System.out,
        System.err));
  }

  /** Runs pxsql; returns the exit status. */
  static int run(String[] args, String defaultUrl, InputStream stdin, boolean terminal,
      PrintStream out, PrintStream err) {
    Invocation inv;
    try {
      inv = Invocation.parse(args, defaultUrl);
    } catch (IllegalArgumentException e) {
      err.println("pxsql: " + e.getMessage());
      err.println("Try 'pxsql --help'.");
      return USAGE;
    }
    if (inv.help) {
      out.print(usage());
      return OK;
    }
    List<String> statements;
    try {
      statements = inv.statements(stdin, terminal);
    } catch (NoSuchFileException e) {
      err.println("pxsql: no such file: " + e.getFile());
      return USAGE;
    } catch (IOException e) {
      err.println("pxsql: cannot read " + (inv.file != null ? inv.file : "standard input") + ": "
          + e.getMessage());
      return USAGE;
    }
    if (statements == null) {
      return interactive(inv, err);
    }
    Properties info = new Properties();
    // Requests done/total on stderr while a long query runs (the driver prints it only in a
    // terminal). A property, not a URL suffix: messages quote the URL as the user typed it.
    info.setProperty("progress", "true");
    try (Connection c = new PxWebDriver().connect(inv.url, info)) {
      // A folder's unreadable files and lenient readings: the shell has no logging backend.
      for (SQLWarning w = c.getWarnings(); w != null; w = w.getNextWarning()) {
        err.println("pxsql: warning: " + w.getMessage());
      }
      new BatchRunner(c, inv.format, out).run(statements);
      return OK;
    } catch (SQLException e) {
      out.flush();
      err.println("pxsql: " + oneLine(e) + " (SQLState " + e.getSQLState() + ")");
      return FAILED;
    }
  }

  private static String oneLine(SQLException e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.strip();
  }

  /** An interactive SQLLine session; the URL is checked first so errors quote it as typed. */
  private static int interactive(Invocation inv, PrintStream err) {
    try {
      new PxWebDriver().getPropertyInfo(inv.url, new Properties());
    } catch (SQLException e) {
      err.println("pxsql: " + oneLine(e) + " (SQLState " + e.getSQLState() + ")");
      return FAILED;
    }
    List<String> a = sqllineArgs(inv.url, inv.format);
    try {
      SqlLine.Status status = SqlLine.start(a.toArray(new String[0]), null, true);
      return status == SqlLine.Status.OK ? OK : FAILED;
    } catch (IOException e) {
      err.println("pxsql: " + e.getMessage());
      return FAILED;
    }
  }

  /** SQLLine's arguments for an interactive session. */
  static List<String> sqllineArgs(String userUrl, ResultFormat format) {
    String url = userUrl.toLowerCase(Locale.ROOT).contains(";progress=") ? userUrl
        : userUrl + ";progress=true";
    return new ArrayList<>(List.of("-d", "io.pxweb.jdbc.PxWebDriver", "-u", url,
        "-n", "", "-p", "", "--outputformat=" + (format == ResultFormat.MARKDOWN ? "table"
            : format.id()), "--showHeader=true",
        "--isolation=TRANSACTION_NONE", "--connectInteractionMode=notAskCredentials",
        // A plan line cut at the terminal's edge would hide the requests and cells.
        "--maxWidth=100000", "--maxColumnWidth=100000", "--csvQuoteCharacter=" + CSV_QUOTE,
        "--nullValue=" + NULL_TEXT, "--verbose=false", "--showWarnings=false"));
  }

  static String usage() {
    StringBuilder formats = new StringBuilder();
    for (ResultFormat f : ResultFormat.values()) {
      formats.append(String.format("  %-9s %s%n", f.id(), f.description));
    }
    return """
        usage: pxsql [options] [SQL...]
               pxsql [options] -f FILE
               pxsql [options]                 (interactive, or statements on standard input)

        Runs SQL on a PxWeb statbank or a folder of PX files. Statements are separated by ';'.
        Without --url it opens the sample PX database in samples/db (offline).

        Options:
          -u, --url URL       the JDBC URL (forms below)
          -o, --format NAME   output format (below); default table
          -f, --file FILE     run the statements in FILE
          -e SQL              a statement (may be repeated; the same as SQL words)
          -h, --help          this text

        Formats:
        """ + formats + """

        URL forms:
          jdbc:pxweb:file:<folder>          a folder of PX files (subfolders are subjects)
          jdbc:pxweb:  or  jdbc:pxweb:ssb   Statistics Norway, PxWebApi 2.0 (internet)
          jdbc:pxweb:scb                    Statistics Sweden (internet)
          jdbc:pxweb:https://host/api/v2    any PxWebApi 2.0 server
          followed by ;key=value properties, e.g. jdbc:pxweb:ssb;lang=en
          (all properties: docs/connection-properties.md)

        Commands (besides SQL):
          !tables [pattern]   schemas, tables and their titles
          !columns TABLE      a table's columns and their descriptions
          EXPLAIN PLAN FOR <query> shows the requests and cells a query costs.

        Exit status: 0 all statements ran; 1 a statement or the connection failed (message and
        SQLState on stderr; later statements are not run); 2 bad command line.

        Examples:
          pxsql "SELECT * FROM \\"TAB004\\" WHERE SECTOR = '1.0' FETCH FIRST 5 ROWS ONLY"
          pxsql --format csv '!tables'
          pxsql --url 'jdbc:pxweb:ssb;lang=en' -f samples/sql/ssb/01-first-query.sql
        """;
  }

  /** The parsed command line. */
  static final class Invocation {
    String url;
    ResultFormat format = ResultFormat.TABLE;
    Path file;
    boolean help;
    /** Statement texts: each -e value, each run of SQL words joined by spaces. */
    final List<String> sql = new ArrayList<>();
    private boolean lastWasWord;

    static Invocation parse(String[] args, String defaultUrl) {
      Invocation inv = new Invocation();
      inv.url = defaultUrl;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        boolean word = false;
        switch (a) {
          case "-h", "--help" -> inv.help = true;
          case "--url", "-u" -> inv.url = value(args, ++i, a);
          case "--format", "-o" -> inv.format = format(value(args, ++i, a));
          case "-f", "--file" -> inv.file = Path.of(value(args, ++i, a));
          case "-e" -> inv.sql.add(value(args, ++i, a));
          default -> {
            if (a.startsWith("--url=")) {
              inv.url = a.substring(6);
            } else if (a.startsWith("--format=")) {
              inv.format = format(a.substring(9));
            } else if (a.startsWith("--file=")) {
              inv.file = Path.of(a.substring(7));
            } else if (a.startsWith("-") && inv.sql.isEmpty()) {
              throw new IllegalArgumentException("unknown option " + a);
            } else if (inv.lastWasWord) {
              inv.sql.set(inv.sql.size() - 1, inv.sql.get(inv.sql.size() - 1) + " " + a);
              word = true;
            } else {
              inv.sql.add(a);
              word = true;
            }
          }
        }
        inv.lastWasWord = word;
      }
      if (inv.file != null && !inv.sql.isEmpty()) {
        throw new IllegalArgumentException("give SQL or -f FILE, not both");
      }
      if (!inv.url.regionMatches(true, 0, "jdbc:pxweb:", 0, 11)) {
        throw new IllegalArgumentException("the URL must start with jdbc:pxweb: (got '"
            + inv.url + "')");
      }
      return inv;
    }

    /** The statements to run in batch, or null for an interactive session. */
    List<String> statements(InputStream stdin, boolean terminal) throws IOException {
      if (file != null) {
        return SqlScript.split(Files.readString(file, StandardCharsets.UTF_8));
      }
      if (!sql.isEmpty()) {
        // Each -e value ends at a line break, so a shell command in one ends there.
        return SqlScript.split(String.join("\n", sql));
      }
      if (!terminal) {
        return SqlScript.split(new String(stdin.readAllBytes(), StandardCharsets.UTF_8));
      }
      return null;
    }

    private static ResultFormat format(String name) {
      ResultFormat f = ResultFormat.of(name);
      if (f == null) {
        throw new IllegalArgumentException("unknown format '" + name + "'; one of "
            + String.join(", ", ResultFormat.ids()));
      }
      return f;
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }
  }
}
