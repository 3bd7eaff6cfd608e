package io.pxweb.jdbc.adapter;

import io.pxweb.jdbc.model.Value;
import io.pxweb.jdbc.model.Variable;
import io.pxweb.jdbc.model.VariableRole;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mapping;
import org.apache.calcite.util.mapping.MappingType;
import org.apache.calcite.util.mapping.Mappings;

/**
 * Rules that answer from the metadata what it already holds, so no data request is sent:
 * {@code COUNT(*)} of a table (the values selected per variable multiply to the row count),
 * and {@code MIN}/{@code MAX} of a variable's codes, labels or dates. An answer is a one-row
 * VALUES; a join or semi-join with it (what {@code WHERE Tid = (SELECT MAX(Tid) FROM t)}
 * becomes) turns into a filter with literals, which the filter rule then pushes into the scan.
 */
final class MetadataAnswers {
  private MetadataAnswers() {
  }

  static final List<RelOptRule> RULES = List.of(new AggregateColumnsRule(),
      new AggregateRule(), new JoinConstantRule(true), new JoinConstantRule(false));

  /**
   * Narrows a scan under an aggregate to the columns the aggregate reads: {@code COUNT(*)}
   * reads none, so no cell is needed. (Under a filter or project the project rules do this.)
   */
  static final class AggregateColumnsRule extends RelOptRule {
    AggregateColumnsRule() {
      super(operand(LogicalAggregate.class, operand(PxTableScan.class, Convention.NONE, none())),
          "PxAggregateColumnsRule");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      Aggregate aggregate = call.rel(0);
      PxTableScan scan = call.rel(1);
      int width = scan.getRowType().getFieldCount();
      ImmutableBitSet.Builder used = aggregate.getGroupSet().rebuild();
      for (AggregateCall c : aggregate.getAggCallList()) {
        used.addAll(c.getArgList());
        if (c.filterArg >= 0) {
          used.set(c.filterArg);
        }
        if (!c.collation.getFieldCollations().isEmpty()) {
          return;
        }
      }
      ImmutableBitSet columns = used.build();
      if (columns.cardinality() == width || aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
        return;
      }
      Mapping mapping = Mappings.create(MappingType.INVERSE_SURJECTION, width,
          columns.cardinality());
      int n = 0;
      for (int i : columns) {
        mapping.set(i, n++);
      }
      PxTableScan narrowed = scan.withSpec(scan.spec().withProjection(columns.toArray()));
      List<AggregateCall> calls = new ArrayList<>();
      for (AggregateCall c : aggregate.getAggCallList()) {
        calls.add(c.transform(mapping));
      }
      call.transformTo(aggregate.copy(aggregate.getTraitSet(), narrowed,
          Mappings.apply(mapping, aggregate.getGroupSet()), null, calls));
    }
  }

  /**
   * Replaces an aggregate without GROUP BY over a scan that needs no cell by its one row,
   * computed from the selected values: COUNT(*) (and COUNT of a code or label, never NULL),
   * COUNT(DISTINCT code), MIN and MAX of codes, labels and dates.
   */
  static final class AggregateRule extends RelOptRule {
    AggregateRule() {
      super(operand(LogicalAggregate.class, operand(PxTableScan.class, Convention.NONE, none())),
          "PxMetadataAggregateRule");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      Aggregate aggregate = call.rel(0);
      PxTableScan scan = call.rel(1);
      ScanSpec spec = scan.spec();
      if (!aggregate.getGroupSet().isEmpty() || spec.needsCells() || !spec.runtime().isEmpty()
          || spec.hasRowBound()) {
        return;
      }
      RexBuilder rexBuilder = scan.getCluster().getRexBuilder();
      BitSet[] selected = spec.resolve(null, rexBuilder);
      List<RexNode> row = new ArrayList<>();
      for (int i = 0; i < aggregate.getAggCallList().size(); i++) {
        AggregateCall c = aggregate.getAggCallList().get(i);
        RelDataType type = aggregate.getRowType().getFieldList().get(i).getType();
        RexNode value = answer(c, spec, selected, rexBuilder, type);
        if (value == null) {
          return;
        }
        if (!value.getType().equals(type)) {
          // Character literals are CHAR(n); the cast keeps the aggregate's VARCHAR type.
          value = rexBuilder.makeAbstractCast(type, value, false);
        }
        row.add(value);
      }
      call.transformTo(LogicalProject.create(LogicalValues.createOneRow(scan.getCluster()),
          List.of(), row, aggregate.getRowType()));
    }

    /** Returns the literal answer of one aggregate call, or null when it is not known. */
    private static RexNode answer(AggregateCall c, ScanSpec spec, BitSet[] selected,
        RexBuilder rexBuilder, RelDataType type) {
      if (c.filterArg >= 0 || c.getArgList().size() > 1) {
        return null;
      }
      List<Variable> variables = spec.layout().metadata().variables();
      SqlKind kind = c.getAggregation().getKind();
      if (kind == SqlKind.COUNT && !c.isDistinct()) {
        long rows = 1;
        for (int v = 0; v < variables.size(); v++) {
          if (variables.get(v).role() != VariableRole.CONTENT) {
            rows *= selected[v].cardinality();
          }
        }
        if (!c.getArgList().isEmpty()) {
          ColumnLayout.Column col = column(spec, c.getArgList().get(0));
          if (col.kind() != ColumnLayout.Kind.CODE && col.kind() != ColumnLayout.Kind.LABEL) {
            return null;
          }
        }
        return rexBuilder.makeLiteral(BigDecimal.valueOf(rows), type, false);
      }
      if (c.getArgList().isEmpty()) {
        return null;
      }
      ColumnLayout.Column col = column(spec, c.getArgList().get(0));
      if (kind == SqlKind.COUNT) {
        if (col.kind() != ColumnLayout.Kind.CODE) {
          return null;
        }
        long rows = 1;
        for (int v = 0; v < variables.size(); v++) {
          if (variables.get(v).role() != VariableRole.CONTENT && selected[v].isEmpty()) {
            rows = 0;
          }
        }
        return rexBuilder.makeLiteral(
            BigDecimal.valueOf(rows == 0 ? 0 : selected[col.variable()].cardinality()), type,
            false);
      }
      if (kind != SqlKind.MIN && kind != SqlKind.MAX) {
        return null;
      }
      for (int v = 0; v < variables.size(); v++) {
        if (variables.get(v).role() != VariableRole.CONTENT && selected[v].isEmpty()) {
          return rexBuilder.makeNullLiteral(type);
        }
      }
      boolean max = kind == SqlKind.MAX;
      List<Value> values = variables.get(col.variable()).values();
      BitSet s = selected[col.variable()];
      switch (col.kind()) {
        case CODE, LABEL -> {
          String best = null;
          for (int i = s.nextSetBit(0); i >= 0; i = s.nextSetBit(i + 1)) {
            String x = col.kind() == ColumnLayout.Kind.CODE ? values.get(i).code()
                : values.get(i).label();
            if (best == null || (max ? x.compareTo(best) > 0 : x.compareTo(best) < 0)) {
              best = x;
            }
          }
          return rexBuilder.makeLiteral(best);
        }
        case DATE -> {
          LocalDate best = null;
          for (int i = s.nextSetBit(0); i >= 0; i = s.nextSetBit(i + 1)) {
            LocalDate x = PeriodDates.firstDay(values.get(i).code());
            if (x != null && (best == null || (max ? x.isAfter(best) : x.isBefore(best)))) {
              best = x;
            }
          }
          return best == null ? rexBuilder.makeNullLiteral(type)
              : rexBuilder.makeDateLiteral(new DateString(best.toString()));
        }
        default -> {
          return null;
        }
      }
    }

    private static ColumnLayout.Column column(ScanSpec spec, int field) {
      return spec.layout().column(spec.projection()[field]);
    }
  }

  /**
   * Turns a join with a metadata answer (a projection of constants over one row) into a filter
   * whose condition reads the constants, and a project that appends them: inner joins,
   * semi-joins, and left joins whose condition is TRUE (a scalar subquery's shape).
   */
  static final class JoinConstantRule extends RelOptRule {
    private final boolean constantOnRight;

    JoinConstantRule(boolean constantOnRight) {
      super(constantOnRight
          ? operand(LogicalJoin.class, operand(RelNode.class, any()),
              operand(LogicalProject.class, operand(LogicalValues.class, none())))
          : operand(LogicalJoin.class,
              operand(LogicalProject.class, operand(LogicalValues.class, none())),
              operand(RelNode.class, any())),
          constantOnRight ? "PxJoinConstantRule(right)" : "PxJoinConstantRule(left)");
      this.constantOnRight = constantOnRight;
    }

    @Override public void onMatch(RelOptRuleCall call) {
      Join join = call.rel(0);
      LogicalProject constants = call.rel(constantOnRight ? 2 : 1);
      LogicalValues values = call.rel(constantOnRight ? 3 : 2);
      RelNode other = call.rel(constantOnRight ? 1 : 3);
      JoinRelType type = join.getJoinType();
      boolean keepsAll = type == JoinRelType.INNER
          || type == JoinRelType.SEMI && constantOnRight
          || type == JoinRelType.LEFT && constantOnRight && join.getCondition().isAlwaysTrue();
      if (values.getTuples().size() != 1 || !keepsAll
          || !constants.getProjects().stream().allMatch(RexUtil::isConstant)
          || constants.getProjects().stream().anyMatch(RexUtil::containsInputRef)) {
        return;
      }
      List<RexNode> row = constants.getProjects();
      int leftWidth = join.getLeft().getRowType().getFieldCount();
      RexNode condition = join.getCondition().accept(new RexShuttle() {
        @Override public RexNode visitInputRef(RexInputRef ref) {
          int i = ref.getIndex();
          boolean constant = constantOnRight ? i >= leftWidth : i < leftWidth;
          if (constant) {
            return row.get(constantOnRight ? i - leftWidth : i);
          }
          return new RexInputRef(constantOnRight ? i : i - leftWidth, ref.getType());
        }
      });
      RelNode filtered = condition.isAlwaysTrue() ? other
          : LogicalFilter.create(other, condition);
      if (type == JoinRelType.SEMI) {
        call.transformTo(filtered);
        return;
      }
      RexBuilder rexBuilder = join.getCluster().getRexBuilder();
      List<RexNode> exprs = new ArrayList<>();
      List<RelDataType> types = join.getRowType().getFieldList().stream()
          .map(f -> f.getType()).toList();
      for (int i = 0; i < types.size(); i++) {
        boolean constant = constantOnRight ? i >= leftWidth : i < leftWidth;
        int o = constantOnRight ? i : i - leftWidth;
        RexNode e = constant ? row.get(constantOnRight ? i - leftWidth : i)
            : new RexInputRef(o, other.getRowType().getFieldList().get(o).getType());
        exprs.add(rexBuilder.makeAbstractCast(types.get(i), e, false));
      }
      call.transformTo(LogicalProject.create(filtered, List.of(), exprs, join.getRowType()));
    }
  }
}
