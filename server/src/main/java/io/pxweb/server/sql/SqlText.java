package io.pxweb.server.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Lexical work on query text as PostgreSQL reads it: splitting a simple query into statements and
 * finding {@code $n} parameters, skipping string literals, quoted names, dollar quotes and comments.
 */
public final class SqlText {
  private SqlText() {
  }

  /** The statements of a simple-query message, each trimmed, without its semicolon. */
  public static List<String> split(String sql) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == ';') {
        out.add(sql.substring(start, i).trim());
        start = ++i;
      } else {
        i = skip(sql, i);
      }
    }
    String last = sql.substring(start).trim();
    if (!last.isEmpty() || out.isEmpty()) {
      out.add(last);
    }
    return out;
  }

  /**
   * Index after the token starting at {@code i}: a whole literal, quoted name, dollar-quoted string
   * or comment, else one character.
   */
  static int skip(String s, int i) {
    char c = s.charAt(i);
    if (c == '\'' || c == '"') {
      int j = i + 1;
      boolean escapes = c == '\'' && i > 0 && (s.charAt(i - 1) == 'E' || s.charAt(i - 1) == 'e')
          && (i < 2 || !Character.isLetterOrDigit(s.charAt(i - 2)));
      while (j < s.length()) {
        char d = s.charAt(j);
        if (escapes && d == '\\') {
          j += 2;
          continue;
        }
        if (d == c) {
          if (j + 1 < s.length() && s.charAt(j + 1) == c) {
            j += 2;
            continue;
          }
          return j + 1;
        }
        j++;
      }
      return s.length();
    }
    if (c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-') {
      int j = s.indexOf('\n', i);
      return j < 0 ? s.length() : j + 1;
    }
    if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
      int j = s.indexOf("*/", i + 2);
      return j < 0 ? s.length() : j + 2;
    }
    if (c == '$' && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))) {
      int j = i + 1;
      while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')
          && !Character.isDigit(s.charAt(i + 1))) {
        j++;
      }
      if (j < s.length() && s.charAt(j) == '$') {
        String tag = s.substring(i, j + 1);
        int end = s.indexOf(tag, j + 1);
        return end < 0 ? s.length() : end + tag.length();
      }
    }
    return i + 1;
  }

  /** Index just after the first word of a statement. */
  static int firstWordEnd(String sql) {
    String word = firstWord(sql);
    int at = sql.toUpperCase(java.util.Locale.ROOT).indexOf(word);
    return at < 0 ? 0 : at + word.length();
  }

  /** The first word of a statement, upper-cased, after leading comments and parentheses. */
  public static String firstWord(String sql) {
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (sql.startsWith("--", i) || sql.startsWith("/*", i)) {
        i = skip(sql, i);
      } else {
        break;
      }
    }
    int j = i;
    while (j < sql.length() && Character.isLetter(sql.charAt(j))) {
      j++;
    }
    return sql.substring(i, j).toUpperCase(java.util.Locale.ROOT);
  }

  /** Text with the {@code $n} parameters replaced by what {@code replacement} gives for n. */
  public static String replaceParameters(String sql, java.util.function.IntFunction<String> replacement) {
    StringBuilder out = new StringBuilder(sql.length());
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '$' && i + 1 < sql.length() && Character.isDigit(sql.charAt(i + 1))
          && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))) {
        int j = i + 1;
        while (j < sql.length() && Character.isDigit(sql.charAt(j))) {
          j++;
        }
        out.append(replacement.apply(Integer.parseInt(sql.substring(i + 1, j))));
        i = j;
      } else {
        int next = skip(sql, i);
        out.append(sql, i, next);
        i = next;
      }
    }
    return out.toString();
  }

  /** The highest {@code $n} in the text (0 when it has no parameters). */
  public static int parameterCount(String sql) {
    int[] max = {0};
    replaceParameters(sql, n -> {
      max[0] = Math.max(max[0], n);
      return "";
    });
    return max[0];
  }

  /** A string literal in SQL syntax. */
  static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
