package io.pxweb.jdbc.schema;

import static java.util.Objects.requireNonNull;

import io.pxweb.jdbc.client.PxWebClient;
import io.pxweb.jdbc.metadata.ApiConfig;
import io.pxweb.jdbc.metadata.TableEntry;
import io.pxweb.jdbc.metadata.TableMetadata;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one connection knows of its server: the configuration and table list read when the
 * connection opens, and each table's metadata, fetched the first time a statement uses the table
 * and kept for the life of the connection.
 */
public final class PxWebCatalog {
  private final PxWebClient client;
  private final ApiConfig config;
  private final String language;
  private final int maxDataCells;
  private final List<TableEntry> tables;
  private final Map<String, TableMetadata> metadata = new ConcurrentHashMap<>();

  private PxWebCatalog(PxWebClient client, ApiConfig config, String language, int maxDataCells,
      List<TableEntry> tables) {
    this.client = client;
    this.config = config;
    this.language = language;
    this.maxDataCells = maxDataCells;
    this.tables = List.copyOf(tables);
  }

  /**
   * Opens a catalog: reads {@code /config} and the whole table list; nothing else.
   *
   * @param requestedLanguage the {@code lang} property, or null for the server's default
   * @param maxDataCellsOverride the {@code maxDataCells} property, or null for the server's
   * @param pageSize page size for reading the table list
   */
  public static PxWebCatalog open(PxWebClient client, String requestedLanguage,
      Integer maxDataCellsOverride, int pageSize) throws SQLException {
    requireNonNull(client, "client");
    ApiConfig config = client.config();
    String language = requestedLanguage == null ? config.defaultLanguage()
        : requestedLanguage.toLowerCase(Locale.ROOT);
    if (requestedLanguage != null && !config.languages().isEmpty()
        && !config.languages().contains(language)) {
      throw new SQLException("Unsupported language '" + requestedLanguage + "' for "
          + client.baseUrl() + ": the server offers " + config.languages(), "22023");
    }
    int serverCells = config.maxDataCells() > 0 ? config.maxDataCells() : Integer.MAX_VALUE;
    int maxCells = maxDataCellsOverride == null ? serverCells
        : Math.min(serverCells, maxDataCellsOverride);
    List<TableEntry> tables = client.tables(language, pageSize);
    return new PxWebCatalog(client, config, language, maxCells, tables);
  }

  public PxWebClient client() {
    return client;
  }

  public ApiConfig config() {
    return config;
  }

  /** Returns the language of labels and metadata for this connection. */
  public String language() {
    return language;
  }

  /** Returns the most cells one data request of this connection may select. */
  public int maxDataCells() {
    return maxDataCells;
  }

  /** Returns every table of the server's list, in the server's order. */
  public List<TableEntry> tables() {
    return tables;
  }

  /** Returns a table's metadata, fetching it on first use. */
  public TableMetadata metadata(String tableId) throws SQLException {
    String key = tableId.toLowerCase(Locale.ROOT);
    TableMetadata cached = metadata.get(key);
    if (cached != null) {
      return cached;
    }
    TableMetadata fetched = client.metadata(tableId, language);
    TableMetadata raced = metadata.putIfAbsent(key, fetched);
    return raced != null ? raced : fetched;
  }
}
