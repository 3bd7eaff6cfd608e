package io.pxweb.jdbc.model;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The time and the cancel switch that the HTTP calls of one JDBC operation share: a statement
 * (its query timeout, {@code Statement.cancel()}) or {@code getConnection} (the login timeout).
 *
 * <p>Calcite enforces neither timeouts nor cancellation while it plans, and planning is when
 * metadata, table lists and Klass documents are fetched. So the operation's thread carries its
 * budget, and every call made on that thread (statbank and Klass, data and documents, waits
 * for the rate limit and between retries) ends when the budget runs out or is cancelled.
 */
public final class CallBudget {
  private static final ThreadLocal<CallBudget> CURRENT = new ThreadLocal<>();

  private final long deadlineNanos;
  private final String limit;
  private volatile boolean cancelled;
  private final Set<Runnable> inFlight = ConcurrentHashMap.newKeySet();

  private CallBudget(long deadlineNanos, String limit) {
    this.deadlineNanos = deadlineNanos;
    this.limit = limit;
  }

  /**
   * Starts a budget.
   *
   * @param timeoutMillis time allowed from now; 0 or less for no limit
   * @param limit what sets the limit, for messages ("the query timeout of 5 s")
   */
  public static CallBudget start(long timeoutMillis, String limit) {
    return new CallBudget(timeoutMillis > 0
        ? System.nanoTime() + timeoutMillis * 1_000_000 : Long.MAX_VALUE, limit);
  }

  /** Returns the budget of the operation running on this thread, or null. */
  public static CallBudget current() {
    return CURRENT.get();
  }

  /** Makes this the budget of the thread until the returned scope is closed. */
  public Scope enter() {
    CallBudget previous = CURRENT.get();
    CURRENT.set(this);
    return () -> CURRENT.set(previous);
  }

  /** The span in which a budget is the thread's. */
  public interface Scope extends AutoCloseable {
    @Override void close();
  }

  /** Cancels the operation: calls in flight are aborted, later ones are not started. */
  public void cancel() {
    cancelled = true;
    inFlight.forEach(Runnable::run);
  }

  public boolean cancelled() {
    return cancelled;
  }

  /** Returns the nanoseconds left, or {@link Long#MAX_VALUE} without a limit. */
  public long remainingNanos() {
    return deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE
        : Math.max(0, deadlineNanos - System.nanoTime());
  }

  /** Returns whether the deadline has passed. */
  public boolean expired() {
    return deadlineNanos != Long.MAX_VALUE && deadlineNanos - System.nanoTime() <= 0;
  }

  /** Registers the abort of a call in flight until the returned scope is closed. */
  public Scope register(Runnable abort) {
    inFlight.add(abort);
    if (cancelled) {
      abort.run();
    }
    return () -> inFlight.remove(abort);
  }

  /** Returns the error of a call stopped because the budget ran out. */
  public SQLException timedOut(String doing) {
    return new SQLTimeoutException("Ran out of time (" + limit + ") while " + doing, "HYT00");
  }

  /**
   * Stops work done on this thread without calls (reading files) when its budget is cancelled
   * (57014) or spent (HYT00); does nothing on a thread without a budget.
   *
   * @param doing what the work is, for the message ("reading the PX files in ...")
   */
  public static void checkCurrent(String doing) throws SQLException {
    CallBudget b = CURRENT.get();
    if (b == null) {
      return;
    }
    if (b.cancelled()) {
      throw new SQLException("Statement cancelled while " + doing, "57014");
    }
    if (b.expired()) {
      throw b.timedOut(doing);
    }
  }

  /** Returns the nanoseconds left in the budget of this thread, or {@code Long.MAX_VALUE}. */
  public static long remainingOfCurrent() {
    CallBudget b = CURRENT.get();
    return b == null ? Long.MAX_VALUE : b.remainingNanos();
  }
}
