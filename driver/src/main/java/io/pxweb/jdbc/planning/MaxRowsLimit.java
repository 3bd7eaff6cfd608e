package io.pxweb.jdbc.planning;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.Program;

/**
 * A statement's {@code setMaxRows} as a limit in its plan, so that the scan under it fetches
 * only the cells of the leading rows, as {@code FETCH FIRST n ROWS ONLY} does.
 *
 * <p>Calcite applies a statement's row limit only to the rows the finished plan returns: the
 * plan itself reads the whole table (DBeaver's data editor opens a table with
 * {@code SELECT * FROM t} and {@code setMaxRows(200)}, which read a whole first request of
 * cells). Here the limit joins the plan's top sort before optimization: a query ordered but
 * not limited gets the limit as its fetch, a smaller {@code FETCH} stays, and anything else
 * gets an unordered limit on top. The rows are the same either way: the first n of the
 * result in its order.
 */
final class MaxRowsLimit implements Program {
  private final Program planning;
  private final long maxRows;
  private final BooleanSupplier applies;

  /**
   * The program that limits the plan to maxRows, then runs planning; {@code applies} tells,
   * when the program runs, whether the statement is a query (not an EXPLAIN of one, whose
   * row limit is on the lines of the plan).
   */
  MaxRowsLimit(Program planning, long maxRows, BooleanSupplier applies) {
    this.planning = planning;
    this.maxRows = maxRows;
    this.applies = applies;
  }

  @Override public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    RelNode limited = applies.getAsBoolean() ? limit(rel, requiredOutputTraits) : rel;
    return planning.run(planner, limited, requiredOutputTraits, materializations, lattices);
  }

  /** Returns the root with at most maxRows rows, or the root itself when that cannot be said. */
  private RelNode limit(RelNode root, RelTraitSet required) {
    RexNode n = root.getCluster().getRexBuilder().makeExactLiteral(BigDecimal.valueOf(maxRows));
    if (root instanceof Sort sort) {
      if (sort.fetch == null) {
        return LogicalSort.create(sort.getInput(), sort.getCollation(), sort.offset, n);
      }
      if (sort.fetch instanceof RexLiteral fetch && RexLiteral.longValue(fetch) <= maxRows) {
        return root;
      }
      if (sort.fetch instanceof RexLiteral) {
        return LogicalSort.create(sort.getInput(), sort.getCollation(), sort.offset, n);
      }
    }
    // The result's order must come from the root (an ORDER BY is the root's sort): an
    // unordered limit above an ordered root that is not a sort could change which rows come.
    if (required.getCollation() != null
        && !required.getCollation().getFieldCollations().isEmpty()) {
      return root;
    }
    return LogicalSort.create(root, RelCollations.EMPTY, null, n);
  }
}
