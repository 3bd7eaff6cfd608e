package io.pxweb.jdbc.adapter;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
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
      return call.getKind() == SqlKind.AND ? and(operands) : or(operands);
    case NOT:
      Node inner = node(call.getOperands().get(0), rowType);
      return inner == null ? null : r -> {
        Boolean b = inner.test(r);
        return b == null ? null : !b;
      };
    case IS_NULL:
    case IS_NOT_NULL:
      if (!(call.getOperands().get(0) instanceof RexInputRef ref)) {
        return null;
      }
      int index = ref.getIndex();
      boolean isNull = call.getKind() == SqlKind.IS_NULL;
      return r -> (r[index] == null) == isNull;
    case EQUALS:
    case NOT_EQUALS:
    case LESS_THAN:
    case LESS_THAN_OR_EQUAL:
    case GREATER_THAN:
    case GREATER_THAN_OR_EQUAL:
      return comparison(call, rowType);
    default:
      return null;
    }
  }

  private static Node and(List<Node> operands) {
    return r -> {
      boolean unknown = false;
      for (Node n : operands) {
        Boolean b = n.test(r);
        if (b == null) {
          unknown = true;
        } else if (!b) {
          return false;
        }
      }
      return unknown ? null : Boolean.TRUE;
    };
  }

  private static Node or(List<Node> operands) {
    return r -> {
      boolean unknown = false;
      for (Node n : operands) {
        Boolean b = n.test(r);
        if (b == null) {
          unknown = true;
        } else if (b) {
          return true;
        }
      }
      return unknown ? null : Boolean.FALSE;
    };
  }

  /** A column compared with a literal, either way round; null if the types are not simple. */
  private static Node comparison(RexCall call, RelDataType rowType) {
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    SqlKind kind = call.getKind();
    if (left instanceof RexLiteral && right instanceof RexInputRef) {
      RexNode swap = left;
      left = right;
      right = swap;
      kind = kind.reverse();
    }
    if (!(left instanceof RexInputRef ref) || !(right instanceof RexLiteral literal)) {
      return null;
    }
    int index = ref.getIndex();
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
    SqlKind op = kind;
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
