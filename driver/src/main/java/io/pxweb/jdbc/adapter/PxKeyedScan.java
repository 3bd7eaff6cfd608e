package io.pxweb.jdbc.adapter;

import io.pxweb.jdbc.model.DataRequest;
import java.util.BitSet;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Scan of a statbank table whose selection of one variable is narrowed, when the query runs,
 * to the codes its input yields: the keys of the other side of a join (semi-join reduction).
 * {@code customers JOIN "07459" ON Region = kommune} then fetches only the customers'
 * municipalities, not all of them.
 *
 * <p>The input is the other side's distinct key column; the join above still joins the full
 * rows, so the result is exactly the join's.
 */
public class PxKeyedScan extends SingleRel {
  final PxTableScan scan;
  final int variable;

  PxKeyedScan(RelOptCluster cluster, RelTraitSet traits, RelNode keys, PxTableScan scan,
      int variable) {
    super(cluster, traits, keys);
    this.scan = scan;
    this.variable = variable;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new PxKeyedScan(getCluster(), traitSet, inputs.get(0), scan, variable);
  }

  @Override protected RelDataType deriveRowType() {
    return scan.getRowType();
  }

  @Override public RelOptTable getTable() {
    return scan.getTable();
  }

  String variableCode() {
    return scan.spec().layout().metadata().variables().get(variable).code();
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    List<DataRequest> requests = scan.plannedRequests();
    return super.explainTerms(pw)
        .item("table", scan.getTable().getQualifiedName())
        .item("selection", scan.spec().describeSelection(
            scan.spec().resolve(null, getCluster().getRexBuilder()), scan.spec().needsCells()))
        .item("keysFrom", "input -> " + variableCode())
        .item("requestsAtMost", requests.size())
        .item("cellsAtMost", requests.stream().mapToLong(DataRequest::cells).sum());
  }

  /** Includes the scan's spec in the planner's identity of this node, as the scan does. */
  @Override public boolean deepEquals(Object obj) {
    return super.deepEquals(obj) && scan.spec().equals(((PxKeyedScan) obj).scan.spec())
        && variable == ((PxKeyedScan) obj).variable;
  }

  @Override public int deepHashCode() {
    return 31 * super.deepHashCode() + scan.spec().hashCode();
  }

  @Override public String getRelTypeName() {
    return "PxKeyedScan";
  }

  @Override public double estimateRowCount(RelMetadataQuery mq) {
    return scan.estimateRowCount(mq) * keyShare(mq);
  }

  /** Returns the share of the variable's values the keys are expected to keep. */
  private double keyShare(RelMetadataQuery mq) {
    BitSet selected = scan.spec().resolve(null, getCluster().getRexBuilder())[variable];
    double keys = mq.getRowCount(getInput());
    return selected.isEmpty() ? 1 : Math.min(1, keys / selected.cardinality());
  }

  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    RelOptCost full = scan.computeSelfCost(planner, mq);
    return full.multiplyBy(keyShare(mq));
  }

  /** Returns this node in the enumerable convention. */
  PxKeyedScan toEnumerable(RelNode enumerableKeys) {
    return new EnumerablePxKeyedScan(getCluster(),
        getTraitSet().replace(EnumerableConvention.INSTANCE),
        enumerableKeys, scan, variable);
  }

  PxWebTable table() {
    return scan.pxTable;
  }
}
