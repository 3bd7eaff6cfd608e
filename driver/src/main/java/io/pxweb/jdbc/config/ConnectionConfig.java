package io.pxweb.jdbc.config;

import io.pxweb.jdbc.PxWebProperty;
import io.pxweb.jdbc.http.HttpSettings;
import io.pxweb.jdbc.klass.KlassSettings;
import io.pxweb.jdbc.source.SourceRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * One connection's configuration, read once from its URL and properties with the typed
 * readers of {@link PxWebProperty}: every invalid value fails here, at connect, with the
 * property's name; nothing below reads a property again.
 *
 * @param location the source's location in its normal form (a base URL, a {@code file:} URI)
 * @param lang the language asked for, or null for the source's default
 * @param maxDataCells cells per request asked for, or null for the source's limit
 * @param tablePageSize page size of table lists
 * @param progress whether to print the progress of multi-request queries (on a terminal)
 * @param metadataTtl how long metadata stays usable in the JVM's caches
 * @param tables the {@code tables} restriction, or null
 * @param subjects the {@code subjects} restriction, or null
 * @param fun extra SQL function libraries, or null
 * @param planCacheSize plans kept per connection for repeated SQL texts; 0 for none
 * @param http HTTP settings shared by every service the connection calls
 * @param klass Klass settings, or null when the connection has no Klass schema (a folder of PX
 *     files without an explicit {@code klassUrl})
 * @param attachments the attached databases by schema name, their parts by name
 * @param apiVersion the {@code apiVersion} property: auto or a source's name
 * @param mounts the mounted statbanks by schema name ({@code mount.<name>})
 */
public record ConnectionConfig(String location, String lang, Integer maxDataCells,
    int tablePageSize, boolean progress, Duration metadataTtl, String tables, String subjects,
    String fun, int planCacheSize, HttpSettings http, KlassSettings klass,
    Map<String, Map<String, String>> attachments, String apiVersion,
    Map<String, Mount> mounts) {

  /**
   * A statbank mounted as a schema ({@code mount.<name>}), read from its own URL form.
   *
   * @param location the source's location in its normal form
   * @param lang its language, or null for its default
   * @param apiVersion its {@code apiVersion}: auto or a source's name
   */
  public record Mount(String location, String lang, String apiVersion,
      Map<String, String> headers) {
    static Mount of(String value) throws SQLException {
      PxWebUrl parsed = PxWebUrl.parse(PxWebUrl.PREFIX + value, null);
      Properties own = parsed.properties();
      return new Mount(parsed.location(), PxWebProperty.LANG.getString(own),
          PxWebProperty.API_VERSION.getString(own), PxWebProperty.HTTP_HEADERS.getHeaders(own));
    }
  }

  /** Reads a connection's configuration; the properties are the URL's merged with the given. */
  public static ConnectionConfig of(PxWebUrl url) throws SQLException {
    Properties props = url.properties();
    HttpSettings http = new HttpSettings(
        PxWebProperty.CONNECT_TIMEOUT.getDuration(props),
        PxWebProperty.READ_TIMEOUT.getDuration(props),
        PxWebProperty.CALL_TIMEOUT.getDuration(props),
        userAgent(props),
        PxWebProperty.MAX_URL_LENGTH.getInteger(props),
        PxWebProperty.RETRIES.getInteger(props) + 1,
        PxWebProperty.RETRY_MAX_TIME.getDuration(props),
        PxWebProperty.RETRY_BACKOFF.getDuration(props),
        PxWebProperty.RATE_LIMIT.getRateLimit(props),
        PxWebProperty.CACHE_DIR.getFolder(props),
        PxWebProperty.METADATA_TTL.getDuration(props),
        PxWebProperty.DATA_CACHE_TTL.getDuration(props),
        PxWebProperty.PROXY.getHostPort(props),
        PxWebProperty.PROXY_USER.getString(props),
        PxWebProperty.PROXY_PASSWORD.getString(props),
        PxWebProperty.HTTP_HEADERS.getHeaders(props),
        PxWebProperty.MAX_RESPONSE_SIZE.getInteger(props) * 1024L * 1024L,
        HttpSettings.originOf(url.location()));
    String lang = PxWebProperty.LANG.getString(props);
    String klassUrl = PxWebProperty.KLASS_URL.getUrl(props);
    // A folder of PX files has no Klass, unless the user names a Klass server explicitly.
    boolean klass = !SourceRegistry.local(url.location())
        || props.getProperty(PxWebProperty.KLASS_URL.key()) != null;
    Map<String, Mount> mounts = new LinkedHashMap<>();
    for (Map.Entry<String, String> m : PxWebProperty.mounts(props).entrySet()) {
      mounts.put(m.getKey(), Mount.of(m.getValue()));
    }
    return new ConnectionConfig(url.location(), lang,
        PxWebProperty.MAX_DATA_CELLS.getInteger(props),
        PxWebProperty.TABLE_PAGE_SIZE.getInteger(props),
        PxWebProperty.PROGRESS.getBoolean(props),
        PxWebProperty.METADATA_TTL.getDuration(props),
        PxWebProperty.TABLES.getString(props),
        PxWebProperty.SUBJECTS.getString(props),
        PxWebProperty.FUN.getString(props),
        PxWebProperty.PLAN_CACHE_SIZE.getInteger(props),
        http,
        klass ? new KlassSettings(klassUrl, lang, KlassSettings.DEFAULT_PAGE_SIZE, http) : null,
        PxWebProperty.attachments(props),
        PxWebProperty.API_VERSION.getString(props),
        mounts);
  }

  /** Reads the configuration of properties alone (no URL): for tests and tools. */
  public static ConnectionConfig of(Properties props) throws SQLException {
    return of(PxWebUrl.parse(PxWebUrl.PREFIX + "ssb", props));
  }

  private static String userAgent(Properties props) throws SQLException {
    String ua = PxWebProperty.USER_AGENT.getString(props);
    return ua != null ? ua : DriverName.NAME + "/" + DriverName.VERSION + " (Java "
        + System.getProperty("java.version") + ")";
  }
}
