package io.pxweb.jdbc.adapter.klass;

import io.pxweb.jdbc.adapter.PredicateReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * Translator of WHERE conjuncts into what Klass can select, returning what is pushed and what
 * remains for Calcite.
 *
 * <ul>
 *   <li>On the code column: {@code =}, {@code IN}, {@code LIKE 'prefix%'} and ORs of them go
 *       to {@code selectCodes} ({@code 0301,11*}). Codes with a comma, star, hyphen or space
 *       stay in Calcite: Klass reads those as list, wildcard and range syntax.
 *   <li>On the level column: {@code level = n} goes to {@code selectLevel}.
 *   <li>On {@code classifications.search}: {@code search = 'text'} goes to Klass's search.
 * </ul>
 *
 * <p>One conjunct per parameter is pushed; further conjuncts on the same column stay as a
 * filter, which is exact because Calcite applies them to the rows.
 */
final class KlassPredicates {
  private KlassPredicates() {
  }

  /** The outcome: the scan's new push, the conjuncts left for Calcite, and whether it grew. */
  record Result(KlassPush push, List<RexNode> residual, boolean pushedAnything) {
  }

  /** Translates a filter condition over the full row of a table's scan. */
  static Result translate(KlassTable table, KlassPush current, RexNode condition,
      RexBuilder rexBuilder) {
    // IN lists and ranges arrive as SEARCH; plain comparisons are easier to read.
    RexNode expanded = PredicateReader.expandSearch(rexBuilder, condition);
    KlassPush push = current;
    boolean pushed = false;
    List<RexNode> residual = new ArrayList<>();
    for (RexNode conjunct : PredicateReader.conjuncts(expanded)) {
      if (push.codes() == null && table.codeColumn() >= 0) {
        List<String> codes = codePatterns(conjunct, table.codeColumn());
        if (codes != null) {
          push = push.withCodes(codes);
          pushed = true;
          continue;
        }
      }
      if (push.level() == null && table.levelColumn() >= 0) {
        Integer level = equalsInteger(conjunct, table.levelColumn());
        if (level != null) {
          push = push.withLevel(level);
          pushed = true;
          continue;
        }
      }
      if (push.search() == null && table.searchColumn() >= 0) {
        String query = equalsText(conjunct, table.searchColumn());
        if (query != null && !query.isBlank()) {
          push = push.withSearch(query);
          pushed = true;
          continue;
        }
      }
      residual.add(conjunct);
    }
    return new Result(push, residual, pushed);
  }

  /** Returns the {@code selectCodes} patterns an OR of code conditions means, or null. */
  static List<String> codePatterns(RexNode node, int column) {
    Set<String> patterns = new LinkedHashSet<>();
    for (RexNode disjunct : PredicateReader.disjuncts(node)) {
      String p = codePattern(PredicateReader.comparison(disjunct, false), column);
      if (p == null) {
        return null;
      }
      patterns.add(p);
    }
    return patterns.isEmpty() ? null : new ArrayList<>(patterns);
  }

  private static String codePattern(PredicateReader.Comparison c, int column) {
    if (c == null || c.column() != column) {
      return null;
    }
    String text = text(c.literal());
    if (text == null) {
      return null;
    }
    if (c.kind() == SqlKind.EQUALS) {
      return selectable(text) ? text : null;
    }
    if (c.kind() == SqlKind.LIKE) {
      if (text.endsWith("%")) {
        String prefix = text.substring(0, text.length() - 1);
        return selectable(prefix) && noWildcard(prefix) ? prefix + "*" : null;
      }
      return selectable(text) && noWildcard(text) ? text : null;
    }
    return null;
  }

  /** Returns whether Klass reads a code as itself in {@code selectCodes}. */
  static boolean selectable(String code) {
    if (code.isEmpty()) {
      return false;
    }
    for (int i = 0; i < code.length(); i++) {
      char ch = code.charAt(i);
      if (ch == ',' || ch == '*' || ch == '-' || Character.isWhitespace(ch)) {
        return false;
      }
    }
    return true;
  }

  private static boolean noWildcard(String likeText) {
    return likeText.indexOf('%') < 0 && likeText.indexOf('_') < 0;
  }

  /** Returns the text of {@code column = 'text'} (either side), or null. */
  private static String equalsText(RexNode node, int column) {
    return text(equalsLiteral(node, column));
  }

  /** Returns the whole number of {@code column = n} (either side), or null. */
  private static Integer equalsInteger(RexNode node, int column) {
    RexLiteral literal = equalsLiteral(node, column);
    if (literal == null || literal.getType().getSqlTypeName().getFamily()
        != SqlTypeFamily.NUMERIC) {
      return null;
    }
    BigDecimal value = literal.getValueAs(BigDecimal.class);
    try {
      return value == null ? null : value.intValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }

  /** Returns the literal of {@code column = literal}, the column as it is (no cast), or null. */
  private static RexLiteral equalsLiteral(RexNode node, int column) {
    PredicateReader.Comparison c = PredicateReader.comparison(node, false);
    return c != null && c.kind() == SqlKind.EQUALS && c.column() == column ? c.literal() : null;
  }

  private static String text(RexLiteral l) {
    if (l != null && l.getType().getSqlTypeName().getFamily() == SqlTypeFamily.CHARACTER) {
      return l.getValueAs(String.class);
    }
    return null;
  }
}
