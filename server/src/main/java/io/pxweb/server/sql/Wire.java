package io.pxweb.server.sql;

import java.io.IOException;
import java.util.List;

/**
 * The backend messages a session's query handling sends, encoded by the protocol layer: the
 * SQL side decides what to answer, the protocol side how it is framed on the connection.
 */
public interface Wire {
  /** A result column as the RowDescription message describes it. */
  record Column(String name, int typeOid, short typeLength, int typmod, boolean binary) {
  }

  void parameterStatus(String name, String value) throws IOException;

  void rowDescription(List<Column> columns) throws IOException;

  /**
   * Starts a DataRow of {@code width} values, each given by a {@code value} call, written
   * straight into the connection's buffer (no array per value); {@link #endRow} ends it.
   */
  void beginRow(int width);

  /** A value as text; null is SQL NULL. */
  void value(String text);

  /** A value in binary; null is SQL NULL. */
  void value(byte[] binary);

  void endRow() throws IOException;

  /**
   * From {@code true} on, rows are kept aside instead of being sent (rows read ahead); with
   * {@code false} they are sent again, and the messages kept aside are returned.
   */
  byte[] keepAside(boolean on) throws IOException;

  /** How many bytes have been kept aside so far. */
  int keptAside();

  /** Sends messages kept aside earlier. */
  void messages(byte[] messages, int offset, int length) throws IOException;

  void commandComplete(String tag) throws IOException;

  void emptyQueryResponse() throws IOException;

  void parseComplete() throws IOException;

  void bindComplete() throws IOException;

  void closeComplete() throws IOException;

  void noData() throws IOException;

  void portalSuspended() throws IOException;

  void parameterDescription(int[] typeOids) throws IOException;
}
