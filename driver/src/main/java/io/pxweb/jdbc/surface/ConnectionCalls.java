package io.pxweb.jdbc.surface;

import io.pxweb.jdbc.model.CallBudget;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * What the JDBC objects of one connection share about their calls: the network timeout
 * ({@code Connection.setNetworkTimeout}) that bounds calls outside a statement's execute
 * (preparing a statement, DatabaseMetaData), and the budgets of the calls in flight, so that
 * {@code Connection.abort} stops them all.
 *
 * <p>Preparing a statement plans it, and planning reads table metadata over HTTP: without a
 * budget, such a call had neither a bound nor a way to be stopped. Pools (HikariCP) set a
 * network timeout and abort connections they evict; JDBC names these two calls for that.
 */
final class ConnectionCalls {
  /**
   * Budgets started on this connection. Weak: a statement's budget lives as long as the
   * statement refers to it, a call's as long as the call runs.
   */
  private final Set<CallBudget> active = Collections.newSetFromMap(new WeakHashMap<>());
  private volatile int networkTimeoutMillis;
  private volatile boolean aborted;
  /** What {@code Connection.getWarnings} answers: the source's problems at connect time. */
  private volatile SQLWarning warnings;

  /** Sets the connection's warnings (null: none). */
  void warnings(SQLWarning chain) {
    warnings = chain;
  }

  /** Returns the connection's warnings, or null; {@code clearWarnings} sets them to null. */
  SQLWarning warnings() {
    return warnings;
  }

  /** Starts the budget of a call outside a statement's execute: the network timeout. */
  CallBudget startCall() {
    int ms = networkTimeoutMillis;
    return track(CallBudget.start(ms, "the network timeout of " + ms + " ms"));
  }

  /** Remembers a budget so that {@link #abort()} cancels it; returns it. */
  CallBudget track(CallBudget budget) {
    synchronized (active) {
      active.add(budget);
    }
    return budget;
  }

  /** Sets the network timeout; 0 for none. */
  void setNetworkTimeout(int milliseconds) throws SQLException {
    if (milliseconds < 0) {
      throw new SQLException("The network timeout must be 0 (none) or more milliseconds, not "
          + milliseconds, "22023");
    }
    networkTimeoutMillis = milliseconds;
  }

  int networkTimeout() {
    return networkTimeoutMillis;
  }

  /** Marks the connection aborted and cancels every call in flight. */
  void abort() {
    aborted = true;
    List<CallBudget> running;
    synchronized (active) {
      running = new ArrayList<>(active);
    }
    running.forEach(CallBudget::cancel);
  }

  boolean aborted() {
    return aborted;
  }
}
