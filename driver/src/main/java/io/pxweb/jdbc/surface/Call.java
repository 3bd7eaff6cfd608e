package io.pxweb.jdbc.surface;

import io.pxweb.jdbc.model.CallBudget;

/** One call through the boundary: the budget it runs in (or none), entered until it returns. */
final class Call implements AutoCloseable {
  /** A call without a budget of its own. */
  static final Call NONE = new Call(null);

  private final CallBudget budget;
  private final CallBudget.Scope scope;

  Call(CallBudget budget) {
    this.budget = budget;
    this.scope = budget == null ? null : budget.enter();
  }

  /** Returns the call's budget, or null. */
  CallBudget budget() {
    return budget;
  }

  @Override public void close() {
    if (scope != null) {
      scope.close();
    }
  }
}
