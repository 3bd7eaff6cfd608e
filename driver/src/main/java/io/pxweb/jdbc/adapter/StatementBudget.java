package io.pxweb.jdbc.adapter;

import io.pxweb.jdbc.model.CallBudget;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;

/**
 * The statement's {@link CallBudget}, the one cancel handle every call below the adapter takes.
 * Through the driver's JDBC layer the statement's budget is already the thread's (its cancel and
 * query timeout); a connection made with Calcite's own driver (tests, embedding) has only
 * Calcite's cancel flag and timeout, which this bridges to a budget of its own.
 */
public final class StatementBudget {
  private StatementBudget() {
  }

  /** Work that calls sources within a budget. */
  public interface Work<T> {
    T run(CallBudget budget) throws SQLException;
  }

  /** Runs work within the budget of the statement that Calcite's data context belongs to. */
  public static <T> T run(DataContext root, Work<T> work) throws SQLException {
    Long timeout = DataContext.Variable.TIMEOUT.get(root);
    return run(DataContext.Variable.CANCEL_FLAG.get(root), timeout == null ? 0 : timeout,
        new AtomicBoolean(), work);
  }

  /**
   * Runs work within the thread's budget, or one that Calcite's cancel flag and deadline cancel.
   *
   * @param deadlineMillis wall-clock time at which the statement times out, or 0 for never
   * @param timedOut set when the deadline passed and the work was cancelled for it
   */
  public static <T> T run(AtomicBoolean cancelFlag, long deadlineMillis, AtomicBoolean timedOut,
      Work<T> work) throws SQLException {
    CallBudget current = CallBudget.current();
    if (current != null) {
      // The JDBC layer's: it cancels it on Statement.cancel and it knows the query timeout,
      // so the call fails as cancelled (57014) or timed out (HYT00) as the user caused it.
      return work.run(current);
    }
    CallBudget budget = CallBudget.start(0, "the query timeout");
    try (CancelWatcher.Watch watch = CancelWatcher.watch(cancelFlag, deadlineMillis, timedOut,
        budget::cancel)) {
      return work.run(budget);
    }
  }
}
