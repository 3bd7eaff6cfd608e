package io.pxweb.jdbc.adapter;

import io.pxweb.jdbc.model.CallBudget;
import io.pxweb.jdbc.model.Cube;
import io.pxweb.jdbc.model.DataRequest;
import io.pxweb.jdbc.model.TooManyCellsException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Enumerator over the rows of a planned scan: it sends the data requests one at a time, in
 * order. Once a response has arrived and its rows are being read, the next request is sent
 * (and its response read) on a background thread, so the server's time and the parse hide
 * behind the row work; a request is still only sent after the previous response has arrived
 * (Statistics Norway's rule), and memory holds two responses at most.
 *
 * <p>Should the server refuse a request as "Too many cells selected" (its real limit lower than
 * its {@code /config} says), the request is split in two and the query goes on. It stops when
 * the statement is cancelled, aborting a call in flight, and it never ends early on a failed
 * request: failures surface as exceptions.
 */
final class PxWebEnumerator implements Enumerator<Object[]> {

  private final PxWebTable table;
  private final ColumnLayout layout;
  private final int[] projection;
  private final Deque<DataRequest> pending;
  private final AtomicBoolean cancelFlag;
  private final boolean fetch;
  private final long deadlineMillis;
  private final long timeoutMillis;
  private final AtomicBoolean timedOut = new AtomicBoolean();
  /** Threads that read the next response while the rows of the current one are consumed. */
  private static final ExecutorService AHEAD = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "pxweb-prefetch");
    t.setDaemon(true);
    return t;
  });
  /**
   * Rows of a response read before the next request is sent ahead (half of a smaller
   * response): a client that reads a screenful and closes (DBeaver's first 200 rows) costs no
   * request it never reads, so the server's rationed calls are not spent on it; a scan that
   * reads on overlaps all but these rows with the next response.
   */
  static final int PREFETCH_AFTER_ROWS = 1000;
  private long rowsOfResponse;
  private long prefetchAfter = PREFETCH_AFTER_ROWS;
  private Future<Fetched> ahead;
  private DataRequest aheadRequest;
  private CallBudget aheadBudget;
  private RowAssembler rows;
  private Object[] current;
  private int total;
  private int done;
  private long cells;

  /**
   * Creates an enumerator.
   *
   * @param fetch whether to send the requests; false to enumerate their rows from metadata
   * @param timeoutMillis the statement's query timeout, 0 for none
   */
  PxWebEnumerator(PxWebTable table, ColumnLayout layout, int[] projection,
      List<DataRequest> requests, AtomicBoolean cancelFlag, boolean fetch, long timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
    this.deadlineMillis = timeoutMillis > 0 ? System.currentTimeMillis() + timeoutMillis : 0;
    this.table = table;
    this.layout = layout;
    this.projection = projection;
    this.pending = new ArrayDeque<>(requests);
    this.total = requests.size();
    this.cancelFlag = cancelFlag;
    this.fetch = fetch;
  }

  @Override public Object[] current() {
    return current;
  }

  @Override public boolean moveNext() {
    if (advance()) {
      current = rows.row();
      return true;
    }
    current = null;
    return false;
  }

  /** Returns the cells of the current row (valid after {@link #advance()} returned true). */
  RowAssembler rows() {
    return rows;
  }

  /**
   * Moves to the next row without building it, for a cursor that reads the cells it is asked
   * for from {@link #rows()}; {@link #moveNext()} builds each row from there.
   */
  boolean advance() {
    while (true) {
      checkCancelled();
      if (rows != null && rows.next()) {
        if (++rowsOfResponse == prefetchAfter && fetch && ahead == null
            && !pending.isEmpty()) {
          sendAhead(pending.poll());
        }
        return true;
      }
      rows = null;
      Fetched fetched = null;
      DataRequest request;
      if (ahead != null) {
        request = aheadRequest;
        fetched = await();
      } else {
        request = pending.poll();
      }
      if (request == null) {
        if (done > 1 && table.catalog().progress() != null) {
          table.catalog().progress().println();
        }
        return false;
      }
      Cube cube = fetch ? take(request, fetched != null ? fetched : send(request)) : null;
      if (fetch && cube == null) {
        continue;
      }
      try {
        rows = new RowAssembler(layout, projection, request, cube);
      } catch (MalformedResponseException e) {
        // The data does not fit the metadata it was asked by: the source's fault, not the SQL's.
        throw new PxWebQueryException(new SQLNonTransientConnectionException(
            "Unexpected response from " + table.catalog().source().location() + ": "
            + e.getMessage() + " (data of table " + request.tableId() + ")", "08P01"));
      }
      rowsOfResponse = 0;
      prefetchAfter = Math.max(1, Math.min(PREFETCH_AFTER_ROWS, rows.rowCount() / 2));
    }
  }

  /** A response, or why there is none. */
  private record Fetched(Cube cube, SQLException failure, RuntimeException error) {
  }

  /** Sends one request and reads its response, on whatever thread; throws nothing. */
  private Fetched send(DataRequest request) {
    try {
      return new Fetched(StatementBudget.run(cancelFlag, deadlineMillis, timedOut,
          budget -> table.catalog().source().data(request, table.catalog().language(), budget)),
          null, null);
    } catch (SQLException e) {
      return new Fetched(null, e, null);
    } catch (RuntimeException e) {
      return new Fetched(null, null, e);
    }
  }

  /**
   * Sends the next request on a background thread, with a budget of its own that the
   * statement's cancel flag and deadline cancel, and so does {@link #close()}.
   */
  private void sendAhead(DataRequest request) {
    CallBudget budget = CallBudget.start(0, "the query timeout");
    aheadRequest = request;
    aheadBudget = budget;
    ahead = AHEAD.submit(() -> {
      try (CancelWatcher.Watch watch = CancelWatcher.watch(cancelFlag, deadlineMillis, timedOut,
          budget::cancel); CallBudget.Scope scope = budget.enter()) {
        return send(request);
      }
    });
  }

  /** Waits for the response read ahead. */
  private Fetched await() {
    Future<Fetched> f = ahead;
    ahead = null;
    aheadRequest = null;
    aheadBudget = null;
    try {
      return f.get();
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new PxWebQueryException(new SQLException("Statement interrupted", "57014", e));
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : new IllegalStateException(e.getCause());
    }
  }

  /**
   * Takes a response on the statement's thread; on "too many cells" queues the request's
   * halves instead and returns null.
   */
  private Cube take(DataRequest request, Fetched fetched) {
    if (fetched.error() != null) {
      throw fetched.error();
    }
    try {
      if (fetched.failure() != null) {
        throw fetched.failure();
      }
      Cube cube = fetched.cube();
      done++;
      cells += request.cells();
      if (total > 1 && table.catalog().progress() != null) {
        table.catalog().progress().printf("\rpxweb: %d/%d requests, %,d cells", done, total,
            cells);
        table.catalog().progress().flush();
      }
      return cube;
    } catch (SQLException e) {
      checkCancelled();
      if (tooManyCells(e) && request.cells() > 1) {
        List<DataRequest> halves = RequestPlanner.plan(layout.metadata(),
            RequestPlanner.selection(request), Math.max(1, request.cells() / 2),
            request.codelists());
        for (int i = halves.size() - 1; i >= 0; i--) {
          pending.addFirst(halves.get(i));
        }
        total += halves.size() - 1;
        table.catalog().lowerMaxDataCells(request.cells() / 2);
        return null;
      }
      throw new PxWebQueryException(e);
    }
  }

  /** Returns whether a failure (perhaps after retries) is the source's "too many cells". */
  private static boolean tooManyCells(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TooManyCellsException) {
        return true;
      }
    }
    return false;
  }

  private void checkCancelled() {
    if (timedOut.get() || (deadlineMillis > 0 && System.currentTimeMillis() >= deadlineMillis)) {
      throw new PxWebQueryException(new SQLTimeoutException("Query timed out after "
          + timeoutMillis + " ms (Statement.setQueryTimeout)", "HYT00"));
    }
    if (cancelFlag != null && cancelFlag.get()) {
      throw new PxWebQueryException(new SQLException("Statement cancelled", "57014"));
    }
  }

  @Override public void reset() {
    throw new UnsupportedOperationException();
  }

  @Override public void close() {
    if (ahead != null) {
      aheadBudget.cancel();
      ahead.cancel(false);
      ahead = null;
    }
    rows = null;
  }
}
