package io.pxweb.jdbc.adapter;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watcher that aborts a call in flight when its statement is cancelled or runs out of time.
 *
 * <p>Calcite's {@code Statement.cancel()} only sets a flag and {@code setQueryTimeout} is not
 * enforced at all; a thread blocked in an HTTP call or a rate-limit wait would see neither.
 * One daemon thread polls the flags of the calls in flight every 100 ms and aborts them, so a
 * cancel takes effect within a fraction of a second.
 */
final class CancelWatcher {
  private static final long POLL_MILLIS = 100;
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pxweb-cancel-watcher");
        t.setDaemon(true);
        return t;
      });

  private CancelWatcher() {
  }

  /** A watch in force until closed. */
  interface Watch extends AutoCloseable {
    @Override void close();
  }

  /**
   * Watches one call until the returned handle is closed.
   *
   * @param cancelFlag the statement's cancel flag, or null
   * @param deadlineMillis wall-clock time at which the statement times out, or 0 for never
   * @param timedOut set when the deadline passed
   * @param abort aborts the call in flight
   */
  static Watch watch(AtomicBoolean cancelFlag, long deadlineMillis, AtomicBoolean timedOut,
      Runnable abort) {
    if (cancelFlag == null && deadlineMillis <= 0) {
      return () -> { };
    }
    ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
    task[0] = TIMER.scheduleAtFixedRate(() -> {
      boolean late = deadlineMillis > 0 && System.currentTimeMillis() >= deadlineMillis;
      if (late) {
        timedOut.set(true);
      }
      if (late || (cancelFlag != null && cancelFlag.get())) {
        abort.run();
        task[0].cancel(false);
      }
    }, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    return () -> task[0].cancel(false);
  }
}
