package io.pxweb.jdbc;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Parsed {@code jdbc:pxweb:} connection URL: the server's base URL and the merged properties.
 *
 * <p>Forms: {@code jdbc:pxweb:} (Statistics Norway), {@code jdbc:pxweb:ssb},
 * {@code jdbc:pxweb:scb}, {@code jdbc:pxweb:https://host/api/v2}, and
 * {@code jdbc:pxweb:file:<folder>} for a folder of PX files; each optionally followed by
 * {@code ;key=value} pairs. A property in the URL wins over the same key in the
 * {@link Properties} passed to {@code connect}.
 */
public final class PxWebUrl {
  public static final String PREFIX = "jdbc:pxweb:";

  /** Base URLs of the servers that have a short name. */
  public static final Map<String, String> ALIASES = Map.of(
      "ssb", "https://data.ssb.no/api/pxwebapi/v2",
      "scb", "https://statistikdatabasen.scb.se/api/v2");

  public static final String DEFAULT_BASE_URL = ALIASES.get("ssb");

  private final String baseUrl;
  private final Path folder;
  private final Properties properties;

  private PxWebUrl(String baseUrl, Path folder, Properties properties) {
    this.baseUrl = baseUrl;
    this.folder = folder;
    this.properties = properties;
  }

  /** Returns whether the driver handles this URL. */
  public static boolean accepts(String url) {
    return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
  }

  /** Parses a URL the driver accepts; throws for a malformed one. */
  public static PxWebUrl parse(String url, Properties info) throws SQLException {
    String rest = url.substring(PREFIX.length());
    int semi = rest.indexOf(';');
    String location = (semi < 0 ? rest : rest.substring(0, semi)).trim();
    Properties merged = new Properties();
    if (info != null) {
      for (String name : info.stringPropertyNames()) {
        PxWebProperty p = PxWebProperty.forKey(name);
        // Host applications add keys of their own (user, password, ...): keep only ours.
        if (p != null) {
          merged.setProperty(p == PxWebProperty.ATTACH ? name : p.key(), info.getProperty(name));
        }
      }
    }
    if (semi >= 0) {
      for (String pair : splitPairs(rest.substring(semi + 1))) {
        if (pair.isBlank()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = (eq < 0 ? pair : pair.substring(0, eq)).trim();
        PxWebProperty p = PxWebProperty.forKey(key);
        if (p == null) {
          throw new SQLException("Unknown connection property '" + key + "' in URL "
              + redact(url) + "; known properties: " + knownKeys(), "08001");
        }
        String value = eq < 0 ? "" : pair.substring(eq + 1).trim();
        if (value.startsWith("{") && value.endsWith("}")) {
          value = value.substring(1, value.length() - 1);
        }
        merged.setProperty(p == PxWebProperty.ATTACH ? key : p.key(), value);
      }
    }
    if (location.regionMatches(true, 0, "file:", 0, 5)) {
      return new PxWebUrl(null, folder(location, url), merged);
    }
    return new PxWebUrl(resolveBaseUrl(location, url), null, merged);
  }

  private static String resolveBaseUrl(String location, String url) throws SQLException {
    if (location.isEmpty()) {
      return DEFAULT_BASE_URL;
    }
    String alias = ALIASES.get(location.toLowerCase(Locale.ROOT));
    if (alias != null) {
      return alias;
    }
    String lower = location.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      try {
        URI uri = new URI(location);
        if (uri.getHost() == null) {
          throw new URISyntaxException(location, "no host");
        }
      } catch (URISyntaxException e) {
        throw new SQLException("Malformed server URL in " + redact(url) + ": " + e.getMessage(),
            "08001");
      }
      return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    }
    throw new SQLException("Unknown server '" + location + "' in " + redact(url)
        + ": use jdbc:pxweb: (Statistics Norway), jdbc:pxweb:ssb, jdbc:pxweb:scb"
        + " or jdbc:pxweb:<http(s) base URL of a PxWebApi 2.0 server>", "08001");
  }

  /**
   * Splits {@code key=value;key=value} at semicolons outside braces, so a value that contains
   * semicolons (a JDBC URL such as {@code jdbc:h2:mem:x;DB_CLOSE_DELAY=-1}) is written
   * {@code {...}}.
   */
  static java.util.List<String> splitPairs(String text) {
    java.util.List<String> pairs = new java.util.ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && depth > 0) {
        depth--;
      } else if (c == ';' && depth == 0) {
        pairs.add(text.substring(start, i));
        start = i + 1;
      }
    }
    pairs.add(text.substring(start));
    return pairs;
  }

  private static Path folder(String location, String url) throws SQLException {
    String path = location.substring(5);
    try {
      if (path.startsWith("//")) {
        return Path.of(new URI("file:" + path));
      }
      if (path.isEmpty()) {
        throw new InvalidPathException(path, "no folder given");
      }
      return Path.of(path).toAbsolutePath().normalize();
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new SQLException("Malformed folder in " + redact(url) + ": " + e.getMessage()
          + "; use jdbc:pxweb:file:<folder>, e.g. jdbc:pxweb:file:samples/db", "08001");
    }
  }

  private static String knownKeys() {
    StringBuilder b = new StringBuilder();
    for (PxWebProperty p : PxWebProperty.values()) {
      b.append(b.length() == 0 ? "" : ", ").append(p.key());
    }
    return b.toString();
  }

  /**
   * Returns the URL with user info and secret property values replaced by {@code ***}, safe for
   * error messages and logs.
   */
  public static String redact(String url) {
    String out = url.replaceAll("(?i)(https?://)[^/@;]*@", "$1***@");
    for (PxWebProperty p : PxWebProperty.values()) {
      if (p.isSecret()) {
        out = out.replaceAll("(?i)(;" + p.key() + "=)[^;]*", "$1***");
      }
    }
    // Passwords of attached databases, and user info inside their JDBC URLs.
    out = out.replaceAll("(?i)(;attach\\.[^.;=]+\\.password=)[^;]*", "$1***");
    return out.replaceAll("(?i)(password=)[^;&]*", "$1***");
  }

  /** Returns the server's base URL, or null for a PX-file folder. */
  public String baseUrl() {
    return baseUrl;
  }

  /** Returns the PX-file folder, or null for a server. */
  public Path folder() {
    return folder;
  }

  /** Returns the merged properties; the caller must not change them. */
  public Properties properties() {
    return properties;
  }
}
