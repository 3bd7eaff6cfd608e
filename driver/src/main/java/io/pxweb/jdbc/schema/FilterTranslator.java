package io.pxweb.jdbc.schema;

import io.pxweb.jdbc.metadata.Variable;
import java.util.BitSet;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.plan.RelOptUtil;

/**
 * Translator of WHERE conjuncts into per-variable value selections.
 *
 * <p>It narrows a variable's selection for equality and IN on its code column ({@code Region =
 * '0301'}, {@code Region IN (...)}, ORs of these, prepared-statement parameters). Codes are taken
 * from the metadata: a literal that matches no code selects nothing, and is never sent.
 * Everything else is left to Calcite, which evaluates every filter again over the fetched cells,
 * so a conjunct the translator cannot use costs cells but never changes the result.
 */
public final class FilterTranslator {
  private final ColumnLayout layout;
  private final DataContext context;

  public FilterTranslator(ColumnLayout layout, DataContext context) {
    this.layout = layout;
    this.context = context;
  }

  /**
   * Returns one selection per variable (metadata order): the set of value positions to fetch.
   * A variable no conjunct restricts gets all its values.
   */
  public BitSet[] translate(List<RexNode> filters, RexBuilder rexBuilder) {
    List<Variable> variables = layout.metadata().variables();
    BitSet[] selected = new BitSet[variables.size()];
    for (int v = 0; v < variables.size(); v++) {
      selected[v] = new BitSet();
      selected[v].set(0, variables.get(v).size());
    }
    for (RexNode filter : filters) {
      RexNode expanded = rexBuilder == null ? filter : RexUtil.expandSearch(rexBuilder, null, filter);
      for (RexNode conjunct : RelOptUtil.conjunctions(expanded)) {
        Restriction r = restriction(conjunct);
        if (r != null) {
          selected[r.variable].and(r.positions);
        }
      }
    }
    return selected;
  }

  /** A conjunct's restriction of one variable to some values; null if it is not one. */
  private record Restriction(int variable, BitSet positions) {
  }

  private Restriction restriction(RexNode node) {
    if (node.getKind() == SqlKind.OR) {
      Restriction union = null;
      for (RexNode operand : ((RexCall) node).getOperands()) {
        Restriction r = restriction(operand);
        if (r == null || (union != null && union.variable != r.variable)) {
          return null;
        }
        if (union == null) {
          union = new Restriction(r.variable, (BitSet) r.positions.clone());
        } else {
          union.positions.or(r.positions);
        }
      }
      return union;
    }
    if (node.getKind() != SqlKind.EQUALS) {
      return null;
    }
    List<RexNode> operands = ((RexCall) node).getOperands();
    RexNode left = stripCast(operands.get(0));
    RexNode right = stripCast(operands.get(1));
    if (!(left instanceof RexInputRef)) {
      RexNode t = left;
      left = right;
      right = t;
    }
    if (!(left instanceof RexInputRef ref)) {
      return null;
    }
    ColumnLayout.Column column = layout.column(ref.getIndex());
    if (column.kind() != ColumnLayout.Kind.CODE) {
      return null;
    }
    String text = constant(right);
    if (text == null) {
      return null;
    }
    Variable variable = layout.metadata().variables().get(column.variable());
    BitSet positions = new BitSet();
    // SQL equality is exact: the server's case-insensitive match must not widen it.
    for (int i = 0; i < variable.size(); i++) {
      if (variable.values().get(i).code().equals(text)) {
        positions.set(i);
      }
    }
    return new Restriction(column.variable(), positions);
  }

  private static RexNode stripCast(RexNode node) {
    return node.getKind() == SqlKind.CAST ? ((RexCall) node).getOperands().get(0) : node;
  }

  private String constant(RexNode node) {
    if (node instanceof RexLiteral literal) {
      Object value = literal.getValue2();
      return value instanceof String s ? s : null;
    }
    if (node instanceof RexDynamicParam param && context != null) {
      Object value = context.get("?" + param.getIndex());
      return value instanceof String s ? s : null;
    }
    return null;
  }
}
