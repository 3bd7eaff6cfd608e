package io.pxweb.jdbc.adapter.meta;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * Reader of the simple conditions catalog tables push to the server: a column equal to one or
 * more constants ({@code table_id = '07459'}, {@code IN (...)}, ORs of these), and a lower bound
 * on a column ({@code updated >= TIMESTAMP '...'}).
 */
final class Filters {
  private Filters() {
  }

  /** Expands IN and ranges (which arrive as SEARCH) into plain comparisons. */
  static RexNode expand(RexNode filter, DataContext root) {
    return RexUtil.expandSearch(new RexBuilder(root.getTypeFactory()), null, filter);
  }

  /**
   * Returns the constants a conjunct allows for a column, or null if the conjunct is not of
   * the form {@code column = c} or an OR of such.
   */
  static Set<String> equalities(RexNode conjunct, int column, DataContext root) {
    Set<String> out = new LinkedHashSet<>();
    for (RexNode d : RelOptUtil.disjunctions(conjunct)) {
      if (d.getKind() != SqlKind.EQUALS) {
        return null;
      }
      List<RexNode> ops = ((RexCall) d).getOperands();
      String value = ref(ops.get(0)) == column ? constant(ops.get(1), root)
          : ref(ops.get(1)) == column ? constant(ops.get(0), root) : null;
      if (value == null) {
        return null;
      }
      out.add(value);
    }
    return out;
  }

  /** Returns the input ref a node reads (through casts), or -1. */
  static int ref(RexNode node) {
    RexNode n = node.getKind() == SqlKind.CAST ? ((RexCall) node).getOperands().get(0) : node;
    return n instanceof RexInputRef r ? r.getIndex() : -1;
  }

  /** Returns a constant's value as text (parameters read from the context), or null. */
  static String constant(RexNode node, DataContext root) {
    RexNode n = node.getKind() == SqlKind.CAST ? ((RexCall) node).getOperands().get(0) : node;
    if (n instanceof RexLiteral l) {
      Object v = l.getValue2();
      return v == null ? null : v.toString();
    }
    if (n instanceof RexDynamicParam p) {
      Object v = root.get("?" + p.getIndex());
      return v == null ? null : v.toString();
    }
    return null;
  }

  /** Returns whether any filter reads the column. */
  static boolean reads(List<RexNode> filters, int column) {
    for (RexNode f : filters) {
      if (RelOptUtil.InputFinder.bits(f).get(column)) {
        return true;
      }
    }
    return false;
  }
}
