package io.pxweb.jdbc;

import io.pxweb.jdbc.http.Redaction;

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
    int semi = locationEnd(rest);
    String location = (semi < 0 ? rest : rest.substring(0, semi)).trim();
    Properties merged = new Properties();
    if (info != null) {
      for (String name : info.stringPropertyNames()) {
        PxWebProperty p = PxWebProperty.forKey(name);
        // Host applications add keys of their own (user, password, ...): keep only ours.
        if (p != null) {
          merged.setProperty(p == PxWebProperty.ATTACH || p == PxWebProperty.MOUNT ? name : p.key(), info.getProperty(name));
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
        merged.setProperty(p == PxWebProperty.ATTACH || p == PxWebProperty.MOUNT ? key : p.key(), value);
      }
    }
    if (location.regionMatches(true, 0, "file:", 0, 5)) {
      return new PxWebUrl(null, folder(location, url), merged);
    }
    if (location.contains("+") && !location.contains("/")) {
      // ssb+scb+statfin: the first statbank is the main one, the others are mounted as schemas
      // named by their aliases (unless a mount.<alias> property names them already).
      String[] parts = location.split("\\+");
      for (int i = 1; i < parts.length; i++) {
        String alias = parts[i].trim();
        resolveBaseUrl(alias, url);
        boolean given = merged.stringPropertyNames().stream()
            .anyMatch(k -> k.equalsIgnoreCase("mount." + alias));
        if (!given) {
          merged.setProperty("mount." + alias, alias);
        }
      }
      location = parts[0].trim();
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
    java.util.Optional<io.pxweb.jdbc.source.v1.ServerCatalogue.Server> v1 =
        io.pxweb.jdbc.source.v1.ServerCatalogue.standard().find(location);
    if (v1.isPresent()) {
      // The default language; the lang property rewrites the language segment.
      return v1.get().url(null);
    }
    String lower = location.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      try {
        URI uri = new URI(location);
        if (uri.getHost() == null) {
          throw new URISyntaxException(location, "no host");
        }
      } catch (URISyntaxException e) {
        // The parser's message quotes the URL, user info included.
        throw new SQLException("Malformed server URL in " + redact(url) + ": "
            + Redaction.redact(e.getMessage()), "08001");
      }
      return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    }
    throw new SQLException("Unknown server '" + Redaction.redact(location) + "' in " + redact(url)
        + ": use jdbc:pxweb: (Statistics Norway), jdbc:pxweb:ssb, jdbc:pxweb:scb"
        + ", a PxWebApi v1 alias (statfin, scb-v1, hagstofa, ...; see README.md)"
        + " or jdbc:pxweb:<http(s) base URL of a PxWebApi 2.0 or v1 server>", "08001");
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
      throw new SQLException("Malformed folder in " + redact(url) + ": "
          + Redaction.redact(e.getMessage())
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
   * Returns where the location ends in the text after the prefix: the first {@code ;} after
   * the URL's user info (which may itself hold semicolons), or -1 when there are no properties.
   */
  private static int locationEnd(String rest) {
    int from = 0;
    int scheme = rest.indexOf("://");
    int firstSemi = rest.indexOf(';');
    if (scheme >= 0 && (firstSemi < 0 || scheme < firstSemi)) {
      int authority = scheme + 3;
      int end = authority;
      while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
        end++;
      }
      int at = rest.lastIndexOf('@', end - 1);
      // An '@' after a '=' belongs to a property value, not to user info.
      if (at >= authority && rest.substring(authority, at).indexOf('=') < 0) {
        from = at + 1;
      }
    }
    return rest.indexOf(';', from);
  }

  /**
   * Returns the text with user info, secret property values and passwords of attached
   * databases replaced by {@code ***}, safe for error messages and logs. A {@code jdbc:pxweb:}
   * URL is split as {@link #parse} splits it, so every form it accepts (spaces around keys and
   * {@code =}, values in braces, semicolons in user info) is redacted; any other text (a
   * request URL, a JDBC URL) as by {@link Redaction#redact}.
   */
  public static String redact(String url) {
    if (url == null || !accepts(url)) {
      return url == null ? null : Redaction.redact(url);
    }
    String rest = url.substring(PREFIX.length());
    int end = locationEnd(rest);
    StringBuilder out = new StringBuilder(url.substring(0, PREFIX.length()))
        .append(Redaction.redact(end < 0 ? rest : rest.substring(0, end)));
    if (end >= 0) {
      for (String pair : splitPairs(rest.substring(end + 1))) {
        out.append(';').append(redactPair(pair));
      }
    }
    return out.toString();
  }

  private static String redactPair(String pair) {
    int eq = pair.indexOf('=');
    if (eq < 0) {
      return pair;
    }
    String key = pair.substring(0, eq).trim();
    if (PxWebProperty.isSecretKey(key)) {
      return pair.substring(0, eq + 1) + "***";
    }
    if (PxWebProperty.forKey(key) == PxWebProperty.MOUNT) {
      // A mount's value is a location with properties of its own: its secrets as the URL's.
      String value = pair.substring(eq + 1);
      return pair.substring(0, eq + 1) + redact(PREFIX + value).substring(PREFIX.length());
    }
    // Any other value may be a URL with user info (klassUrl, attach.<name>.url).
    return pair.substring(0, eq + 1) + Redaction.redact(pair.substring(eq + 1));
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
