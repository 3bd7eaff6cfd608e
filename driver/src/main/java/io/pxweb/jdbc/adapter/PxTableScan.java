package io.pxweb.jdbc.adapter;

import io.pxweb.jdbc.model.DataRequest;
import io.pxweb.jdbc.model.VariableRole;
import java.util.BitSet;
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
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;

/**
 * Scan of a statbank table with everything pushed into it: the per-variable selection, the
 * returned columns and row bounds ({@link ScanSpec}). EXPLAIN shows what goes to the API:
 * {@code PxTableScan(table=[[statbank, 07459]], selection=[Region=[0301], Tid=top(5)],
 * requests=1, cells=10)}.
 *
 * <p>Its cost is the API's: requests and cells, so the planner prefers the plan that fetches
 * least.
 */
public class PxTableScan extends TableScan {
  /**
   * Weight of one fetched cell against one row Calcite handles in memory: a cell travels over
   * HTTP. Without it the planner's guesses of filter selectivity outweighed the cells a pushed
   * predicate saves ({@code WHERE "TIME" NOT IN (...) AND "Emission" > 5} fetched every period).
   */
  private static final double CELL_COST = 100;
  /** Weight of one request: a request costs far more than a cell. */
  private static final double REQUEST_COST = 10_000 * CELL_COST;

  final PxWebTable pxTable;
  final ScanSpec spec;
  /**
   * What the node derives from its spec, made once: the planner asks for the hash, the cost
   * and the EXPLAIN text (its digest) of every node many times while planning.
   */
  private BitSet[] resolved;
  private List<DataRequest> requests;
  private int deepHash;

  /**
   * Creates a logical scan (convention NONE), so that the pushdown rules match it in the same
   * subsets as Calcite's logical filters, projects and sorts; {@link PxRules} converts the
   * final one to the enumerable convention.
   */
  public PxTableScan(RelOptCluster cluster, RelOptTable table, PxWebTable pxTable, ScanSpec spec) {
    this(cluster, cluster.traitSetOf(Convention.NONE), table, pxTable, spec);
  }

  PxTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table,
      PxWebTable pxTable, ScanSpec spec) {
    super(cluster, traits, List.of(), table);
    this.pxTable = pxTable;
    this.spec = spec;
  }

  public ScanSpec spec() {
    return spec;
  }

  /** Returns this scan in the enumerable convention, ready to run. */
  PxTableScan toEnumerable() {
    return new EnumerablePxTableScan(getCluster(),
        getTraitSet().replace(EnumerableConvention.INSTANCE), getTable(), pxTable, spec);
  }

  /** Names the node in EXPLAIN the same in either convention. */
  @Override public String getRelTypeName() {
    return "PxTableScan";
  }

  /** Returns a scan of the same table with another spec. */
  PxTableScan withSpec(ScanSpec newSpec) {
    return new PxTableScan(getCluster(), getTraitSet(), getTable(), pxTable, newSpec);
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new PxTableScan(getCluster(), traitSet, getTable(), pxTable, spec);
  }

  /**
   * Includes the spec in the planner's identity of this node: two scans with the same EXPLAIN
   * text can return different columns, and the planner must not take one for the other.
   */
  @Override public boolean deepEquals(Object obj) {
    return super.deepEquals(obj) && spec.equals(((PxTableScan) obj).spec);
  }

  @Override public int deepHashCode() {
    if (deepHash == 0) {
      deepHash = 31 * super.deepHashCode() + spec.hashCode();
    }
    return deepHash;
  }

  @Override public RelDataType deriveRowType() {
    RelDataTypeFactory types = getCluster().getTypeFactory();
    List<RelDataType> all = spec.layout().rowType(types).getFieldList().stream()
        .map(f -> f.getType()).toList();
    RelDataTypeFactory.Builder b = types.builder();
    for (int c : spec.projection()) {
      b.add(spec.layout().column(c).name(), all.get(c));
    }
    return b.build();
  }

  @Override public void register(RelOptPlanner planner) {
    for (RelOptRule rule : PxRules.RULES) {
      planner.addRule(rule);
    }
  }

  /** Returns the requests this scan will send, as far as plan time knows. */
  List<DataRequest> plannedRequests() {
    if (requests == null) {
      requests = spec.needsCells() ? RequestPlanner.plan(spec.layout().metadata(), resolved(),
          pxTable.maxDataCells(), pxTable.codelists()) : List.of();
    }
    return requests;
  }

  /** Returns the values each variable keeps, as far as plan time knows (not to be changed). */
  private BitSet[] resolved() {
    if (resolved == null) {
      resolved = spec.resolve(null, getCluster().getRexBuilder());
    }
    return resolved;
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    BitSet[] resolved = resolved();
    List<DataRequest> requests = plannedRequests();
    long cells = requests.stream().mapToLong(DataRequest::cells).sum();
    return super.explainTerms(pw)
        .item("selection", spec.describeSelection(resolved, spec.needsCells()))
        .itemIf("runtime", spec.runtime().size() + " parameterized", !spec.runtime().isEmpty())
        .item("requests", requests.size())
        .item("cells", cells);
  }

  @Override public double estimateRowCount(RelMetadataQuery mq) {
    BitSet[] resolved = resolved();
    double rows = 1;
    for (int v = 0; v < resolved.length; v++) {
      if (spec.layout().metadata().variables().get(v).role()
          != VariableRole.CONTENT) {
        rows *= resolved[v].cardinality();
      }
    }
    return rows * runtimeNarrowing();
  }

  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    List<DataRequest> requests = plannedRequests();
    double cells = requests.stream().mapToLong(DataRequest::cells).sum();
    // Volcano compares costs by row count first, so the API cost goes there.
    double apiCost = (requests.size() * REQUEST_COST + cells * CELL_COST) * runtimeNarrowing()
        + 1;
    return planner.getCostFactory().makeCost(apiCost, cells, requests.size());
  }

  /**
   * Returns the share of the plan-time bound a scan is expected to fetch once its parameters
   * are bound: a half per parameterized conjunct. The bound itself (EXPLAIN's cells) counts
   * no parameter, so without this a scan that applies a parameter costs what one that ignores
   * it costs, and the planner may keep the parameter in a filter above the scan, fetching the
   * whole bound (a prepared {@code WHERE Kon >= ? AND measure > ?} did).
   */
  private double runtimeNarrowing() {
    return Math.pow(0.5, spec.runtime().size());
  }

}
