package io.pxweb.shell;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Runs statements without SQLLine: each query's result printed in one {@link ResultFormat},
 * plus the shell commands {@code !tables [pattern]} and {@code !columns <table>}. Stops at the
 * first error.
 */
final class BatchRunner {
  private final Connection connection;
  private final ResultFormat format;
  private final PrintStream out;

  BatchRunner(Connection connection, ResultFormat format, PrintStream out) {
    this.connection = connection;
    this.format = format;
    this.out = out;
  }

  /** Runs the statements in order; throws the first failure. */
  void run(List<String> statements) throws SQLException {
    boolean first = true;
    for (String statement : statements) {
      if (!first && format != ResultFormat.JSON) {
        out.println();
      }
      first = false;
      if (statement.startsWith("!")) {
        command(statement.substring(1).strip());
      } else {
        query(statement);
      }
      out.flush();
    }
  }

  private void query(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      if (s.execute(sql)) {
        try (ResultSet rs = s.getResultSet()) {
          format.print(Result.of(rs), out);
        }
      }
    }
  }

  private void command(String command) throws SQLException {
    String[] words = command.split("\\s+", 2);
    String name = words[0].endsWith(";") ? words[0].substring(0, words[0].length() - 1)
        : words[0];
    String arg = words.length > 1 ? unquote(words[1].strip().replaceAll(";$", "").strip()) : null;
    DatabaseMetaData md = connection.getMetaData();
    switch (name) {
      case "tables" -> {
        try (ResultSet rs = md.getTables(null, null, arg == null ? "%" : arg, null)) {
          format.print(Result.of(rs, "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS"), out);
        }
      }
      case "columns" -> {
        if (arg == null) {
          throw new SQLException("!columns needs a table name, e.g. !columns TAB004", "42000");
        }
        try (ResultSet rs = md.getColumns(null, null, arg, "%")) {
          format.print(Result.of(rs, "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "TYPE_NAME",
              "REMARKS"), out);
        }
      }
      default -> throw new SQLException("Unknown command !" + name + "; commands are !tables"
          + " [pattern] and !columns <table> (all of SQLLine's in an interactive session)",
          "42000");
    }
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1) : s;
  }
}
