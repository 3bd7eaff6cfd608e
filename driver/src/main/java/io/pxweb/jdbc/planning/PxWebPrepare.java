package io.pxweb.jdbc.planning;

import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;

/**
 * Calcite's preparation of a statement, with the driver's conversions of SQL to expressions and
 * without the default rules that give wrong plans.
 */
public final class PxWebPrepare extends CalcitePrepareImpl {
  @Override protected SqlRexConvertletTable createConvertletTable() {
    return TimestampTextConvertlets.INSTANCE;
  }

  /**
   * Calcite's planner without {@code ProjectAggregateMergeRule}: turning
   * {@code COALESCE(SUM(x), 0)} over a GROUP BY of two columns into {@code SUM0(x)}, it mapped the
   * sum to a grouping column (Calcite 1.42): an AssertionError, or inside a WITH query the
   * column's values silently returned as the sum (Malloy's and Metabase's form of a sum;
   * DifferentialRegressionTest). What it saves, a CASE over one sum, is nothing next to a
   * statbank request.
   */
  // Context here is the inherited CalcitePrepare.Context, so the planner's Context is named whole.
  @Override protected RelOptPlanner createPlanner(Context prepareContext,
      org.apache.calcite.plan.Context externalContext, RelOptCostFactory costFactory) {
    RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
    planner.removeRule(CoreRules.PROJECT_AGGREGATE_MERGE);
    return planner;
  }
}
