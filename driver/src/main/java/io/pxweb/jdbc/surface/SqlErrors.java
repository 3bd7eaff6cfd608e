package io.pxweb.jdbc.surface;

import io.pxweb.jdbc.adapter.PxWebQueryException;
import io.pxweb.jdbc.model.SourceProblem;
import java.io.StringReader;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLWarning;
import java.time.DateTimeException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * The one classification of failures at the JDBC surface: the SQLStates and sentences of the
 * failures the user's SQL or the user's calls cause (the table is in docs/sql-mapping.md,
 * "Errors"), for every call that passes {@link ErrorBoundary}.
 */
final class SqlErrors {
  /** The parser's word list: tells a reserved word used as a name from other syntax errors. */
  private static final SqlAbstractParserImpl.Metadata PARSER =
      SqlBabelParserImpl.FACTORY.getParser(new StringReader("")).getMetadata();

  private SqlErrors() {
  }

  /**
   * Turns any failure into the SQLException the user should see: one sentence, a SQLState,
   * never planner internals and never an {@link Error}.
   *
   * @param method the JDBC method that failed, as {@code ResultSet.getInt}, to name an
   *     unsupported feature; may be null
   * @param sql the SQL text the call ran, to point at a name to quote; may be null
   */
  static SQLException classify(Throwable failure, String method, String sql) {
    if (isWrite(sql)) {
      return readOnly(failure);
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof PxWebQueryException q) {
        return q.getCause();
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SqlParseException p) {
        return new SQLSyntaxErrorException(parseMessage(p, sql), "42601", failure);
      }
      if (t instanceof CalciteContextException c) {
        String m = c.getMessage();
        return new SQLSyntaxErrorException(m, validationState(
            c.getCause() == null ? m : String.valueOf(c.getCause().getMessage())), failure);
      }
      if (t instanceof SqlValidatorException v) {
        return new SQLSyntaxErrorException(contextMessage(failure, v),
            validationState(v.getMessage()), failure);
      }
    }
    if (failure instanceof SQLException s && s.getSQLState() != null
        && s.getMessage() != null && !s.getMessage().startsWith("Error while executing SQL")) {
      return s;
    }
    SQLException data = dataError(failure);
    if (data != null) {
      return data;
    }
    return otherError(failure, method);
  }

  /** Returns the validator's message with Calcite's position ("From line 1, column 15 ..."). */
  private static String contextMessage(Throwable failure, SqlValidatorException v) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CalciteContextException c) {
        return c.getMessage();
      }
    }
    return v.getMessage();
  }

  /**
   * One line for a parse error, instead of the parser's list of 60 expected tokens: where it
   * failed, and, when a name there starts with a digit or is a reserved word, that quoting it
   * fixes the query.
   */
  static String parseMessage(SqlParseException p, String sql) {
    if (sql != null && sql.isBlank()) {
      return "The SQL statement is empty";
    }
    String first = String.valueOf(p.getMessage()).split("\\R", 2)[0].trim();
    String hint = hint(tokensAt(sql, p.getPos()));
    if (hint == null) {
      hint = hint(first);
    }
    return hint == null ? "Syntax error: " + first : "Syntax error: " + first + " " + hint;
  }

  private static final Pattern TOKEN =
      Pattern.compile("\\G\\s*(\"[^\"]*\"|'[^']*'|[A-Za-z0-9_$]+|\\S)");

  /** Returns the token where the parser failed and the one after it, as text. */
  private static String tokensAt(String sql, SqlParserPos pos) {
    if (sql == null || pos == null || pos.getLineNum() < 1) {
      return null;
    }
    String[] lines = sql.split("\\R", -1);
    if (pos.getLineNum() > lines.length) {
      return null;
    }
    int offset = 0;
    for (int l = 0; l < pos.getLineNum() - 1; l++) {
      offset += lines[l].length() + 1;
    }
    offset += Math.max(0, pos.getColumnNum() - 1);
    if (offset > sql.length()) {
      return null;
    }
    Matcher m = TOKEN.matcher(sql);
    m.region(offset, sql.length());
    StringBuilder b = new StringBuilder();
    for (int n = 0; n < 2 && m.find(); n++) {
      b.append(m.group(1)).append(' ');
      m.region(m.end(), sql.length());
    }
    return b.toString();
  }

  /** Suggests quoting a name among these tokens, if quoting would help. */
  private static String hint(String found) {
    if (found == null) {
      return null;
    }
    // The parser names what it found in its message: Encountered "time FROM" / near 'FROM'.
    Matcher m = Pattern.compile("Encountered \"([^\"]*)\"|near the keyword '([^']*)'"
        + "|near '([^']*)'").matcher(found);
    if (m.find()) {
      found = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
    }
    for (String token : found.split("\\s+")) {
      if (token.isEmpty()) {
        continue;
      }
      if (Character.isDigit(token.charAt(0)) && !token.chars().allMatch(Character::isDigit)
          || token.matches("0\\d+")) {
        return "Names that start with a digit must be quoted: \"" + token + "\".";
      }
      String upper = token.toUpperCase(Locale.ROOT);
      if (token.matches("[A-Za-z_]+") && PARSER.isReservedWord(upper)
          && !COMMON_SYNTAX.contains(upper)) {
        return "'" + token + "' is an SQL keyword: quote it to use it as a name (\"" + upper
            + "\").";
      }
    }
    return null;
  }

  /** Keywords a syntax error names without them being misused as names. */
  private static final Set<String> COMMON_SYNTAX = Set.of("FROM", "WHERE",
      "SELECT", "GROUP", "ORDER", "BY", "HAVING", "LIMIT", "OFFSET", "FETCH", "AND", "OR", "NOT",
      "ON", "JOIN", "AS", "IN", "UNION", "ALL", "DISTINCT", "CASE", "WHEN", "THEN", "ELSE", "END",
      "IS", "NULL", "LIKE", "BETWEEN", "INNER", "LEFT", "RIGHT", "FULL", "OUTER", "WITH");

  /** The SQLState of a validation message. */
  static String validationState(String message) {
    String m = String.valueOf(message);
    if (m.startsWith("Object ") && m.contains("not found")) {
      return "42S02";
    }
    if (m.startsWith("Column ") && m.contains("not found")) {
      return "42S22";
    }
    if (m.startsWith("Illegal DATE literal") || m.startsWith("Illegal TIME")
        || m.startsWith("Illegal INTERVAL literal")) {
      return "22007";
    }
    if (m.startsWith("Numeric literal") && m.contains("out of range")) {
      return "22003";
    }
    if (m.startsWith("No match found for function signature")) {
      return "42883";
    }
    if (m.startsWith("Cannot apply ")) {
      return "42883";
    }
    if (m.contains(" is ambiguous")) {
      return "42702";
    }
    if (m.contains("is not being grouped")) {
      return "42803";
    }
    return "42000";
  }

  /** Calcite's words for a date, time or timestamp text it cannot read. */
  private static final Pattern DATE_VALUE = Pattern.compile(
      "field is out of range in '|Invalid (DATE|TIME|TIMESTAMP)|Illegal (DATE|TIME|TIMESTAMP)"
          + "|not in format '");

  /** Returns the error for a value that cannot be converted (text as number or date), or null. */
  static SQLException dataError(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof NumberFormatException n) {
        return new SQLDataException("A text value cannot be read as a number ("
            + n.getMessage() + ")", "22018", failure);
      }
      if (t instanceof DateTimeException d) {
        return new SQLDataException("A text value cannot be read as a date or time ("
            + d.getMessage() + ")", "22007", failure);
      }
      if (t instanceof IllegalArgumentException i && i.getCause() == null
          && DATE_VALUE.matcher(String.valueOf(i.getMessage())).find()) {
        return new SQLDataException("A text value cannot be read as a date or time ("
            + i.getMessage() + ")", "22007", failure);
      }
      if (t instanceof ArithmeticException a) {
        String m = String.valueOf(a.getMessage());
        return new SQLDataException(m.contains("by zero") ? "Division by zero"
            : "Arithmetic overflow (" + m + ")", m.contains("by zero") ? "22012" : "22003", failure);
      }
    }
    return null;
  }

  /** Classifies what no rule above claims: unsupported features, read-only writes, the rest. */
  static SQLException otherError(Throwable failure, String method) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof RelOptPlanner.CannotPlanException c) {
        String m = String.valueOf(c.getMessage());
        return m.contains("TableModify") ? readOnly(failure)
            : new SQLFeatureNotSupportedException(
                "This query cannot be run by pxweb-jdbc (no plan for its shape)", "0A000", failure);
      }
      if (t instanceof UnsupportedOperationException u) {
        return unsupported(method, failure);
      }
      if (t instanceof StackOverflowError) {
        return new SQLException("The statement is nested too deeply to plan (stack depth"
            + " limit exceeded)", "54001", failure);
      }
      if (t instanceof AssertionError) {
        // Calcite checks its own invariants with assertions ("Cannot add expression of
        // different type to set: ..." and a page of plan): a bug, not the user's.
        return new SQLException("pxweb-jdbc could not run this query: Calcite's planner failed"
            + " an internal check (" + firstLine(String.valueOf(t.getMessage())).replaceAll(
            "[: ]+$", "") + "); writing the query another way may avoid it", "XX000", failure);
      }
    }
    if (failure instanceof SQLFeatureNotSupportedException) {
      return unsupported(method, failure);
    }
    if (failure instanceof SQLException s && s.getSQLState() == null
        && s.getClass() == SQLDataException.class) {
      return new SQLDataException(conversionMessage(s.getMessage(), method), "22018", failure);
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      for (String[] known : AVATICA) {
        if (m.contains(known[0])) {
          return new SQLException(known[2] == null ? firstLine(m) : known[2], known[1], failure);
        }
      }
    }
    // The deepest message says what happened; the ones around it say where Calcite was.
    Throwable root = failure;
    String message = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      root = t;
      String m = t.getMessage();
      if (m != null && !WRAPPER.matcher(m).lookingAt()) {
        message = m;
      }
    }
    if (message == null) {
      message = root.getClass().getSimpleName();
    }
    String state = failure instanceof SQLException s && s.getSQLState() != null
        ? s.getSQLState() : "HY000";
    return new SQLException(firstLine(message), state, failure);
  }

  private static final Pattern WRITE = Pattern.compile(
      "(\\s|--[^\\n]*\\n|/\\*.*?\\*/)*(INSERT|UPDATE|DELETE|MERGE|UPSERT|CREATE|DROP|ALTER|TRUNCATE)\\b",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /** Whether a statement writes or defines (the driver only reads). */
  static boolean isWrite(String sql) {
    return sql != null && WRITE.matcher(sql).lookingAt();
  }

  static SQLException readOnly(Throwable cause) {
    return new SQLFeatureNotSupportedException("pxweb-jdbc is read-only: INSERT, UPDATE, DELETE,"
        + " MERGE and DDL are not supported", "0A000", cause);
  }

  /**
   * Avatica's and Calcite's runtime failures that carry no SQLState: the words that tell them,
   * the SQLState (pgjdbc's where it has one), and the sentence to say (null: their own).
   */
  private static final String[][] AVATICA = {
      {"unbound parameter", "07002",
          "A parameter of the prepared statement has no value: set every ? before executing"},
      {"parameter ordinal", "22023", null},
      {"invalid column ordinal", "22023", null},
      {"column '", "42S22", null},
      {"ResultSet closed", "24000", "The result set is closed"},
      {"Expecting cursor position", "24000",
          "The result set is not on a row: call next() first (and check that it returned true)"},
      {"Connection closed", "08003", "The connection is closed"},
      {"Statement closed", "HY010", "The statement is closed"},
      {"Substring error", "22011", null},
  };

  /** Messages of Calcite's wrappers around the real failure. */
  private static final Pattern WRAPPER = Pattern.compile(
      "Error while executing SQL|Error while applying rule|exception while executing query"
          + "|java\\.[a-z.]+Exception: ");

  private static SQLException unsupported(String method, Throwable cause) {
    String what = method == null ? "This operation" : method;
    return new SQLFeatureNotSupportedException(what + " is not supported by pxweb-jdbc",
        "0A000", cause);
  }

  /** Avatica says "cannot convert to long (...Accessor@1a2b)"; say what was asked instead. */
  private static String conversionMessage(String message, String method) {
    String m = String.valueOf(message).replaceAll("\\s*\\(org\\.apache\\.calcite[^)]*\\)", "");
    String call = method == null ? ""
        : " in ResultSet." + method.substring(method.lastIndexOf('.') + 1);
    return "The column's value " + m + call;
  }

  private static String firstLine(String message) {
    return message.split("\\R", 2)[0];
  }

  /** Most problems a connection's warning chain lists one by one. */
  static final int MAX_WARNINGS = 50;

  /**
   * Returns a source's problems as a warning chain (SQLState 01000), or null when there are
   * none: what a user sees without a logging backend. The chain is bounded; the rest is counted
   * and {@code meta.problems} lists all.
   */
  static SQLWarning warnings(
      List<SourceProblem> problems) {
    SQLWarning head = null;
    int n = 0;
    for (SourceProblem p : problems) {
      String text = n < MAX_WARNINGS
          ? (p.severity().equals(SourceProblem.ERROR) ? "Cannot read "
              : "Read by a lenient rule: ") + p.describe()
          : (problems.size() - MAX_WARNINGS) + " more problems: SELECT * FROM meta.problems";
      SQLWarning w = new SQLWarning(text, "01000");
      if (head == null) {
        head = w;
      } else {
        head.setNextWarning(w);
      }
      if (++n > MAX_WARNINGS) {
        break;
      }
    }
    return head;
  }
}
