package io.pxweb.jdbc;

import io.pxweb.jdbc.http.RateLimit;
import io.pxweb.jdbc.source.SourceRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import okhttp3.HttpUrl;

/**
 * Connection property of the pxweb-jdbc driver.
 *
 * <p>Every property is defined here once, with its key, type, default, description and allowed
 * values. {@link PxWebDriver#getPropertyInfo} and {@code docs/connection-properties.md} are made
 * from this enum, and the typed getters are the only way the driver reads a property.
 */
public enum PxWebProperty {
  LANG("lang", Type.STRING, null,
      "Language of labels and metadata, e.g. en, no, sv. Must be one of the server's languages."
          + " Default: the server's default language from /config; at a PxWebApi v1 server the"
          + " language in the URL's path, which this property rewrites."),
  API_VERSION("apiVersion", Type.STRING, SourceRegistry.AUTO,
      "Which source reads the location: auto (the one the location's form names, else the"
          + " one whose probe answers: GET <url>?config, which only v1 answers with its limits;"
          + " else v2), or the name of a source (the URL forms above list them).",
      SourceRegistry::versionChoices),
  KLASS_URL("klassUrl", Type.URL, "https://data.ssb.no/api/klass/v1",
      "Base URL of SSB's Klass classification API, behind the klass schema (classifications as tables)."),
  CONNECT_TIMEOUT("connectTimeout", Type.DURATION, "10s",
      "Time to establish a TCP/TLS connection to the server (e.g. 500ms, 10s, 2m)."),
  READ_TIMEOUT("readTimeout", Type.DURATION, "60s",
      "Longest wait for the next bytes of a response; large data responses stream for longer."),
  CALL_TIMEOUT("callTimeout", Type.DURATION, "5m",
      "Longest time one HTTP call may take from start to the end of its body (0 = no limit)."),
  USER_AGENT("userAgent", Type.STRING, null,
      "User-Agent header sent to the server. Default: pxweb-jdbc/<version> (Java <version>)."),
  MAX_URL_LENGTH("maxUrlLength", Type.INTEGER, "2000",
      "Longest GET URL the driver sends; longer selections go as POST with a JSON body"
          + " (servers answer 404 beyond about 2,100 characters)."),
  MAX_DATA_CELLS("maxDataCells", Type.INTEGER, null,
      "Cells per data request. Default: maxDataCells from /config. Set lower, never higher,"
          + " than the server allows; larger queries are split into several requests."),
  MAX_RESPONSE_SIZE("maxResponseSize", Type.INTEGER, "256",
      "Largest response body the driver reads from a server, in megabytes after decompression;"
          + " a larger one fails with SQLState 08P01 instead of exhausting memory. Metadata"
          + " documents (configuration, table list pages, table metadata) may use a sixteenth"
          + " of it."),
  TABLE_PAGE_SIZE("tablePageSize", Type.INTEGER, "1000",
      "Page size used to read the server's table list (/tables) when a connection opens."),
  RETRIES("retries", Type.INTEGER, "4",
      "Retries of a request that failed transiently (429, 502, 503, 504, network failure, body"
          + " cut off), with exponential backoff and jitter; 0 for none.",
      Trait.ZERO_ALLOWED),
  RETRY_BACKOFF("retryBackoff", Type.DURATION, "500ms",
      "Wait before the first retry; it doubles with each attempt (up to 30s), with jitter."
          + " A Retry-After from the server takes precedence."),
  RETRY_MAX_TIME("retryMaxTime", Type.DURATION, "2m",
      "Longest time one request may spend on attempts and waits before the error is reported."),
  RATE_LIMIT("rateLimit", Type.RATE_LIMIT, null,
      "Calls per time window to this server, e.g. 30/10s or 40/60s, or none to turn pacing off."
          + " Default: the server's /config, else its rate-limit headers; 10/20s until known."
          + " The limit is shared by all connections of the JVM to the same server."),
  METADATA_TTL("metadataTtl", Type.DURATION, "1h",
      "How long the configuration, table list and table metadata read by any connection of the"
          + " JVM (and the disk cache) stay usable; a table's metadata also stays while its"
          + " 'updated' stamp is unchanged. 0 re-reads them for every connection."),
  PLAN_CACHE_SIZE("planCacheSize", Type.INTEGER, "100",
      "How many query plans a connection keeps by SQL text, so that the same query again (a"
          + " dashboard's refresh) skips planning; parameters are bound per execution. 0 turns"
          + " the plan cache off.",
      Trait.ZERO_ALLOWED),
  CACHE_DIR("cacheDir", Type.PATH, null,
      "Folder for a disk cache of metadata documents, so a restarted application or a BI"
          + " tool's sync does not fetch them again. Safe to share between JVMs; corrupt"
          + " entries are ignored and fetched again. Default: no disk cache."),
  DATA_CACHE_TTL("dataCacheTtl", Type.DURATION, "0",
      "How long the cells of a data request are kept in memory for identical requests"
          + " (at most 2,000,000 cells per server). 0 (default) turns the data cache off."),
  PROXY("proxy", Type.HOST_PORT, null,
      "HTTP proxy as host:port for calls to the server. Default: the JVM's proxy settings"
          + " (https.proxyHost and https.proxyPort system properties), else none."),
  PROXY_USER("proxyUser", Type.STRING, null, "User name for a proxy that asks for Basic authentication."),
  PROXY_PASSWORD("proxyPassword", Type.STRING, null,
      "Password for the proxy; never shown in logs, errors or property info.",
      Trait.SECRET),
  HTTP_HEADERS("httpHeaders", Type.HEADERS, null,
      "Extra headers on every call to the connection's server, for internal PxWeb servers"
          + " behind authentication: Name:value pairs separated by |, e.g. Authorization:Bearer"
          + " abc|X-Api-Key:123. Sent only to the server's origin (scheme, host and port), never"
          + " to another (a redirect's target, Klass, a mount elsewhere: give a mount its own,"
          + " mount.x={https://host/api/v2;httpHeaders=...}). Never shown in logs, errors or"
          + " property info.",
      Trait.SECRET),
  TABLES("tables", Type.STRING, null,
      "Restricts the catalog to these table ids (comma-separated), e.g. 07459,05810: what a BI"
          + " tool's sync or DBeaver's navigator should see. Default: every table."),
  SUBJECTS("subjects", Type.STRING, null,
      "Restricts the catalog to the tables of these top-level subjects (comma-separated), e.g."
          + " be,pp; a PxWebApi v1 server then never reads the other subjects' folders. Default:"
          + " every subject."),
  MOUNT("mount.<name>", Type.STRING, null,
      "Mounts another statbank as schema <name> with all its tables, its subjects"
          + " (<name>.BE, also listed as schema \"<name>.BE\") and its own catalog (<name>.meta),"
          + " so one statement can join"
          + " several statbanks (each part pushed to its own server, paced by its own limits):"
          + " mount.se=scb, mount.fi=statfin, mount.x=https://host/api/v2,"
          + " mount.px=file:/data/px. A value with properties goes in braces:"
          + " mount.fi={statfin;lang=en}. jdbc:pxweb:ssb+scb+statfin mounts scb and statfin as"
          + " schemas of those names beside SSB's.",
      Trait.NAMED),
  ATTACH("attach.<name>.<part>", Type.STRING, null,
      "Attaches a JDBC database as schema <name>, to join with statbank tables in one statement:"
          + " attach.<name>.url=jdbc:... (required), attach.<name>.user, attach.<name>.password"
          + " (secret), attach.<name>.schema (the database schema to expose), attach.<name>.driver"
          + " (driver class, if the driver does not register itself). The JDBC driver must be on"
          + " the classpath. Off unless the host application allows the URL (system property"
          + " pxweb.attach.allowedUrls, or AttachPolicy.allow), because a JDBC URL can run code"
          + " (see docs/joins.md). In the URL, write a value that holds semicolons in braces:"
          + " attach.crm.url={jdbc:h2:mem:crm;DB_CLOSE_DELAY=-1}.",
      Trait.NAMED),
  FUN("fun", Type.STRING, null,
      "Extra SQL function libraries, as Calcite names them (comma-separated), e.g. postgresql"
          + " for ::, ILIKE, string_agg and PostgreSQL's other functions (what"
          + " pxweb-server sets). Default: standard SQL functions only."),
  PROGRESS("progress", Type.BOOLEAN, "false",
      "Print the progress of queries that need several requests (requests done/total, cells)"
          + " to standard error, when the program runs in a terminal. For command-line tools.",
      "true", "false");

  /** What sets a property apart from the plain ones. */
  public enum Trait {
    /** The value never appears in logs, errors or property info. */
    SECRET,
    /** A count that may be 0 (others of type INTEGER must be positive). */
    ZERO_ALLOWED,
    /** The key is a template with a name the user chooses ({@code mount.<name>}). */
    NAMED
  }

  /** Value type of a property, used to parse and to document it. */
  public enum Type { STRING, INTEGER, DURATION, BOOLEAN, RATE_LIMIT, HOST_PORT, URL, PATH, HEADERS }

  private final String key;
  private final Type type;
  private final String defaultValue;
  private final String description;
  /** The allowed values, read when asked: a source registered later is a choice too. */
  private final Supplier<List<String>> choices;
  private final Trait trait;

  PxWebProperty(String key, Type type, String defaultValue, String description,
      String... choices) {
    this(key, type, defaultValue, description, () -> List.of(choices), null);
  }

  PxWebProperty(String key, Type type, String defaultValue, String description, Trait trait) {
    this(key, type, defaultValue, description, List::of, trait);
  }

  PxWebProperty(String key, Type type, String defaultValue, String description,
      Supplier<List<String>> choices) {
    this(key, type, defaultValue, description, choices, null);
  }

  PxWebProperty(String key, Type type, String defaultValue, String description,
      Supplier<List<String>> choices, Trait trait) {
    this.key = key;
    this.type = type;
    this.defaultValue = defaultValue;
    this.description = description;
    this.choices = choices;
    this.trait = trait;
  }

  /** Returns whether the property has a trait. */
  public boolean is(Trait t) {
    return trait == t;
  }

  public String key() {
    return key;
  }

  public Type type() {
    return type;
  }

  /** Returns the default as text, or null when the default comes from the server. */
  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  public List<String> choices() {
    return choices.get();
  }

  /** Returns whether a property's value must never appear in logs, errors or property info. */
  public boolean isSecret() {
    return is(Trait.SECRET);
  }

  /** Returns whether the value under this key is secret: a secret property, or an attached password. */
  public static boolean isSecretKey(String key) {
    PxWebProperty p = forKey(key);
    return p != null && (p.isSecret()
        || (p == ATTACH && key.toLowerCase(Locale.ROOT).endsWith(".password")));
  }

  /**
   * Returns the attached databases: name to their parts (url, user, password, schema, driver),
   * from every {@code attach.<name>.<part>} key of the properties.
   */
  public static Map<String, Map<String, String>> attachments(
      Properties properties) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (forKey(key) == ATTACH) {
        String name = key.substring(7, key.lastIndexOf('.'));
        String part = key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        out.computeIfAbsent(name, n -> new HashMap<>())
            .put(part, properties.getProperty(key));
      }
    }
    return out;
  }

  private static final String ATTACH_TEMPLATE = "attach.<name>.<part>";

  /** Returns the mounted statbanks: schema name to location, from every {@code mount.<name>} key. */
  public static Map<String, String> mounts(Properties properties) {
    Map<String, String> out = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (forKey(key) == MOUNT && !key.equalsIgnoreCase(MOUNT.key)) {
        out.put(key.substring("mount.".length()), properties.getProperty(key));
      }
    }
    return out;
  }

  /** Parts an {@code attach.<name>.<part>} key may end with. */
  public static final List<String> ATTACH_PARTS = List.of("url", "user", "password", "schema",
      "driver");

  /** Finds a property by key, ignoring case; null when there is none. */
  public static PxWebProperty forKey(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    if (lower.startsWith("mount.") && lower.length() > 6) {
      return MOUNT;
    }
    if (lower.equals(ATTACH_TEMPLATE)) {
      return ATTACH;
    }
    if (lower.startsWith("attach.")) {
      int dot = lower.lastIndexOf('.');
      return dot > 7 && ATTACH_PARTS.contains(lower.substring(dot + 1)) ? ATTACH : null;
    }
    for (PxWebProperty p : values()) {
      if (p.key.equalsIgnoreCase(key)) {
        return p;
      }
    }
    return null;
  }

  /** Returns the raw value from the properties, or the default. */
  public String get(Properties properties) {
    String value = properties.getProperty(key);
    return value == null || value.isEmpty() ? defaultValue : value;
  }

  /** Returns the value as an integer, or null when unset and without a default. */
  public Integer getInteger(Properties properties) throws SQLException {
    String value = get(properties);
    if (value == null) {
      return null;
    }
    // A count of retries may be 0; sizes and limits must be positive.
    int min = is(Trait.ZERO_ALLOWED) ? 0 : 1;
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed < min) {
        throw new NumberFormatException("too small");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw invalid(value, min == 0 ? "a whole number, 0 or more" : "a positive whole number");
    }
  }

  /** Returns the value as a duration: a number with unit ms, s, m or h (a bare number is seconds). */
  public Duration getDuration(Properties properties) throws SQLException {
    String value = get(properties);
    if (value == null) {
      return null;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
      } else if (v.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).trim()));
      } else if (v.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1).trim()));
      } else if (v.endsWith("h")) {
        return Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1).trim()));
      }
      return Duration.ofSeconds(Long.parseLong(v));
    } catch (NumberFormatException e) {
      throw invalid(value, "a duration such as 500ms, 30s, 5m");
    }
  }

  /** Returns the value as a boolean: true or false, ignoring case. */
  public boolean getBoolean(Properties properties) throws SQLException {
    String value = getString(properties);
    return Boolean.parseBoolean(value);
  }

  /** Returns the value as text, checked against the allowed choices if there are any. */
  public String getString(Properties properties) throws SQLException {
    String value = get(properties);
    List<String> allowed = choices();
    if (value != null && !allowed.isEmpty()
        && allowed.stream().noneMatch(c -> c.equalsIgnoreCase(value))) {
      throw invalid(value, "one of " + allowed);
    }
    return value;
  }

  /** Returns the value as a rate limit ({@code 30/10s}, {@code none}), or null when unset. */
  public RateLimit getRateLimit(Properties properties) throws SQLException {
    String value = get(properties);
    try {
      return value == null ? null : RateLimit.parse(value);
    } catch (IllegalArgumentException e) {
      throw invalid(value, e.getMessage());
    }
  }

  /** Returns the value as an unresolved {@code host:port} address, or null when unset. */
  public InetSocketAddress getHostPort(Properties properties) throws SQLException {
    String value = get(properties);
    if (value == null) {
      return null;
    }
    int colon = value.lastIndexOf(':');
    try {
      String host = value.substring(0, colon).trim();
      int port = Integer.parseInt(value.substring(colon + 1).trim());
      if (host.isEmpty()) {
        throw new IllegalArgumentException("no host");
      }
      return InetSocketAddress.createUnresolved(host, port);
    } catch (RuntimeException e) {
      throw invalid(value, "host:port");
    }
  }

  /** Returns the value as an http or https URL, or null when unset and without a default. */
  public String getUrl(Properties properties) throws SQLException {
    String value = get(properties);
    if (value != null && HttpUrl.parse(value.trim()) == null) {
      throw invalid(value, "an http or https URL");
    }
    return value == null ? null : value.trim();
  }

  /** Returns the value as an absolute path that is a folder if it exists, or null when unset. */
  public Path getFolder(Properties properties) throws SQLException {
    String value = get(properties);
    if (value == null) {
      return null;
    }
    Path path;
    try {
      path = Path.of(value).toAbsolutePath();
    } catch (InvalidPathException e) {
      throw invalid(value, "a folder (" + e.getMessage() + ")");
    }
    if (Files.exists(path) && !Files.isDirectory(path)) {
      // Else every write would fail and the cache be off without a word.
      throw invalid(value, "a folder; " + path + " is not a folder");
    }
    return path;
  }

  /**
   * Returns the value as HTTP headers: {@code Name:value} pairs separated by {@code |}; empty
   * when unset. The message of a bad value never shows it (headers carry credentials).
   */
  public Map<String, String> getHeaders(Properties properties) throws SQLException {
    String text = get(properties);
    Map<String, String> headers = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return headers;
    }
    for (String pair : text.split("\\|")) {
      int colon = pair.indexOf(':');
      String name = colon < 0 ? "" : pair.substring(0, colon).trim();
      if (name.isEmpty() || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        throw new SQLException("Invalid value for connection property '" + key + "': expected"
            + " Name:value pairs separated by |", "22023");
      }
      headers.put(name, pair.substring(colon + 1).trim());
    }
    return headers;
  }

  private SQLException invalid(String value, String expected) {
    String shown = isSecret() ? "***" : "'" + value + "'";
    return new SQLException("Invalid value " + shown + " for connection property '" + key
        + "': expected " + expected, "22023");
  }

  /** Describes this property for {@link java.sql.Driver#getPropertyInfo}, never showing secrets. */
  public DriverPropertyInfo toDriverPropertyInfo(Properties properties) {
    String value = properties.getProperty(key);
    DriverPropertyInfo info = new DriverPropertyInfo(key,
        isSecret() && value != null ? "***" : value != null ? value : defaultValue);
    info.description = description;
    info.required = false;
    List<String> allowed = choices();
    info.choices = allowed.isEmpty() ? null : allowed.toArray(new String[0]);
    return info;
  }

  /** Returns every property in declaration order (the order of the docs). */
  public static List<PxWebProperty> all() {
    return Arrays.asList(values());
  }
}
