package io.pxweb.jdbc.source;

import io.pxweb.jdbc.client.DataRequest;
import io.pxweb.jdbc.jsonstat.Cube;
import io.pxweb.jdbc.metadata.ApiConfig;
import io.pxweb.jdbc.metadata.TableEntry;
import io.pxweb.jdbc.metadata.TableMetadata;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where statbank tables come from: a PxWebApi 2.0 server over HTTP, or a folder of PX files.
 *
 * <p>Both answer the same four questions in the API's terms, so schemas, columns, planning
 * and SQL behave the same over either.
 */
public interface StatbankSource {
  /** Returns a description for messages: the base URL, or the folder as a {@code file:} URI. */
  String location();

  /** Returns the configuration: languages, default language, cell limit. */
  ApiConfig config() throws SQLException;

  /** Returns every table in the given language. */
  List<TableEntry> tables(String lang, int pageSize) throws SQLException;

  /** Returns one table's metadata in the given language. */
  TableMetadata metadata(String tableId, String lang) throws SQLException;

  /**
   * Returns the cells of one request.
   *
   * @param abortSlot receives an action that aborts the work in flight (null when it ends),
   *     so another thread can cancel a running statement
   */
  Cube data(DataRequest request, String lang, Consumer<Runnable> abortSlot) throws SQLException;
}
