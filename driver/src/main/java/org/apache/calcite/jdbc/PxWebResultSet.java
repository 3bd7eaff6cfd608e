package org.apache.calcite.jdbc;

import io.pxweb.jdbc.RowValues;
import io.pxweb.jdbc.adapter.ScanEnumerable;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Handler;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.util.ArrayIteratorCursor;
import org.apache.calcite.avatica.util.Cursor;

/**
 * Calcite's result set, reading a plain statbank scan through the scan's own cursor.
 *
 * <p>When the plan of a statement is one statbank scan (with its projection and pushed-down
 * filters, nothing above it), what the plan returns is the scan's {@link ScanEnumerable}, and
 * the result set reads it through {@link ScanEnumerable#cursor()}: column by column from the
 * responses, instead of Avatica's cursor over an {@code Object[]} per row. Everything else
 * (metadata, the JDBC state, getters' conversions for the types a scan's columns do not answer
 * themselves) stays Avatica's, and any other plan gets Avatica's cursor as before. A prepared
 * statement's {@code setMaxRows} is applied here, in the plan it runs. Rows held as arrays are
 * offered whole ({@link RowValues}).
 */
public final class PxWebResultSet extends CalciteResultSet implements RowValues {
  private boolean columnar;
  /** The cursor when rows are arrays (Avatica's, which keeps its current row to itself). */
  private RowCursor rowCursor;
  /** Per column, the scan cursor's accessor when it answers getObject itself, else null. */
  private Cursor.Accessor[] direct = new Cursor.Accessor[0];

  PxWebResultSet(AvaticaStatement statement, CalcitePrepare.CalciteSignature signature,
      ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
    super(statement, signature, metaData, timeZone, firstFrame);
  }

  /** Whether the rows come through a statbank scan's own cursor. */
  public boolean columnar() {
    return columnar;
  }

  @Override protected CalciteResultSet execute() throws SQLException {
    // As CalciteResultSet.execute and AvaticaResultSet.execute, but choosing the cursor.
    CalciteConnectionImpl connection = getCalciteConnection();
    Handler.ResultSink resultSink = connection.config().autoTemp() ? () -> { } : null;
    connection.getDriver().handler.onStatementExecute(statement, resultSink);
    Iterable<Object> rows = connection.meta().createIterable(statement.handle, state,
        withRowLimit(connection), Collections.emptyList(), firstFrame);
    Cursor cursor;
    rowCursor = null;
    if ((Object) rows instanceof ScanEnumerable<?> scan) {
      cursor = scan.cursor();
      columnar = true;
    } else if (signature.cursorFactory.style == Meta.Style.ARRAY) {
      @SuppressWarnings("unchecked") Iterator<Object[]> arrays = (Iterator<Object[]>) (Object)
          rows.iterator();
      cursor = rowCursor = new RowCursor(arrays);
      columnar = false;
    } else {
      cursor = MetaImpl.createCursor(signature.cursorFactory, rows);
      columnar = false;
    }
    execute2(cursor, columnMetaDataList);
    direct = new Cursor.Accessor[columnar ? accessorList.size() : 0];
    for (int i = 0; i < direct.length; i++) {
      Cursor.Accessor a = accessorList.get(i);
      direct[i] = ScanEnumerable.answersGetObject(a) ? a : null;
    }
    return this;
  }

  /**
   * Returns the plan to run: a prepared statement's plan with the statement's row limit in it.
   * Calcite plans a prepared statement once, without a limit, and then ignores
   * {@code setMaxRows} (every row came back); the plan with the limit is the one a plain
   * statement with that limit gets (kept by the plan cache), so the scan fetches only the
   * leading rows' cells.
   */
  private Meta.Signature withRowLimit(CalciteConnectionImpl connection) throws SQLException {
    long maxRows = statement.getLargeMaxRows();
    if (maxRows <= 0 || !(statement instanceof PreparedStatement)
        || !(signature instanceof CalcitePrepare.CalciteSignature<?> planned)
        || planned.sql == null
        || planned.statementType != Meta.StatementType.SELECT) {
      return signature;
    }
    return connection.parseQuery(CalcitePrepare.Query.of(planned.sql),
        connection.createPrepareContext(), maxRows);
  }

  /**
   * As Avatica's, which looks the column's type up and asks the accessor for that type's
   * value on every call: a scan's accessors answer it directly (a third of a getObject
   * client's time went to that dispatch).
   */
  @Override public Object getObject(int columnIndex) throws SQLException {
    Cursor.Accessor[] d = direct;
    if (columnIndex > 0 && columnIndex <= d.length && d[columnIndex - 1] != null && !isClosed()) {
      return d[columnIndex - 1].getObject();
    }
    return super.getObject(columnIndex);
  }

  @Override public Object[] currentRow() {
    RowCursor c = rowCursor;
    try {
      return c == null || isClosed() ? null : c.row();
    } catch (SQLException | NoSuchElementException notOnARow) {
      return null; // closed, before the first row or after the last: the getters say why
    }
  }

  /** Avatica's cursor over array rows (what {@code MetaImpl.createCursor} makes), row exposed. */
  private static final class RowCursor extends ArrayIteratorCursor {
    RowCursor(Iterator<Object[]> rows) {
      super(rows);
    }

    Object[] row() {
      return current();
    }
  }
}
