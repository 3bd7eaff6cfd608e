package io.pxweb.jdbc.adapter;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The common predicates on one variable's columns (comparisons of a code, label or date column
 * with a literal, IS NULL, AND, OR, NOT: what {@code WHERE Region = '0301'}, IN lists and
 * ranges become), evaluated directly instead of compiled by Calcite's executor.
 *
 * <p>Calcite compiles every predicate it evaluates with Janino: 2-5 ms a predicate once the JVM
 * is warm, and a quarter of planning a new SQL text (docs/benchmarks.md); in a fresh JVM the
 * first one costs tens of milliseconds more. The semantics are those of Calcite's generated
 * code for these shapes: strings compare with {@link String#compareTo}, dates as epoch days,
 * NULL makes a comparison unknown, and AND, OR and NOT follow three-valued logic. Anything else
 * (casts, functions, LIKE, parameters, other types) is left to Calcite's executor.
 */
final class SimplePredicate {
  /** Evaluates the predicate on one record; null is SQL's unknown. */
  private interface Node {
    Boolean test(Object[] record);
  }

  private final Node root;

  private SimplePredicate(Node root) {
    this.root = root;
  }

  /**
   * Returns an evaluator of the predicate over records of {@code rowType} (strings for
   * character columns, epoch days as {@code Integer} for DATE columns), or null if the
   * predicate has a shape this class does not evaluate.
   */
  static SimplePredicate of(RexNode predicate, RelDataType rowType) {
    Node node = node(predicate, rowType);
    return node == null ? null : new SimplePredicate(node);
  }

  /** Returns whether the predicate is true for the record (false and unknown are not). */
  boolean isTrue(Object[] record) {
    return Boolean.TRUE.equals(root.test(record));
  }

  private static Node node(RexNode e, RelDataType rowType) {
    if (!(e instanceof RexCall call)) {
      return null;
    }
    switch (call.getKind()) {
    case AND:
    case OR:
      List<Node> operands = new ArrayList<>();
      for (RexNode operand : call.getOperands()) {
        Node n = node(operand, rowType);
        if (n == null) {
          return null;
        }
        operands.add(n);
      }
      return junction(operands, call.getKind() == SqlKind.OR);
    case NOT:
      Node inner = node(call.getOperands().get(0), rowType);
      return inner == null ? null : r -> {
        Boolean b = inner.test(r);
        return b == null ? null : !b;
      };
    case IS_NULL:
    case IS_NOT_NULL:
      int column = PredicateReader.column(call.getOperands().get(0), false);
      boolean isNull = call.getKind() == SqlKind.IS_NULL;
      return column < 0 ? null : r -> (r[column] == null) == isNull;
    default:
      return comparison(PredicateReader.comparison(call, false), rowType);
    }
  }

  /**
   * AND ({@code decisive} false) or OR ({@code decisive} true) in three-valued logic: the
   * decisive value wins, else unknown if any operand is unknown.
   */
  private static Node junction(List<Node> operands, boolean decisive) {
    return r -> {
      boolean unknown = false;
      for (Node n : operands) {
        Boolean b = n.test(r);
        if (b == null) {
          unknown = true;
        } else if (b == decisive) {
          return decisive;
        }
      }
      return unknown ? null : !decisive;
    };
  }

  /** A column compared with a literal; null if it is another shape or the types are not simple. */
  private static Node comparison(PredicateReader.Comparison read, RelDataType rowType) {
    if (read == null || read.literal() == null || read.kind() == SqlKind.LIKE) {
      return null;
    }
    RexLiteral literal = read.literal();
    int index = read.column();
    RelDataType columnType = rowType.getFieldList().get(index).getType();
    Comparable<?> constant;
    if (SqlTypeFamily.CHARACTER.contains(columnType)
        && SqlTypeFamily.CHARACTER.contains(literal.getType())) {
      constant = literal.getValueAs(String.class);
    } else if (columnType.getSqlTypeName() == SqlTypeName.DATE
        && literal.getType().getSqlTypeName() == SqlTypeName.DATE) {
      constant = literal.getValueAs(Integer.class);
    } else {
      return null;
    }
    if (constant == null) {
      // A comparison with NULL is unknown for every value.
      return r -> null;
    }
    SqlKind op = read.kind();
    return r -> {
      @SuppressWarnings("unchecked")
      Comparable<Object> value = (Comparable<Object>) r[index];
      if (value == null) {
        return null;
      }
      int cmp = value.compareTo(constant);
      return switch (op) {
        case EQUALS -> cmp == 0;
        case NOT_EQUALS -> cmp != 0;
        case LESS_THAN -> cmp < 0;
        case LESS_THAN_OR_EQUAL -> cmp <= 0;
        case GREATER_THAN -> cmp > 0;
        default -> cmp >= 0;
      };
    };
  }
}
