package io.pxweb.jdbc.adapter;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;

/**
 * The runnable form of a {@link PxTableScan}: generated code hands its {@link ScanSpec} to
 * {@link PxWebTable#query}, which sends the requests and streams the rows.
 */
final class EnumerablePxTableScan extends PxTableScan implements EnumerableRel {
  EnumerablePxTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table,
      PxWebTable pxTable, ScanSpec spec) {
    super(cluster, traits, table, pxTable, spec);
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EnumerablePxTableScan(getCluster(), traitSet, getTable(), pxTable, spec);
  }

  @Override PxTableScan withSpec(ScanSpec newSpec) {
    return new EnumerablePxTableScan(getCluster(), getTraitSet(), getTable(), pxTable, newSpec);
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType = ScanRows.physType(implementor, getRowType(), pref);
    // The spec travels as a stashed object: it holds metadata and predicates, no literal code.
    Expression specExpression = implementor.stash(spec, ScanSpec.class);
    return implementor.result(physType, Blocks.toBlock(ScanRows.shape(
        Expressions.call(table.getExpression(PxWebTable.class), "query",
            implementor.getRootExpression(), specExpression), physType)));
  }
}
