package io.pxweb.jdbc.adapter.klass;

import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexUtil;

/**
 * Planner rules of {@link KlassScan}: one pushes WHERE into the request, one makes the scan
 * runnable. The filter rule declines when it would push nothing new, so the planner never
 * loops.
 */
final class KlassRules {
  private KlassRules() {
  }

  /** The rules a {@link KlassScan} registers. */
  static final List<RelOptRule> RULES = List.of(new FilterRule(), new ToEnumerableRule());

  /** Pushes code, level and search conditions into the scan; the rest stays a filter. */
  static final class FilterRule extends RelOptRule {
    FilterRule() {
      super(operand(LogicalFilter.class, operand(KlassScan.class, Convention.NONE, none())),
          "KlassFilterRule");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      LogicalFilter filter = call.rel(0);
      KlassScan scan = call.rel(1);
      KlassPredicates.Result result = KlassPredicates.translate(scan.klassTable, scan.push(),
          filter.getCondition(), scan.getCluster().getRexBuilder());
      if (!result.pushedAnything()) {
        return;
      }
      KlassScan narrowed = scan.withPush(result.push());
      call.transformTo(result.residual().isEmpty() ? narrowed
          : LogicalFilter.create(narrowed,
              RexUtil.composeConjunction(scan.getCluster().getRexBuilder(), result.residual())));
    }
  }

  /** Converts a logical scan, with all it has absorbed, to the enumerable convention. */
  static final class ToEnumerableRule extends RelOptRule {
    ToEnumerableRule() {
      super(operand(KlassScan.class, Convention.NONE, none()), "KlassToEnumerableRule");
    }

    @Override public void onMatch(RelOptRuleCall call) {
      KlassScan scan = call.rel(0);
      call.transformTo(scan.toEnumerable());
    }
  }
}
