package io.pxweb.jdbc.schema;

import io.pxweb.jdbc.client.DataRequest;
import io.pxweb.jdbc.client.PxWebErrors;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Enumerator over the rows of a planned query: it sends the data requests one at a time, in
 * order, and yields each response's rows before sending the next, so memory holds one response
 * at most.
 *
 * <p>It stops when the statement is cancelled (Calcite's cancel flag), aborting a call in
 * flight, and it never ends early on a failed request: failures surface as exceptions.
 */
final class PxWebEnumerator implements Enumerator<Object[]> {
  private final PxWebTable table;
  private final ColumnLayout layout;
  private final int[] projection;
  private final List<DataRequest> requests;
  private final AtomicBoolean cancelFlag;
  private final AtomicReference<Runnable> inFlight = new AtomicReference<>();
  private int next;
  private RowAssembler rows;
  private Object[] current;

  PxWebEnumerator(PxWebTable table, ColumnLayout layout, int[] projection,
      List<DataRequest> requests, AtomicBoolean cancelFlag) {
    this.table = table;
    this.layout = layout;
    this.projection = projection;
    this.requests = requests;
    this.cancelFlag = cancelFlag;
  }

  @Override public Object[] current() {
    return current;
  }

  @Override public boolean moveNext() {
    while (true) {
      checkCancelled();
      if (rows != null && rows.next()) {
        current = rows.row();
        return true;
      }
      rows = null;
      if (next >= requests.size()) {
        current = null;
        return false;
      }
      DataRequest request = requests.get(next++);
      try {
        var cube = table.catalog().source().data(request, table.catalog().language(),
            inFlight::set);
        rows = new RowAssembler(layout, projection, request, cube);
      } catch (SQLException e) {
        throw new PxWebQueryException(e);
      } catch (MalformedResponseException e) {
        throw new PxWebQueryException(PxWebErrors.fromMalformed(e.getMessage(), "GET",
            table.catalog().source().location() + "/tables/" + request.tableId() + "/data"));
      }
    }
  }

  private void checkCancelled() {
    if (cancelFlag != null && cancelFlag.get()) {
      throw new PxWebQueryException(new SQLException("Statement cancelled", "57014"));
    }
  }

  @Override public void reset() {
    throw new UnsupportedOperationException();
  }

  @Override public void close() {
    Runnable abort = inFlight.getAndSet(null);
    if (abort != null) {
      abort.run();
    }
    rows = null;
  }
}
