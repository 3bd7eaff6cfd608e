package io.pxweb.jdbc.adapter.klass;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * Scan of a Klass table with what is pushed into its request ({@link KlassPush}). EXPLAIN
 * shows the pushed parameters: {@code KlassScan(table=[[klass, 131]], selectCodes=[0301,11*],
 * selectLevel=[1])}.
 */
class KlassScan extends TableScan {
  /** Rows assumed for a whole classification's history, for costing only. */
  private static final double HISTORY_ROWS = 1000;

  final KlassTable klassTable;
  final KlassPush push;

  /** Creates a logical scan (convention NONE); {@link KlassRules} makes it enumerable. */
  KlassScan(RelOptCluster cluster, RelOptTable table, KlassTable klassTable, KlassPush push) {
    this(cluster, cluster.traitSetOf(Convention.NONE), table, klassTable, push);
  }

  KlassScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, KlassTable klassTable,
      KlassPush push) {
    super(cluster, traits, List.of(), table);
    this.klassTable = klassTable;
    this.push = push;
  }

  KlassPush push() {
    return push;
  }

  /** Returns a scan of the same table with more pushed. */
  KlassScan withPush(KlassPush newPush) {
    return new KlassScan(getCluster(), getTraitSet(), getTable(), klassTable, newPush);
  }

  /** Returns this scan in the enumerable convention, ready to run. */
  KlassScan toEnumerable() {
    return new EnumerableKlassScan(getCluster(),
        getTraitSet().replace(EnumerableConvention.INSTANCE), getTable(), klassTable, push);
  }

  /** Names the node in EXPLAIN the same in either convention. */
  @Override public String getRelTypeName() {
    return "KlassScan";
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new KlassScan(getCluster(), traitSet, getTable(), klassTable, push);
  }

  @Override public void register(RelOptPlanner planner) {
    for (RelOptRule rule : KlassRules.RULES) {
      planner.addRule(rule);
    }
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .itemIf("selectCodes", push.selectCodes(), push.codes() != null)
        .itemIf("selectLevel", push.level(), push.level() != null)
        .itemIf("search", push.search(), push.search() != null);
  }

  @Override public double estimateRowCount(RelMetadataQuery mq) {
    double rows = HISTORY_ROWS;
    if (push.codes() != null) {
      rows = Math.min(rows, 5.0 * push.codes().size());
    }
    if (push.level() != null) {
      rows /= 3;
    }
    if (push.search() != null) {
      rows = 20;
    }
    return Math.max(rows, 1);
  }

  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // One request either way; fewer rows make the pushed scan the cheaper one.
    double rows = estimateRowCount(mq);
    return planner.getCostFactory().makeCost(rows, rows, 1);
  }
}
