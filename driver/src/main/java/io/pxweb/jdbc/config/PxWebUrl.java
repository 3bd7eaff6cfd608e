package io.pxweb.jdbc.config;

import io.pxweb.jdbc.PxWebProperty;
import io.pxweb.jdbc.model.Redaction;
import io.pxweb.jdbc.source.SourceProvider;
import io.pxweb.jdbc.source.SourceRegistry;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Parsed {@code jdbc:pxweb:} connection URL: the source's location and the merged properties.
 *
 * <p>Forms: {@code jdbc:pxweb:} (Statistics Norway), {@code jdbc:pxweb:<alias>} (a short name
 * a source knows: {@code ssb}, {@code scb}, {@code statfin}, ...), and
 * {@code jdbc:pxweb:<location>} in a form a source reads (see {@link SourceRegistry}: an
 * http(s) base URL, {@code file:<folder>} for a folder of PX files); each optionally followed
 * by {@code ;key=value} pairs. A property in the URL wins over the same key in the
 * {@link Properties} passed to {@code connect}.
 */
public final class PxWebUrl {
  public static final String PREFIX = "jdbc:pxweb:";

  /** The statbank of {@code jdbc:pxweb:} alone. */
  public static final String DEFAULT_ALIAS = "ssb";

  /** The location of {@code jdbc:pxweb:} alone. */
  public static final String DEFAULT_BASE_URL = SourceRegistry.aliases().get(DEFAULT_ALIAS);

  private final String location;
  private final Properties properties;

  private PxWebUrl(String location, Properties properties) {
    this.location = location;
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
          merged.setProperty(p.is(PxWebProperty.Trait.NAMED) ? name : p.key(), info.getProperty(name));
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
        merged.setProperty(p.is(PxWebProperty.Trait.NAMED) ? key : p.key(), value);
      }
    }
    if (location.contains("+") && !location.contains("/") && !location.contains(":")) {
      // ssb+scb+statfin: the first statbank is the main one, the others are mounted as schemas
      // named by their aliases (unless a mount.<alias> property names them already).
      String[] parts = location.split("\\+");
      for (int i = 1; i < parts.length; i++) {
        String alias = parts[i].trim();
        resolve(alias, url);
        boolean given = merged.stringPropertyNames().stream()
            .anyMatch(k -> k.equalsIgnoreCase("mount." + alias));
        if (!given) {
          merged.setProperty("mount." + alias, alias);
        }
      }
      location = parts[0].trim();
    }
    return new PxWebUrl(resolve(location, url), merged);
  }

  /** Returns the location an alias stands for, or a location in a source's normal form. */
  private static String resolve(String location, String url) throws SQLException {
    String aliased = location.isEmpty() ? DEFAULT_BASE_URL
        : SourceRegistry.aliases().get(location.toLowerCase(Locale.ROOT));
    Optional<String> accepted;
    try {
      accepted = SourceRegistry.accept(aliased != null ? aliased : location);
    } catch (SQLException e) {
      throw new SQLException(Redaction.redact(e.getMessage()) + " in " + redact(url), e.getSQLState(), e);
    }
    if (accepted.isPresent()) {
      return accepted.get();
    }
    StringBuilder forms = new StringBuilder();
    for (SourceProvider p : SourceRegistry.all()) {
      forms.append("; ").append(p.description());
    }
    // The first short name of each source, the default statbank's first.
    String examples = SourceRegistry.all().stream()
        .flatMap(p -> p.aliases().keySet().stream().limit(1))
        .sorted((a, b) -> Boolean.compare(!a.equals(DEFAULT_ALIAS), !b.equals(DEFAULT_ALIAS)))
        .map(a -> PREFIX + a).collect(Collectors.joining(", "));
    throw new SQLException("Unknown statbank '" + Redaction.redact(location) + "' in " + redact(url)
        + ": use jdbc:pxweb: (Statistics Norway), an alias (" + examples + ", ...) or the"
        + " location of a source" + forms, "08001");
  }

  /**
   * Splits {@code key=value;key=value} at semicolons outside braces, so a value that contains
   * semicolons (a JDBC URL such as {@code jdbc:h2:mem:x;DB_CLOSE_DELAY=-1}) is written
   * {@code {...}}.
   */
  static List<String> splitPairs(String text) {
    List<String> pairs = new ArrayList<>();
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

  /**
   * Returns the source's location in its normal form: a server's base URL, a folder's
   * {@code file:} URI.
   */
  public String location() {
    return location;
  }

  /** Returns the merged properties; the caller must not change them. */
  public Properties properties() {
    return properties;
  }
}
