package io.pxweb.jdbc.adapter;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;

/**
 * The runnable form of a {@link PxKeyedScan}: generated code runs the key input first, then
 * hands its codes to {@link PxWebTable#queryWithKeys}.
 */
final class EnumerablePxKeyedScan extends PxKeyedScan implements EnumerableRel {
  /** Named explicitly: the key input's static type is a subclass (e.g. ResultSetEnumerable). */
  private static final Method QUERY_WITH_KEYS;

  static {
    try {
      QUERY_WITH_KEYS = PxWebTable.class.getMethod("queryWithKeys",
          DataContext.class, ScanSpec.class, int.class,
          Enumerable.class);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  EnumerablePxKeyedScan(RelOptCluster cluster, RelTraitSet traits, RelNode keys, PxTableScan scan,
      int variable) {
    super(cluster, traits, keys, scan, variable);
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EnumerablePxKeyedScan(getCluster(), traitSet, inputs.get(0), scan, variable);
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    Result keys = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
    BlockBuilder builder = new BlockBuilder();
    Expression keyRows = builder.append("keys", keys.block);
    PhysType physType = ScanRows.physType(implementor, getRowType(), pref);
    Expression spec = implementor.stash(scan.spec(), ScanSpec.class);
    builder.add(Expressions.return_(null, ScanRows.shape(
        Expressions.call(getTable().getExpression(PxWebTable.class), QUERY_WITH_KEYS,
            implementor.getRootExpression(), spec, Expressions.constant(variable), keyRows),
        physType)));
    return implementor.result(physType, builder.toBlock());
  }
}
