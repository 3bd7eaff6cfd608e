package io.pxweb.server.sql;

import io.pxweb.server.sql.PgLexer.Kind;
import io.pxweb.server.sql.PgLexer.Token;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;

/**
 * PostgreSQL spellings below the grammar, normalised on the token stream before parsing: each
 * is a rule over tokens (never over text), one method each. What they leave is text the
 * parser reads; what changes meaning is done on the parse tree ({@link PgRewrites}).
 */
final class LexicalForms {
  private static final SqlAbstractParserImpl.Metadata BABEL =
      SqlBabelParserImpl.FACTORY.getParser(new StringReader("")).getMetadata();
  private static final Set<String> INTERVAL_UNITS = Set.of("year", "month", "week", "day",
      "hour", "minute", "second");

  /** The normalised text and, for each {@code ?} in it, the number n of the {@code $n} it was. */
  record Normalised(String text, List<Integer> parameters) {
  }

  private LexicalForms() {
  }

  static Normalised normalise(String sql) {
    List<Token> tokens = PgLexer.tokens(sql);
    tokens = operatorCalls(tokens);
    tokens = collations(tokens);
    tokens = keywordLabels(tokens);
    tokens = intervals(tokens);
    tokens = unnestCalls(tokens);
    tokens = distinctOn(tokens);
    tokens = AtTimeZone.tokens(tokens);
    List<Integer> parameters = new ArrayList<>();
    StringBuilder out = new StringBuilder(sql.length());
    for (Token t : tokens) {
      if (t.kind() == Kind.PARAM) {
        parameters.add(Integer.parseInt(t.text().substring(1)));
        out.append('?');
      } else if (t.kind() == Kind.STRING && !t.text().startsWith("'")) {
        // E'...' and $$...$$ become standard string constants.
        out.append(PgLexer.literal(t.stringValue()));
      } else if (t.kind() == Kind.SPACE) {
        out.append(t.text().contains("--") || t.text().contains("/*") ? " " : t.text());
      } else {
        out.append(t.text());
      }
    }
    return new Normalised(out.toString(), parameters);
  }

  /** Index of the first token after i that is not whitespace or a comment (size when none). */
  static int next(List<Token> tokens, int i) {
    int j = i + 1;
    while (j < tokens.size() && tokens.get(j).kind() == Kind.SPACE) {
      j++;
    }
    return j;
  }

  static Token at(List<Token> tokens, int i) {
    return i < tokens.size() ? tokens.get(i) : new Token(Kind.SPACE, "", -1);
  }

  private static Token space(Token t) {
    return new Token(Kind.SPACE, " ", t.start());
  }

  /** {@code OPERATOR(pg_catalog.~)} is how psql writes a plain operator: it becomes {@code ~}. */
  static List<Token> operatorCalls(List<Token> tokens) {
    List<Token> out = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      int open = next(tokens, i);
      int schema = next(tokens, open);
      int dot = next(tokens, schema);
      int op = next(tokens, dot);
      int close = next(tokens, op);
      if (t.is("OPERATOR") && at(tokens, open).is("(")
          && at(tokens, schema).kind() == Kind.WORD && at(tokens, dot).is(".")
          && at(tokens, op).kind() == Kind.OPERATOR && at(tokens, close).is(")")) {
        out.add(space(t));
        out.add(tokens.get(op));
        out.add(space(t));
        i = close;
      } else {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * {@code COLLATE name} goes: the driver compares strings by code point, which is
   * PostgreSQL's "C" collation, the one clients name ("default", "C", pg_catalog.default).
   */
  static List<Token> collations(List<Token> tokens) {
    List<Token> out = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      int name = next(tokens, i);
      if (t.is("COLLATE") && (at(tokens, name).kind() == Kind.WORD
          || at(tokens, name).kind() == Kind.QUOTED_NAME)) {
        int dot = next(tokens, name);
        i = at(tokens, dot).is(".") ? next(tokens, dot) : name;
        out.add(space(t));
        continue;
      }
      out.add(t);
    }
    return out;
  }

  /**
   * PostgreSQL takes any keyword as a column label after AS (Metabase writes "AS select",
   * "AS table", Evidence "AS rows", Malloy "AS row"); the parser wants it quoted, reserved or
   * not (ROWS is not reserved, yet "COUNT(*) AS rows FROM" fails to parse). Quoted in lower
   * case, the label is the one PostgreSQL folds it to. Type names after AS inside CAST(...)
   * stay.
   */
  static List<Token> keywordLabels(List<Token> tokens) {
    List<Token> out = new ArrayList<>();
    Deque<Boolean> castParens = new ArrayDeque<>();
    Token previous = null;
    Token beforePrevious = null;
    for (Token t : tokens) {
      if (t.kind() == Kind.SPACE) {
        out.add(t);
        continue;
      }
      if (t.is("(")) {
        castParens.push(previous != null && previous.is("CAST"));
      } else if (t.is(")") && !castParens.isEmpty()) {
        castParens.pop();
      }
      boolean inCast = !castParens.isEmpty() && castParens.peek();
      if (previous != null && previous.is("AS") && !inCast && t.kind() == Kind.WORD
          && BABEL.isKeyword(t.text().toUpperCase(Locale.ROOT))
          && (beforePrevious == null || !beforePrevious.is("WITH"))) {
        out.add(new Token(Kind.QUOTED_NAME, "\"" + t.text().toLowerCase(Locale.ROOT) + "\"",
            t.start()));
      } else {
        out.add(t);
      }
      beforePrevious = previous;
      previous = t;
    }
    return out;
  }

  /**
   * {@code unnest(a)} outside a FROM clause (a select item: SQLAlchemy's key reflection) is a
   * function call in PostgreSQL; the parser takes UNNEST only as a FROM item. There it becomes
   * the quoted name {@code "unnest"}, which parses as a call ({@link ArrayExpansions} reads it).
   * As a FROM item, {@code pg_catalog.unnest(a)} (psql's \d+) is the parser's UNNEST.
   */
  static List<Token> unnestCalls(List<Token> tokens) {
    List<Token> out = new ArrayList<>();
    Deque<Boolean> inFrom = new ArrayDeque<>();
    boolean from = false;
    Token previous = null;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind() == Kind.SPACE) {
        out.add(t);
        continue;
      }
      int dot = next(tokens, i);
      int unnest = next(tokens, dot);
      if (from && t.is("pg_catalog") && at(tokens, dot).is(".")
          && at(tokens, unnest).is("UNNEST") && previous != null && (previous.is("FROM")
          || previous.is("JOIN") || previous.is(",") || previous.is("LATERAL"))) {
        out.add(space(t));
        i = dot;
        continue;
      }
      if (t.is("(")) {
        inFrom.push(from);
        from = false;
      } else if (t.is(")")) {
        from = !inFrom.isEmpty() && inFrom.pop();
      } else if (t.is("FROM") || t.is("JOIN")) {
        from = true;
      } else if (t.is("SELECT") || t.is("WHERE") || t.is("ON") || t.is("GROUP")
          || t.is("HAVING") || t.is("ORDER") || t.is("USING") || t.is("WINDOW")) {
        from = false;
      }
      boolean fromItem = from && previous != null && (previous.is("FROM")
          || previous.is("JOIN") || previous.is(",") || previous.is("LATERAL"));
      if (t.is("UNNEST") && at(tokens, next(tokens, i)).is("(") && !fromItem) {
        out.add(new Token(Kind.QUOTED_NAME, "\"unnest\"", t.start()));
      } else {
        out.add(t);
      }
      previous = t;
    }
    return out;
  }

  /**
   * {@code INTERVAL '3 days'} and {@code '3 days'::interval} (PostgreSQL) are
   * {@code INTERVAL '3' DAY} in standard SQL; a week is seven days.
   */
  static List<Token> intervals(List<Token> tokens) {
    List<Token> out = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      int value = next(tokens, i);
      if (t.is("INTERVAL") && at(tokens, value).kind() == Kind.STRING) {
        String standard = standardInterval(tokens.get(value).stringValue());
        if (standard != null) {
          out.add(new Token(Kind.WORD, standard, t.start()));
          i = value;
          continue;
        }
      }
      int cast = next(tokens, i);
      int type = next(tokens, cast);
      if (t.kind() == Kind.STRING && at(tokens, cast).is("::") && at(tokens, type).is("interval")) {
        String standard = standardInterval(t.stringValue());
        if (standard != null) {
          out.add(new Token(Kind.WORD, standard, t.start()));
          i = type;
          continue;
        }
      }
      out.add(t);
    }
    return out;
  }

  /**
   * {@code SELECT DISTINCT ON (a, b) x, y} is not in the parser's grammar: it becomes a first
   * select item {@code pxweb_distinct_on(a, b)}, which {@link DistinctOn} takes out of the tree
   * again and turns into a QUALIFY.
   */
  static List<Token> distinctOn(List<Token> tokens) {
    List<Token> out = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      int on = next(tokens, i);
      int open = next(tokens, on);
      if (t.is("DISTINCT") && at(tokens, on).is("ON") && at(tokens, open).is("(")) {
        int depth = 0;
        int close = open;
        for (; close < tokens.size(); close++) {
          Token c = tokens.get(close);
          depth += c.is("(") ? 1 : c.is(")") ? -1 : 0;
          if (depth == 0) {
            break;
          }
        }
        if (close < tokens.size()) {
          out.add(new Token(Kind.WORD, DistinctOn.MARKER, t.start()));
          out.addAll(tokens.subList(open, close + 1));
          out.add(new Token(Kind.PUNCT, ",", tokens.get(close).start()));
          i = close;
          continue;
        }
      }
      out.add(t);
    }
    return out;
  }

  /** "3 days" as INTERVAL '3' DAY, or null when it is not one number and one unit. */
  static String standardInterval(String value) {
    String[] parts = value.trim().split(" +");
    if (parts.length != 2) {
      return null;
    }
    String unit = parts[1].toLowerCase(Locale.ROOT);
    if (unit.endsWith("s")) {
      unit = unit.substring(0, unit.length() - 1);
    }
    if (!INTERVAL_UNITS.contains(unit)) {
      return null;
    }
    long n;
    try {
      n = Long.parseLong(parts[0]);
    } catch (NumberFormatException e) {
      return null;
    }
    if (unit.equals("week")) {
      return "INTERVAL '" + n * 7 + "' DAY";
    }
    return "INTERVAL '" + n + "' " + unit.toUpperCase(Locale.ROOT);
  }
}
