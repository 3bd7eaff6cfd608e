package io.pxweb.server.sql;

import static io.pxweb.server.sql.LexicalForms.at;
import static io.pxweb.server.sql.LexicalForms.next;

import io.pxweb.server.catalog.PgType;
import io.pxweb.server.catalog.TimeZones;
import io.pxweb.server.sql.PgLexer.Kind;
import io.pxweb.server.sql.PgLexer.Token;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * PostgreSQL's {@code x AT TIME ZONE z}. The parser has no such operator, so on tokens it
 * becomes {@code timezone(z, x)}, PostgreSQL's own name for it, with {@code x} found by
 * PostgreSQL's precedence: AT binds looser than {@code ::}, {@code [ ]}, {@code .} and unary
 * minus and tighter than every binary operator, and is left-associative. On the tree each
 * {@code timezone(z, x)} is then typed as PostgreSQL types it: a timestamptz (or a date, or an
 * untyped string, both read as timestamptz) gives the wall clock in z, a timestamp; a timestamp
 * is read as z's wall clock and gives a timestamptz. Here a timestamptz is a timestamp holding
 * the session's wall clock (the TimeZone setting), so both are a shift of wall clocks between
 * two zones, {@code pg_catalog.pxweb_zone_shift(x, from, to)}.
 */
final class AtTimeZone {
  /** PostgreSQL's function AT TIME ZONE stands for, and the name its column gets. */
  static final String FUNCTION = "timezone";
  private static final SqlParserPos POS = SqlParserPos.ZERO;
  /** Words that do not start an operand (what follows them may). */
  private static final Set<String> CLAUSE_WORDS = Set.of("SELECT", "FROM", "WHERE", "AND", "OR",
      "NOT", "AS", "ON", "IN", "IS", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "FULL", "CROSS",
      "GROUP", "BY", "ORDER", "HAVING", "LIMIT", "OFFSET", "UNION", "ALL", "EXCEPT", "INTERSECT",
      "WITH", "WHEN", "THEN", "ELSE", "END", "BETWEEN", "LIKE", "ILIKE", "SIMILAR", "DISTINCT",
      "ASC", "DESC", "NULLS", "OVER", "PARTITION", "FILTER", "WINDOW", "USING", "LATERAL",
      "VALUES", "RETURNING", "ESCAPE", "FETCH", "ROWS", "ANY", "SOME", "EXISTS", "AT", "SET",
      "QUALIFY", "SYMMETRIC");
  /** Type names that take a string constant after them as a typed constant. */
  private static final Set<String> TYPED_CONSTANTS = Set.of("TIMESTAMP", "TIMESTAMPTZ", "DATE",
      "TIME", "TIMETZ", "INTERVAL");

  private AtTimeZone() {
  }

  // ---- Tokens: x AT TIME ZONE z as timezone(z, x) ----

  /** Every {@code x AT TIME ZONE z} of the statement as {@code timezone(z, x)}. */
  static List<Token> tokens(List<Token> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).is("AT") && isAtTimeZone(tokens, i)) {
        return expressions(tokens, 0, tokens.size());
      }
    }
    return tokens;
  }

  private static boolean isAtTimeZone(List<Token> t, int i) {
    int time = next(t, i);
    return at(t, i).is("AT") && at(t, time).is("TIME") && at(t, next(t, time)).is("ZONE");
  }

  /** Tokens from..to (exclusive) with each AT TIME ZONE among them rewritten. */
  private static List<Token> expressions(List<Token> t, int from, int to) {
    List<Token> out = new ArrayList<>();
    boolean afterOperand = false;
    int i = from;
    while (i < to) {
      Token token = t.get(i);
      if (token.kind() == Kind.SPACE) {
        out.add(token);
        i++;
        continue;
      }
      if (!startsOperand(token, afterOperand)) {
        out.add(token);
        afterOperand = token.is(")") || token.is("]");
        i++;
        continue;
      }
      int end = operandEnd(t, i, to);
      List<Token> operand = inner(t, i, end);
      int at = next(t, end - 1);
      while (at < to && isAtTimeZone(t, at)) {
        int z = next(t, next(t, next(t, at)));
        if (z >= to || !startsOperand(t.get(z), false)) {
          break;
        }
        int zoneEnd = operandEnd(t, z, to);
        List<Token> call = new ArrayList<>();
        call.add(new Token(Kind.WORD, FUNCTION, token.start()));
        call.add(new Token(Kind.PUNCT, "(", token.start()));
        call.addAll(inner(t, z, zoneEnd));
        call.add(new Token(Kind.PUNCT, ",", token.start()));
        call.addAll(operand);
        call.add(new Token(Kind.PUNCT, ")", token.start()));
        operand = call;
        end = zoneEnd;
        at = next(t, end - 1);
      }
      out.addAll(operand);
      afterOperand = true;
      i = end;
    }
    return out;
  }

  /** Whether an operand starts at this token; a sign only where no operand precedes it. */
  private static boolean startsOperand(Token t, boolean afterOperand) {
    switch (t.kind()) {
      case QUOTED_NAME: case STRING: case NUMBER: case PARAM:
        return true;
      case WORD:
        return !CLAUSE_WORDS.contains(t.text().toUpperCase(Locale.ROOT));
      case PUNCT:
        return t.is("(");
      case OPERATOR:
        return !afterOperand && (t.is("-") || t.is("+"));
      default:
        return false;
    }
  }

  /**
   * The end (exclusive) of the operand that starts at i: a sign and an operand, a typed
   * constant, a name (dotted, a call when a parenthesis follows), a parenthesised expression,
   * CASE ... END, ARRAY[...]; then any {@code ::type}, {@code [i]}, {@code .field}.
   */
  private static int operandEnd(List<Token> t, int i, int to) {
    Token first = t.get(i);
    int end;
    int n = next(t, i);
    if (first.kind() == Kind.OPERATOR) {
      return n < to && startsOperand(t.get(n), false) ? operandEnd(t, n, to) : i + 1;
    } else if (first.is("(")) {
      end = close(t, i, to) + 1;
    } else if (first.is("CASE")) {
      end = close(t, i, to) + 1;
    } else if (first.kind() == Kind.WORD && TYPED_CONSTANTS.contains(
        first.text().toUpperCase(Locale.ROOT)) && typedConstant(t, i, to) > 0) {
      end = typedConstant(t, i, to);
    } else if (first.kind() == Kind.WORD || first.kind() == Kind.QUOTED_NAME) {
      end = i + 1;
      while (at(t, next(t, end - 1)).is(".") && next(t, next(t, end - 1)) < to
          && isName(t.get(next(t, next(t, end - 1))))) {
        end = next(t, next(t, end - 1)) + 1;
      }
      int open = next(t, end - 1);
      if (open < to && (at(t, open).is("(") || first.is("ARRAY") && at(t, open).is("["))) {
        end = close(t, open, to) + 1;
      }
    } else {
      end = i + 1;
    }
    while (true) {
      int op = next(t, end - 1);
      if (op >= to) {
        return end;
      }
      Token o = t.get(op);
      if (o.is("::") && next(t, op) < to) {
        end = typeEnd(t, next(t, op), to);
      } else if (o.is("[")) {
        end = close(t, op, to) + 1;
      } else if (o.is(".") && next(t, op) < to && (isName(t.get(next(t, op)))
          || t.get(next(t, op)).is("*"))) {
        end = next(t, op) + 1;
      } else {
        return end;
      }
    }
  }

  private static boolean isName(Token t) {
    return t.kind() == Kind.WORD || t.kind() == Kind.QUOTED_NAME;
  }

  /** After {@code TIMESTAMP [WITH[OUT] TIME ZONE] 'text'}, or 0 when i starts no constant. */
  private static int typedConstant(List<Token> t, int i, int to) {
    int j = next(t, i);
    if (at(t, j).is("WITH") || at(t, j).is("WITHOUT")) {
      int time = next(t, j);
      int zone = next(t, time);
      if (!at(t, time).is("TIME") || !at(t, zone).is("ZONE")) {
        return 0;
      }
      j = next(t, zone);
    }
    return j < to && t.get(j).kind() == Kind.STRING ? j + 1 : 0;
  }

  /** The end (exclusive) of a type name starting at i, as written after {@code ::}. */
  private static int typeEnd(List<Token> t, int i, int to) {
    int end = i + 1;
    while (at(t, next(t, end - 1)).is(".") && next(t, next(t, end - 1)) < to) {
      end = next(t, next(t, end - 1)) + 1;
    }
    String word = t.get(end - 1).text().toUpperCase(Locale.ROOT);
    int j = next(t, end - 1);
    if (word.equals("DOUBLE") && at(t, j).is("PRECISION")
        || Set.of("CHARACTER", "CHAR", "BIT", "VARYING").contains(word) && at(t, j).is("VARYING")
        || word.equals("NATIONAL") && at(t, j).is("CHARACTER")) {
      return typeEnd(t, j, to);
    }
    if (at(t, j).is("(") && j < to) {
      end = close(t, j, to) + 1;
      j = next(t, end - 1);
    }
    if ((at(t, j).is("WITH") || at(t, j).is("WITHOUT")) && at(t, next(t, j)).is("TIME")
        && at(t, next(t, next(t, j))).is("ZONE")) {
      end = next(t, next(t, j)) + 1;
      j = next(t, end - 1);
    }
    while (at(t, j).is("[") && j < to) {
      end = close(t, j, to) + 1;
      j = next(t, end - 1);
    }
    return end;
  }

  /** The operand's tokens, with AT TIME ZONE rewritten inside its parentheses and CASE. */
  private static List<Token> inner(List<Token> t, int from, int to) {
    List<Token> out = new ArrayList<>();
    int i = from;
    while (i < to) {
      Token token = t.get(i);
      if (token.is("(") || token.is("[") || token.is("CASE")) {
        int close = close(t, i, to);
        out.add(token);
        out.addAll(expressions(t, i + 1, close));
        if (close < to) {
          out.add(t.get(close));
        }
        i = close + 1;
      } else {
        out.add(token);
        i++;
      }
    }
    return out;
  }

  /** Index of the bracket or END closing the bracket or CASE at i (to when unclosed). */
  private static int close(List<Token> t, int i, int to) {
    int depth = 0;
    for (int j = i; j < to; j++) {
      Token c = t.get(j);
      depth += c.is("(") || c.is("[") || c.is("CASE") ? 1
          : c.is(")") || c.is("]") || c.is("END") ? -1 : 0;
      if (depth == 0) {
        return j;
      }
    }
    return to;
  }

  // ---- Tree: timezone(z, x) as a shift between the session's zone and z ----

  /**
   * Every {@code timezone(z, x)} as {@code pg_catalog.pxweb_zone_shift(x, from, to)}; a zone
   * given as a constant that names no zone is 22023, as in PostgreSQL. {@code sessionZone}: the
   * zone timestamptz values are shown in (QueryRouter), a zone {@link TimeZones} knows.
   */
  static SqlNode rewrite(SqlNode tree, String sessionZone) throws SQLException {
    SqlNode session = SqlLiteral.createCharString(sessionZone, POS);
    SQLException[] failure = new SQLException[1];
    SqlNode out = tree.accept(new SqlShuttle() {
      @Override public SqlNode visit(SqlCall call) {
        if (!isTimezone(call)) {
          return super.visit(call);
        }
        SqlNode zone = call.operand(0);
        SqlNode value = call.operand(1);
        if (zone instanceof SqlCharStringLiteral z
            && TimeZones.zone(z.getValueAs(String.class)) == null && failure[0] == null) {
          failure[0] = new SQLException("time zone \"" + z.getValueAs(String.class)
              + "\" not recognized", "22023");
        }
        boolean wallClock = type(value) == PgType.TIMESTAMP;
        // now() is the driver's clock, in the JVM's zone, not the session's.
        SqlNode from = isNow(value) ? SqlLiteral.createCharString(
            TimeZone.getDefault().getID(), POS) : session;
        // An untyped constant is a timestamptz in PostgreSQL; the text is read as a timestamp.
        SqlNode shifted = value instanceof SqlCharStringLiteral ? SqlStdOperatorTable.CAST
            .createCall(POS, value, new SqlDataTypeSpec(new SqlBasicTypeNameSpec(
                SqlTypeName.TIMESTAMP, POS), POS)) : value.accept(this);
        SqlNode zoneValue = zone.accept(this);
        return SHIFT.createCall(call.getParserPosition(), shifted,
            wallClock ? zoneValue : from, wallClock ? session : zoneValue);
      }
    });
    if (failure[0] != null) {
      throw failure[0];
    }
    return out;
  }

  private static final SqlFunction SHIFT = new SqlUnresolvedFunction(
      new SqlIdentifier(List.of("pg_catalog", "pxweb_zone_shift"), POS), null, null, null, null,
      SqlFunctionCategory.USER_DEFINED_FUNCTION);

  private static boolean isNow(SqlNode value) {
    if (value instanceof SqlCall cast && cast.getKind() == SqlKind.CAST) {
      return isNow(cast.operand(0)); // now()::timestamptz
    }
    return value instanceof SqlCall call && call.getOperator() instanceof SqlFunction
        && Set.of("now", "current_timestamp", "transaction_timestamp", "statement_timestamp")
        .contains(PgRewrites.functionName(call));
  }

  static boolean isTimezone(SqlCall call) {
    return call.getOperator() instanceof SqlFunction && call.operandCount() == 2
        && PgRewrites.functionName(call).equals(FUNCTION);
  }

  /**
   * The date/time type PostgreSQL gives a value, as far as the tree tells: DATE, TIMESTAMP,
   * TIMESTAMPTZ, or null when unknown (a column, a string constant: at AT TIME ZONE both read
   * as PostgreSQL reads a date column and an untyped constant, as timestamptz).
   */
  static PgType type(SqlNode value) {
    if (value instanceof SqlUnknownLiteral typed) {
      // TIMESTAMP '...', as the parser leaves it for the validator.
      String tag = typed.tag.toUpperCase(Locale.ROOT);
      return tag.equals("DATE") ? PgType.DATE : tag.equals("TIMESTAMP") ? PgType.TIMESTAMP
          : tag.startsWith("TIMESTAMP") ? PgType.TIMESTAMPTZ : null;
    }
    if (value instanceof SqlLiteral literal) {
      SqlTypeName t = literal.getTypeName();
      return t == SqlTypeName.DATE ? PgType.DATE : t == SqlTypeName.TIMESTAMP ? PgType.TIMESTAMP
          : t == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE || t == SqlTypeName.TIMESTAMP_TZ
          ? PgType.TIMESTAMPTZ : null;
    }
    if (!(value instanceof SqlBasicCall call)) {
      return null;
    }
    if (call.getKind() == SqlKind.CAST && call.operand(1) instanceof SqlDataTypeSpec spec) {
      return castType(spec);
    }
    if (isTimezone(call)) {
      return type(call.operand(1)) == PgType.TIMESTAMP ? PgType.TIMESTAMPTZ : PgType.TIMESTAMP;
    }
    if (call.getKind() == SqlKind.PLUS || call.getKind() == SqlKind.MINUS) {
      PgType left = type(call.operand(0));
      // A date plus an interval is a timestamp.
      return left == PgType.DATE ? PgType.TIMESTAMP : left;
    }
    if (call.getOperator().getName().equalsIgnoreCase("LOCALTIMESTAMP")) {
      return PgType.TIMESTAMP;
    }
    if (call.getOperator().getName().equalsIgnoreCase("CURRENT_TIMESTAMP")) {
      return PgType.TIMESTAMPTZ;
    }
    if (call.getOperator() instanceof SqlFunction) {
      String name = PgRewrites.functionName(call);
      if (name.equals("date_trunc") && call.operandCount() == 2) {
        return type(call.operand(1)) == PgType.TIMESTAMP ? PgType.TIMESTAMP : PgType.TIMESTAMPTZ;
      }
      if (name.equals("now") || name.equals("to_timestamp")) {
        return PgType.TIMESTAMPTZ;
      }
    }
    return null;
  }

  private static PgType castType(SqlDataTypeSpec spec) {
    SqlTypeName basic = spec.getTypeNameSpec().getTypeName().names.size() == 1
        ? SqlTypeName.get(PgRewrites.typeName(spec).toUpperCase(Locale.ROOT)) : null;
    String name = PgRewrites.typeName(spec);
    if (name.equals("timestamptz") || basic == SqlTypeName.TIMESTAMP_TZ
        || basic == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
      return PgType.TIMESTAMPTZ;
    }
    return basic == SqlTypeName.TIMESTAMP ? PgType.TIMESTAMP
        : basic == SqlTypeName.DATE ? PgType.DATE : null;
  }
}
