package io.pxweb.jdbc.testserver;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value-selection grammar of one variable (PxAPI-2.yml): literal codes, {@code *} and
 * {@code ?} masks, {@code top}, {@code bottom}, {@code range}, {@code from} and {@code to}.
 *
 * <p>The regular expressions are those of PxWebApi's {@code SelectionExpressions/*.cs}, as
 * quoted in the contract, including their quirks (no spaces inside {@code top(n,o)}, codes
 * inside {@code range} are not trimmed).
 */
final class SelectionExpression {

  private static final Pattern TOP =
      Pattern.compile("^(TOP\\([1-9]\\d*\\)|TOP\\([1-9]\\d*,[0-9]\\d*\\))$", Pattern.CASE_INSENSITIVE);
  private static final Pattern BOTTOM =
      Pattern.compile("^(BOTTOM\\([1-9]\\d*\\)|BOTTOM\\([1-9]\\d*,[0-9]\\d*\\))$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern RANGE =
      Pattern.compile("^(RANGE\\(([^,]+)\\d*,([^,)]+)\\d*\\))$", Pattern.CASE_INSENSITIVE);
  private static final Pattern FROM =
      Pattern.compile("^(FROM\\(([^,]+)\\d*\\))$", Pattern.CASE_INSENSITIVE);
  private static final Pattern TO =
      Pattern.compile("^(TO\\(([^,]+)\\d*\\))$", Pattern.CASE_INSENSITIVE);

  private SelectionExpression() {
  }

  /**
   * The positions (table order) selected by the tokens of one variable.
   *
   * @throws ApiProblem 400 for an unknown value or an illegal expression, 500 with an empty
   *     body when the same literal code appears twice (observed at SSB, SCB and Latvia)
   */
  static BitSet expand(TestVariable variable, List<String> tokens) {
    BitSet selected = new BitSet(variable.size());
    BitSet literals = new BitSet(variable.size());
    for (String token : tokens) {
      // 1. A token equal to a code, ignoring case, is that code in its canonical spelling.
      OptionalInt literal = variable.findIgnoringCase(token);
      if (literal.isPresent()) {
        int p = literal.getAsInt();
        if (literals.get(p)) {
          throw ApiProblem.empty(500);
        }
        literals.set(p);
        selected.set(p);
        continue;
      }
      // 2. Otherwise the first expression class whose prefix or marker matches
      //    (ExpressionUtil.cs order); 3. else the value does not exist.
      selected.or(expression(variable, token));
    }
    return selected;
  }

  private static BitSet expression(TestVariable v, String token) {
    String upper = token.toUpperCase(Locale.ROOT);
    if (upper.startsWith("RANGE(")) {
      Matcher m = verified(RANGE, token);
      int a = lookup(v, m.group(2));
      int b = lookup(v, m.group(3));
      return span(v, Math.min(a, b), Math.max(a, b));
    }
    if (upper.startsWith("TOP(")) {
      int[] args = counts(verified(TOP, token).group(1));
      return v.isTime() ? fromEnd(v, args[0], args[1]) : fromStart(v, args[0], args[1]);
    }
    if (upper.startsWith("BOTTOM(")) {
      int[] args = counts(verified(BOTTOM, token).group(1));
      return v.isTime() ? fromStart(v, args[0], args[1]) : fromEnd(v, args[0], args[1]);
    }
    if (upper.startsWith("FROM(")) {
      return span(v, lookup(v, verified(FROM, token).group(2)), v.size() - 1);
    }
    if (upper.startsWith("TO(")) {
      return span(v, 0, lookup(v, verified(TO, token).group(2)));
    }
    if (token.contains("?")) {
      return mask(v, token);
    }
    if (token.contains("*")) {
      return wildcard(v, token);
    }
    throw ApiProblem.nonExistentValue();
  }

  private static Matcher verified(Pattern p, String token) {
    Matcher m = p.matcher(token);
    if (!m.matches()) {
      throw ApiProblem.illegalExpression();
    }
    return m;
  }

  /** A code named inside an expression; unknown codes are "Non-existent value". */
  private static int lookup(TestVariable v, String code) {
    OptionalInt p = v.findIgnoringCase(code);
    if (p.isEmpty()) {
      throw ApiProblem.nonExistentValue();
    }
    return p.getAsInt();
  }

  /** n and offset of {@code TOP(n)} / {@code TOP(n,offset)}; offset defaults to 0. */
  private static int[] counts(String expression) {
    String inner = expression.substring(expression.indexOf('(') + 1, expression.length() - 1);
    String[] parts = inner.split(",");
    return new int[] {
        Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0};
  }

  private static BitSet span(TestVariable v, int from, int to) {
    BitSet b = new BitSet(v.size());
    if (from <= to) {
      b.set(from, to + 1);
    }
    return b;
  }

  /** {@code Skip(offset).Take(n)} from the start. */
  private static BitSet fromStart(TestVariable v, int n, int offset) {
    int from = Math.min(offset, v.size());
    return span(v, from, Math.min(v.size(), from + n) - 1);
  }

  /** {@code Reverse().Skip(offset).Take(n).Reverse()}: the n values before the last offset. */
  private static BitSet fromEnd(TestVariable v, int n, int offset) {
    int to = v.size() - 1 - offset;
    return span(v, Math.max(0, to - n + 1), to);
  }

  /**
   * {@code *} alone, or one {@code *} at the start or the end, or two at both ends
   * (WildcardExpression.cs); matches on the code, ignoring case.
   */
  private static BitSet wildcard(TestVariable v, String token) {
    long stars = token.chars().filter(c -> c == '*').count();
    boolean lead = token.startsWith("*");
    boolean trail = token.endsWith("*");
    boolean legal = token.equals("*")
        || (stars == 1 && (lead || trail))
        || (stars == 2 && lead && trail && token.length() >= 2);
    if (!legal) {
      throw ApiProblem.illegalExpression();
    }
    String core = token.replace("*", "").toLowerCase(Locale.ROOT);
    BitSet b = new BitSet(v.size());
    for (int i = 0; i < v.size(); i++) {
      String code = v.valueCodes().get(i).toLowerCase(Locale.ROOT);
      boolean hit;
      if (token.equals("*") || (lead && trail)) {
        hit = code.contains(core);
      } else if (lead) {
        hit = code.endsWith(core);
      } else {
        hit = code.startsWith(core);
      }
      if (hit) {
        b.set(i);
      }
    }
    return b;
  }

  /** Each {@code ?} is exactly one character; everything else, {@code *} too, is literal. */
  private static BitSet mask(TestVariable v, String token) {
    StringBuilder regex = new StringBuilder("^");
    StringBuilder literal = new StringBuilder();
    for (char c : token.toCharArray()) {
      if (c == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append('.');
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    Pattern p = Pattern.compile(regex.append('$').toString(),
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    BitSet b = new BitSet(v.size());
    for (int i = 0; i < v.size(); i++) {
      if (p.matcher(v.valueCodes().get(i)).matches()) {
        b.set(i);
      }
    }
    return b;
  }
}
