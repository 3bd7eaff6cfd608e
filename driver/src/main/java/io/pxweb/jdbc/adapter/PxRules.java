package io.pxweb.jdbc.adapter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Planner rules that push work from Calcite into a {@link PxTableScan}. Each rule declines when
 * it would push nothing new, so the planner never loops.
 */
public final class PxRules {
  private PxRules() {
  }

  /** The rules a {@link PxTableScan} registers. */
  public static final List<RelOptRule> RULES = Stream.concat(Stream.<RelOptRule>of(
      new FilterRule(), new ProjectRule(), new ProjectFilterRule(), new SortRule(),
      new ToEnumerableRule(), new JoinKeysRule(true), new JoinKeysRule(false),
      new KeyedToEnumerableRule(),
      // A predicate on one side of an equi-join holds on the other side's key too:
      // t0.TIME IN (SELECT TIME FROM t1 WHERE TIME = '2001') fetches only 2001 from t0.
      CoreRules.JOIN_PUSH_TRANSITIVE_PREDICATES),
      MetadataAnswers.RULES.stream()).toList();

  /** Converts a keyed scan and its key input to the enumerable convention. */
  static final class KeyedToEnumerableRule extends RelOptRule {
    KeyedToEnumerableRule() {
      super(operand(PxKeyedScan.class, Convention.NONE, any()), "PxKeyedToEnumerableRule");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      PxKeyedScan keyed = call.rel(0);
      RelNode keys = convert(keyed.getInput(),
          keyed.getInput().getTraitSet().replace(
              EnumerableConvention.INSTANCE));
      call.transformTo(keyed.toEnumerable(keys));
    }
  }

  /**
   * Narrows a statbank scan joined on a dimension code to the codes the other side has
   * (semi-join reduction): the other side's distinct keys become the scan's input. Declines
   * when the other side reads a statbank table itself, which would be fetched twice.
   */
  static final class JoinKeysRule extends RelOptRule {
    private final boolean scanOnLeft;

    JoinKeysRule(boolean scanOnLeft) {
      super(scanOnLeft
          ? operand(LogicalJoin.class,
              operand(PxTableScan.class, Convention.NONE, none()),
              operand(RelNode.class, any()))
          : operand(LogicalJoin.class,
              operand(RelNode.class, any()),
              operand(PxTableScan.class, Convention.NONE, none())),
          scanOnLeft ? "PxJoinKeysRule(left)" : "PxJoinKeysRule(right)");
      this.scanOnLeft = scanOnLeft;
    }

    @Override public void onMatch(RelOptRuleCall call) {
      Join join = call.rel(0);
      PxTableScan scan = call.rel(scanOnLeft ? 1 : 2);
      RelNode other = call.rel(scanOnLeft ? 2 : 1);
      JoinRelType type = join.getJoinType();
      boolean keeps = type == JoinRelType.INNER
          || type == JoinRelType.SEMI && scanOnLeft
          || type == JoinRelType.LEFT && !scanOnLeft
          || type == JoinRelType.RIGHT && scanOnLeft;
      if (!keeps || scan.spec().hasRowBound() || readsStatbank(other)) {
        return;
      }
      JoinInfo info = join.analyzeCondition();
      List<Integer> scanKeys = scanOnLeft ? info.leftKeys : info.rightKeys;
      List<Integer> otherKeys = scanOnLeft ? info.rightKeys : info.leftKeys;
      for (int k = 0; k < scanKeys.size(); k++) {
        int column = scan.spec().projection()[scanKeys.get(k)];
        ColumnLayout.Column c = scan.spec().layout().column(column);
        if (c.kind() != ColumnLayout.Kind.CODE) {
          continue;
        }
        RelBuilder b = call.builder();
        RelNode keys = b.push(other).project(b.field(otherKeys.get(k))).distinct().build();
        PxKeyedScan keyed = new PxKeyedScan(scan.getCluster(), scan.getTraitSet(), keys, scan,
            c.variable());
        RelNode left = scanOnLeft ? keyed : join.getLeft();
        RelNode right = scanOnLeft ? join.getRight() : keyed;
        call.transformTo(join.copy(join.getTraitSet(), join.getCondition(), left, right,
            join.getJoinType(), join.isSemiJoinDone()));
        return;
      }
    }

    /** Returns whether a subtree reads a statbank table (as far as the planner's memo shows). */
    private static boolean readsStatbank(RelNode node) {
      RelNode n = node instanceof RelSubset s
          ? s.getOriginal() : node;
      if (n == null) {
        return false;
      }
      if (n instanceof PxTableScan || n instanceof PxKeyedScan) {
        return true;
      }
      for (RelNode input : n.getInputs()) {
        if (readsStatbank(input)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Converts a logical scan, with all it has absorbed, to the enumerable convention. */
  static final class ToEnumerableRule extends RelOptRule {
    ToEnumerableRule() {
      super(operand(PxTableScan.class, Convention.NONE, none()), "PxToEnumerableRule");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      PxTableScan scan = call.rel(0);
      call.transformTo(scan.toEnumerable());
    }
  }

  /** Maps scan output positions in a node to table column indexes. */
  private static RexNode toTableColumns(RexNode node, int[] projection) {
    return node.accept(new RexShuttle() {
      @Override public RexNode visitInputRef(RexInputRef ref) {
        return new RexInputRef(projection[ref.getIndex()], ref.getType());
      }
    });
  }

  /** Maps table column indexes in a node back to positions in the scan's output. */
  private static RexNode toScanOutput(RexNode node, int[] projection) {
    return node.accept(new RexShuttle() {
      @Override public RexNode visitInputRef(RexInputRef ref) {
        for (int i = 0; i < projection.length; i++) {
          if (projection[i] == ref.getIndex()) {
            return new RexInputRef(i, ref.getType());
          }
        }
        throw new IllegalStateException("column " + ref.getIndex() + " not in the scan");
      }
    });
  }

  /** Renumbers input refs through a map of old to new positions. */
  private static RexNode renumber(RexNode node, int[] oldToNew) {
    return node.accept(new RexShuttle() {
      @Override public RexNode visitInputRef(RexInputRef ref) {
        return new RexInputRef(oldToNew[ref.getIndex()], ref.getType());
      }
    });
  }

  /** Pushes WHERE into the scan's selection; what cannot be decided per variable stays above. */
  static final class FilterRule extends RelOptRule {
    FilterRule() {
      super(operand(LogicalFilter.class, operand(PxTableScan.class, Convention.NONE, none())), "PxFilterRule");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      Filter filter = call.rel(0);
      PxTableScan scan = call.rel(1);
      ScanSpec spec = scan.spec();
      if (spec.hasRowBound()) {
        return;
      }
      RexBuilder rexBuilder = scan.getCluster().getRexBuilder();
      int[] projection = spec.projection();
      RexNode condition = toTableColumns(filter.getCondition(), projection);
      PredicateTranslator.Result result =
          new PredicateTranslator(spec.layout(), rexBuilder).translate(condition);
      if (!result.pushedAnything()) {
        return;
      }
      ScanSpec narrowed = spec.withRestrictions(result.restrictions(), result.runtime());
      boolean residualSame = result.residual().size()
          == RelOptUtil.conjunctions(condition).size();
      if (!narrowed.narrowerThan(spec) && residualSame) {
        return;
      }
      PxTableScan newScan = scan.withSpec(narrowed);
      if (result.residual().isEmpty()) {
        call.transformTo(newScan);
        return;
      }
      List<RexNode> residual = new ArrayList<>();
      for (RexNode r : result.residual()) {
        residual.add(toScanOutput(r, projection));
      }
      call.transformTo(LogicalFilter.create(newScan,
          RexUtil.composeConjunction(rexBuilder, residual)));
    }
  }

  /** Returns the scan-output columns a list of expressions reads. */
  private static ImmutableBitSet used(List<RexNode> nodes) {
    return RelOptUtil.InputFinder.bits(nodes, null);
  }

  /** Builds the old-to-new position map for keeping only {@code used} columns. */
  private static int[] oldToNew(ImmutableBitSet used, int width) {
    int[] map = new int[width];
    Arrays.fill(map, -1);
    int n = 0;
    for (int i : used) {
      map[i] = n++;
    }
    return map;
  }

  /** Pushes SELECT's column list into the scan, so unused contents are not requested. */
  static final class ProjectRule extends RelOptRule {
    ProjectRule() {
      super(operand(LogicalProject.class, operand(PxTableScan.class, Convention.NONE, none())), "PxProjectRule");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      Project project = call.rel(0);
      PxTableScan scan = call.rel(1);
      int width = scan.getRowType().getFieldCount();
      int[] columns = distinctColumns(project.getProjects());
      if (columns != null) {
        // Columns named as they are, in any order: the scan returns them so, and a plan of
        // the scan alone reads its responses column-wise (PxWebResultSet).
        PxTableScan newScan = scan.withSpec(scan.spec().withProjection(columns));
        if (project.getRowType().getFieldNames().equals(newScan.getRowType().getFieldNames())
            && !Arrays.equals(columns, IntStream.range(0, width)
                .toArray())) {
          call.transformTo(newScan);
          return;
        }
      }
      ImmutableBitSet used = used(project.getProjects());
      if (used.cardinality() == width) {
        return;
      }
      int[] map = oldToNew(used, width);
      PxTableScan newScan = scan.withSpec(scan.spec().withProjection(used.toArray()));
      List<RexNode> exprs = new ArrayList<>();
      for (RexNode e : project.getProjects()) {
        exprs.add(renumber(e, map));
      }
      RelNode result = RexUtil.isIdentity(exprs, newScan.getRowType())
          && project.getRowType().getFieldNames().equals(newScan.getRowType().getFieldNames())
          ? newScan
          : LogicalProject.create(newScan, project.getHints(), exprs, project.getRowType());
      call.transformTo(result);
    }
  }

  /** Returns the scan columns a projection reads when it only lists distinct columns, else null. */
  private static int[] distinctColumns(List<RexNode> projects) {
    int[] columns = new int[projects.size()];
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < columns.length; i++) {
      if (!(projects.get(i) instanceof RexInputRef ref) || !seen.add(ref.getIndex())) {
        return null;
      }
      columns[i] = ref.getIndex();
    }
    return columns;
  }

  /** Pushes SELECT's column list below a residual filter into the scan. */
  static final class ProjectFilterRule extends RelOptRule {
    ProjectFilterRule() {
      super(operand(LogicalProject.class, operand(LogicalFilter.class,
          operand(PxTableScan.class, Convention.NONE, none()))), "PxProjectFilterRule");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      Project project = call.rel(0);
      Filter filter = call.rel(1);
      PxTableScan scan = call.rel(2);
      int width = scan.getRowType().getFieldCount();
      List<RexNode> all = new ArrayList<>(project.getProjects());
      all.add(filter.getCondition());
      ImmutableBitSet used = used(all);
      if (used.cardinality() == width) {
        return;
      }
      int[] map = oldToNew(used, width);
      PxTableScan newScan = scan.withSpec(scan.spec().withProjection(used.toArray()));
      RelNode newFilter = LogicalFilter.create(newScan, renumber(filter.getCondition(), map));
      List<RexNode> exprs = new ArrayList<>();
      for (RexNode e : project.getProjects()) {
        exprs.add(renumber(e, map));
      }
      call.transformTo(LogicalProject.create(newFilter, project.getHints(), exprs,
          project.getRowType()));
    }
  }

  /**
   * Pushes LIMIT into the scan: with ORDER BY on variables' codes (or period dates) first, only
   * the values that hold the first rows in that order; without ORDER BY, only enough leading
   * cells. The sort and limit stay above, so the rows are exactly SQL's.
   */
  static final class SortRule extends RelOptRule {
    SortRule() {
      super(operand(LogicalSort.class, operand(PxTableScan.class, Convention.NONE, none())), "PxSortRule");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      Sort sort = call.rel(0);
      PxTableScan scan = call.rel(1);
      ScanSpec spec = scan.spec();
      if (sort.fetch == null && sort.offset instanceof RexLiteral offset
          && !spec.hasRowBound()) {
        skipLeading(call, sort, scan, RexLiteral.longValue(offset));
        return;
      }
      if (spec.hasRowBound() || !(sort.fetch instanceof RexLiteral fetch)
          || (sort.offset != null && !(sort.offset instanceof RexLiteral))) {
        return;
      }
      long rows = RexLiteral.longValue(fetch)
          + (sort.offset == null ? 0 : RexLiteral.longValue((RexLiteral) sort.offset));
      if (rows <= 0) {
        return;
      }
      RelCollation collation = sort.getCollation();
      ScanSpec bounded;
      if (collation.getFieldCollations().isEmpty()) {
        bounded = spec.withLeading(rows);
      } else {
        List<ScanSpec.OrderKey> keys = orderKeys(spec, collation);
        if (keys.isEmpty()) {
          return;
        }
        bounded = spec.withFirstRows(rows, keys);
      }
      call.transformTo(sort.copy(sort.getTraitSet(), scan.withSpec(bounded), sort.getCollation(),
          sort.offset, sort.fetch));
    }

    /**
     * OFFSET without LIMIT (also LIMIT ALL OFFSET n) under an ORDER BY whose first key orders a
     * variable from the metadata: the leading values whose rows are all skipped are not
     * fetched, and the sort skips only the rows left. ORDER BY "TIME" OFFSET 20 over 28 years
     * fetches the last 8.
     */
    private static void skipLeading(RelOptRuleCall call, Sort sort, PxTableScan scan,
        long offset) {
      List<ScanSpec.OrderKey> keys = orderKeys(scan.spec(), sort.getCollation());
      ScanSpec.Skipped skipped = keys.isEmpty() ? null
          : scan.spec().skipLeading(offset, keys.get(0));
      if (skipped == null) {
        return;
      }
      long rest = offset - skipped.rows();
      RexNode newOffset = rest == 0 ? null : scan.getCluster().getRexBuilder()
          .makeExactLiteral(BigDecimal.valueOf(rest));
      call.transformTo(sort.copy(sort.getTraitSet(), scan.withSpec(skipped.spec()),
          sort.getCollation(), newOffset, null));
    }

    /**
     * Returns the leading sort keys that order whole variables from the metadata alone (codes,
     * or distinct period dates); a key on anything else ends them, a variable seen already is
     * skipped.
     */
    private static List<ScanSpec.OrderKey> orderKeys(ScanSpec spec, RelCollation collation) {
      List<ScanSpec.OrderKey> keys = new ArrayList<>();
      List<Integer> seen = new ArrayList<>();
      for (RelFieldCollation f : collation.getFieldCollations()) {
        ColumnLayout.Column c = spec.layout().column(spec.projection()[f.getFieldIndex()]);
        if (c.kind() != ColumnLayout.Kind.CODE && c.kind() != ColumnLayout.Kind.DATE) {
          break;
        }
        ScanSpec.OrderKey key = new ScanSpec.OrderKey(c.variable(),
            c.kind() == ColumnLayout.Kind.DATE, f.getDirection().isDescending());
        if (seen.contains(c.variable())) {
          continue;
        }
        if (!spec.orders(key)) {
          break;
        }
        seen.add(c.variable());
        keys.add(key);
      }
      return keys;
    }
  }
}
