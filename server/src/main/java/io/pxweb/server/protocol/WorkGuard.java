package io.pxweb.server.protocol;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The time limit on a session's work for one message: parsing, rewriting, planning, running and
 * sending rows. The watchdog stops the work at {@code statement_timeout}, on a CancelRequest or
 * when the client has gone, by cancelling the statement and interrupting the session's thread,
 * which the server's own loops check. An interrupt never lands during socket I/O (a thread
 * interrupted in a read or write on a channel closes the channel): it waits until the I/O is over.
 * Work that ignores the interrupt past a grace period costs the client its connection, with a
 * FATAL error, rather than its answer.
 */
final class WorkGuard {
  /** Why the work was stopped. */
  enum Reason {
    TIMEOUT("canceling statement due to statement timeout"),
    CANCEL("canceling statement due to user request"),
    CLIENT_GONE("canceling statement because the client closed the connection");

    final String message;

    Reason(String message) {
      this.message = message;
    }
  }

  /** How long stopped work may take to notice before the connection is ended. */
  static final long GRACE_MILLIS = 2_000;

  /** Work running longer than this has its client's connection looked at, once a tick. */
  static final long PROBE_AFTER_MILLIS = 1_000;

  /** Held around every write to the client, so the watchdog's own last message never interleaves. */
  final ReentrantLock writeLock = new ReentrantLock();

  private Thread worker;
  private long started;
  private long deadline;
  private boolean inIo;
  private boolean owed;
  private Reason reason;
  private long stoppedAt;

  /** The session's thread starts the work for one message; {@code timeoutMillis} 0: no limit. */
  synchronized void begin(long timeoutMillis) {
    worker = Thread.currentThread();
    started = System.nanoTime();
    deadline = timeoutMillis > 0 ? started + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : 0;
    reason = null;
    owed = false;
  }

  /** The work is over: no interrupt reaches the thread any more, and none is left set. */
  synchronized void end() {
    worker = null;
    owed = false;
    Thread.interrupted();
  }

  /** Why the last work was stopped, or null when it was not. */
  synchronized Reason reason() {
    return reason;
  }

  /** Stops the current work, if any; the first reason stays. True when there was work to stop. */
  synchronized boolean stop(Reason why) {
    if (worker == null) {
      return false;
    }
    if (reason == null) {
      reason = why;
      stoppedAt = System.nanoTime();
    }
    if (inIo) {
      owed = true;
    } else {
      worker.interrupt();
    }
    return true;
  }

  /** What the watchdog should do about the work now. */
  enum Verdict { NONE, TIME_UP, PROBE, OVERDUE }

  synchronized Verdict check(long now) {
    if (worker == null) {
      return Verdict.NONE;
    }
    if (reason != null) {
      return now - stoppedAt > TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS) ? Verdict.OVERDUE
          : Verdict.NONE;
    }
    if (deadline != 0 && now - deadline >= 0) {
      return Verdict.TIME_UP;
    }
    return now - started > TimeUnit.MILLISECONDS.toNanos(PROBE_AFTER_MILLIS) ? Verdict.PROBE
        : Verdict.NONE;
  }

  /**
   * Runs a look at the connection while the session's thread is in its work (it reads nothing
   * then); {@link #end} waits for it, so the thread's next read never races with it.
   */
  synchronized boolean whileWorking(BooleanSupplier probe) {
    return worker != null && reason == null && probe.getAsBoolean();
  }

  private synchronized boolean enterIo() {
    inIo = true;
    return Thread.interrupted();
  }

  private synchronized void exitIo(boolean wasInterrupted) {
    inIo = false;
    if ((wasInterrupted || owed) && worker == Thread.currentThread()) {
      owed = false;
      Thread.currentThread().interrupt();
    }
  }

  /** The client's output stream, written only with the interrupt held back and the write lock. */
  OutputStream guard(OutputStream raw) {
    return new FilterOutputStream(raw) {
      @Override public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override public void write(byte[] b, int off, int len) throws IOException {
        writeLock.lock();
        boolean interrupted = enterIo();
        try {
          out.write(b, off, len);
        } finally {
          exitIo(interrupted);
          writeLock.unlock();
        }
      }

      @Override public void flush() throws IOException {
        writeLock.lock();
        boolean interrupted = enterIo();
        try {
          out.flush();
        } finally {
          exitIo(interrupted);
          writeLock.unlock();
        }
      }
    };
  }
}
