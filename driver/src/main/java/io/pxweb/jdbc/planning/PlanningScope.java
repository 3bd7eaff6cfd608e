package io.pxweb.jdbc.planning;

import io.pxweb.jdbc.adapter.PxWebQueryException;
import io.pxweb.jdbc.model.CallBudget;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.apache.calcite.plan.RelOptListener;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;
import org.apache.calcite.util.Holder;

/**
 * What the driver sets on Calcite's planning of its own statements, for the preparing thread
 * only (Calcite's thread hooks), so other Calcite users in the process keep Calcite's defaults:
 *
 * <ul>
 *   <li>IN lists of any length stay filters: Calcite turns 20 or more values into a join with
 *       a VALUES relation, which would hide them from the table scan and fetch every value of
 *       the variable.
 *   <li>The statement's budget holds while it plans: Calcite's planner has its own cancel flag,
 *       which neither {@code Statement.cancel()} nor a query timeout reaches, so a plan search
 *       that runs long (a planner loop, a many-way join) would outlast both. A listener on the
 *       planner's rule attempts stops it with 57014 or HYT00.
 *   <li>A statement's {@code setMaxRows} limits the plan, not only the rows it returns
 *       ({@link MaxRowsLimit}), so a table opened with a row limit fetches the leading rows'
 *       cells only.
 * </ul>
 */
final class PlanningScope {
  private PlanningScope() {
  }

  /** Applies the settings to the current thread until the returned scope is closed. */
  static Hook.Closeable enter() {
    return enter(-1);
  }

  /**
   * Applies the settings, and the statement's row limit (none when not positive), to the
   * current thread until the returned scope is closed.
   */
  static Hook.Closeable enter(long maxRows) {
    // Whether the statement is an EXPLAIN: the converter's settings say it before planning.
    boolean[] explain = {false};
    Hook.Closeable converter = Hook.SQL2REL_CONVERTER_CONFIG_BUILDER.addThread(
        (Consumer<Holder<SqlToRelConverter.Config>>) h -> {
          explain[0] = h.get().isExplain();
          h.set(h.get().withInSubQueryThreshold(Integer.MAX_VALUE));
        });
    Hook.Closeable limit = maxRows <= 0 ? () -> { } : Hook.PROGRAM.addThread(
        (Consumer<Holder<Program>>) h -> h.set(new MaxRowsLimit(
            h.get() == null ? Programs.standard() : h.get(), maxRows, () -> !explain[0])));
    CallBudget budget = CallBudget.current();
    Hook.Closeable watch = budget == null ? () -> { } : Hook.PLANNER.addThread(
        (Consumer<RelOptPlanner>) planner -> planner.addListener(new BudgetWatch(budget)));
    return () -> {
      watch.close();
      limit.close();
      converter.close();
    };
  }

  /** Stops the planner at its next rule attempt once the budget is cancelled or spent. */
  private static final class BudgetWatch implements RelOptListener {
    private final CallBudget budget;

    BudgetWatch(CallBudget budget) {
      this.budget = budget;
    }

    @Override public void ruleAttempted(RuleAttemptedEvent event) {
      if (budget.cancelled()) {
        throw new PxWebQueryException(
            new SQLException("Statement cancelled while it was being planned", "57014"));
      }
      if (budget.expired()) {
        throw new PxWebQueryException(budget.timedOut("planning the query"));
      }
    }

    @Override public void relEquivalenceFound(RelEquivalenceEvent event) {
    }

    @Override public void ruleProductionSucceeded(RuleProductionEvent event) {
    }

    @Override public void relDiscarded(RelDiscardedEvent event) {
    }

    @Override public void relChosen(RelChosenEvent event) {
    }
  }
}
