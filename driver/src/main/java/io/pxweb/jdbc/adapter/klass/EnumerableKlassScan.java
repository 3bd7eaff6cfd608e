package io.pxweb.jdbc.adapter.klass;

import io.pxweb.jdbc.adapter.ScanRows;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;

/**
 * The runnable form of a {@link KlassScan}: generated code hands its {@link KlassPush} to
 * {@link KlassTable#scan}.
 */
final class EnumerableKlassScan extends KlassScan implements EnumerableRel {
  EnumerableKlassScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table,
      KlassTable klassTable, KlassPush push) {
    super(cluster, traits, table, klassTable, push);
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EnumerableKlassScan(getCluster(), traitSet, getTable(), klassTable, push);
  }

  @Override KlassScan withPush(KlassPush newPush) {
    return new EnumerableKlassScan(getCluster(), getTraitSet(), getTable(), klassTable, newPush);
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType = ScanRows.physType(implementor, getRowType(), pref);
    // Stashed rather than reached through the schema: a table looked up by an id that the
    // schema does not list cannot be found again by name at run time.
    return implementor.result(physType, Blocks.toBlock(ScanRows.shape(
        Expressions.call(implementor.stash(klassTable, KlassTable.class), "scan",
            implementor.getRootExpression(), implementor.stash(push, KlassPush.class)),
        physType)));
  }
}
