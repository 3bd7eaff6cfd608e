package io.pxweb.server.sql;

import io.pxweb.server.sql.PgLexer.Kind;
import io.pxweb.server.sql.PgLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lexical questions about query text, answered on {@link PgLexer}'s tokens: the statements of a
 * simple query, a statement's first word, its {@code $n} parameters.
 */
final class SqlText {
  private SqlText() {
  }

  /** The statements of a simple-query message, each trimmed, without its semicolon. */
  static List<String> split(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (Token t : PgLexer.tokens(sql)) {
      if (t.kind() == Kind.PUNCT && t.text().equals(";")) {
        out.add(current.toString().trim());
        current.setLength(0);
      } else {
        current.append(t.text());
      }
    }
    String last = current.toString().trim();
    if (!last.isEmpty() || out.isEmpty()) {
      out.add(last);
    }
    return out;
  }


  /** The first word of a statement, upper-cased, after leading comments and parentheses. */
  static String firstWord(String sql) {
    Token word = firstWordToken(sql);
    return word == null ? "" : word.text().toUpperCase(Locale.ROOT);
  }

  private static Token firstWordToken(String sql) {
    for (Token t : PgLexer.tokens(sql)) {
      if (t.kind() == Kind.WORD) {
        return t;
      }
      if (t.kind() != Kind.SPACE && !t.is("(")) {
        return null;
      }
    }
    return null;
  }

  /** The highest {@code $n} in the text (0 when it has no parameters). */
  static int parameterCount(String sql) {
    int max = 0;
    for (Token t : PgLexer.tokens(sql)) {
      if (t.kind() == Kind.PARAM) {
        max = Math.max(max, Integer.parseInt(t.text().substring(1)));
      }
    }
    return max;
  }
}
