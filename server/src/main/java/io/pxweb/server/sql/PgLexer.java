package io.pxweb.server.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's lexical structure: a statement's text as tokens (names, quoted names, string
 * constants in all three spellings, numbers, {@code $n} parameters, operators, punctuation and
 * the whitespace and comments between them). Lossless: the tokens' texts joined are the input.
 */
final class PgLexer {
  /** What a token is. */
  enum Kind { WORD, QUOTED_NAME, STRING, NUMBER, PARAM, OPERATOR, PUNCT, SPACE }

  /** One token: its kind, its text as written, and where it starts in the statement. */
  record Token(Kind kind, String text, int start) {
    boolean is(String word) {
      return (kind == Kind.WORD || kind == Kind.OPERATOR || kind == Kind.PUNCT)
          && text.equalsIgnoreCase(word);
    }

    /** A string constant's value (escapes and dollar quotes undone). */
    String stringValue() {
      return PgLexer.stringValue(text);
    }
  }

  private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

  private PgLexer() {
  }

  static List<Token> tokens(String sql) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < sql.length()) {
      int start = i;
      char c = sql.charAt(i);
      Kind kind;
      if (Character.isWhitespace(c) || sql.startsWith("--", i) || sql.startsWith("/*", i)) {
        while (i < sql.length() && (Character.isWhitespace(sql.charAt(i))
            || sql.startsWith("--", i) || sql.startsWith("/*", i))) {
          i = Character.isWhitespace(sql.charAt(i)) ? i + 1 : comment(sql, i);
        }
        kind = Kind.SPACE;
      } else if ((c == 'E' || c == 'e') && i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
        i = quoted(sql, i + 1, '\'', true);
        kind = Kind.STRING;
      } else if (c == '\'') {
        i = quoted(sql, i, '\'', false);
        kind = Kind.STRING;
      } else if (c == '"') {
        i = quoted(sql, i, '"', false);
        kind = Kind.QUOTED_NAME;
      } else if (c == '$' && i + 1 < sql.length() && Character.isDigit(sql.charAt(i + 1))) {
        i++;
        while (i < sql.length() && Character.isDigit(sql.charAt(i))) {
          i++;
        }
        kind = Kind.PARAM;
      } else if (c == '$' && dollarQuoteEnd(sql, i) > 0) {
        i = dollarQuoteEnd(sql, i);
        kind = Kind.STRING;
      } else if (Character.isLetter(c) || c == '_') {
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i))
            || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
          i++;
        }
        kind = Kind.WORD;
      } else if (Character.isDigit(c) || c == '.' && i + 1 < sql.length()
          && Character.isDigit(sql.charAt(i + 1))) {
        i = number(sql, i);
        kind = Kind.NUMBER;
      } else if (c == ':' && sql.startsWith("::", i)) {
        i += 2;
        kind = Kind.OPERATOR;
      } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
        while (i < sql.length() && OPERATOR_CHARS.indexOf(sql.charAt(i)) >= 0
            && !sql.startsWith("--", i) && !sql.startsWith("/*", i)) {
          i++;
        }
        kind = Kind.OPERATOR;
      } else {
        i++;
        kind = Kind.PUNCT;
      }
      out.add(new Token(kind, sql.substring(start, i), start));
    }
    return out;
  }

  /** End of a comment starting at i; block comments nest, as in PostgreSQL. */
  private static int comment(String s, int i) {
    if (s.startsWith("--", i)) {
      int end = s.indexOf('\n', i);
      return end < 0 ? s.length() : end + 1;
    }
    int depth = 0;
    int j = i;
    while (j < s.length()) {
      if (s.startsWith("/*", j)) {
        depth++;
        j += 2;
      } else if (s.startsWith("*/", j)) {
        depth--;
        j += 2;
        if (depth == 0) {
          return j;
        }
      } else {
        j++;
      }
    }
    return s.length();
  }

  private static int quoted(String s, int i, char quote, boolean escapes) {
    int j = i + 1;
    while (j < s.length()) {
      char d = s.charAt(j);
      if (escapes && d == '\\') {
        j += 2;
        continue;
      }
      if (d == quote) {
        if (j + 1 < s.length() && s.charAt(j + 1) == quote) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return s.length();
  }

  /** End of a dollar-quoted string starting at i ($tag$...$tag$), or -1 when it is not one. */
  private static int dollarQuoteEnd(String s, int i) {
    int j = i + 1;
    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
      j++;
    }
    if (j >= s.length() || s.charAt(j) != '$') {
      return -1;
    }
    String tag = s.substring(i, j + 1);
    int end = s.indexOf(tag, j + 1);
    return end < 0 ? s.length() : end + tag.length();
  }

  private static int number(String s, int i) {
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      i++;
    }
    if (i < s.length() && s.charAt(i) == '.' && !s.startsWith("..", i)) {
      i++;
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
    }
    if (i + 1 < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')
        && (Character.isDigit(s.charAt(i + 1)) || i + 2 < s.length()
        && (s.charAt(i + 1) == '+' || s.charAt(i + 1) == '-')
        && Character.isDigit(s.charAt(i + 2)))) {
      i += 2;
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
    }
    return i;
  }

  /** The value of a string constant token: '...' with '' doubled, E'...' with escapes, $$...$$. */
  static String stringValue(String text) {
    if (text.startsWith("$")) {
      int tagEnd = text.indexOf('$', 1) + 1;
      return text.substring(tagEnd, Math.max(tagEnd, text.length() - tagEnd));
    }
    boolean escapes = text.charAt(0) == 'E' || text.charAt(0) == 'e';
    String body = text.substring(escapes ? 2 : 1, Math.max(escapes ? 2 : 1, text.length() - 1));
    StringBuilder sb = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
        sb.append('\'');
        i++;
      } else if (escapes && c == '\\' && i + 1 < body.length()) {
        char e = body.charAt(++i);
        sb.append(switch (e) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'r' -> '\r';
          case 'b' -> '\b';
          case 'f' -> '\f';
          default -> e;
        });
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** A string constant in standard SQL spelling. */
  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
