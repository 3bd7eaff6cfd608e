package io.pxweb.jdbc.http;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP settings of one connection, taken from its connection properties.
 *
 * @param connectTimeout TCP/TLS connect timeout
 * @param readTimeout longest wait for the next bytes
 * @param callTimeout longest time for a whole call; zero for none
 * @param userAgent User-Agent header
 * @param maxUrlLength longest GET URL before the driver switches to POST
 * @param maxAttempts attempts per request, the first included
 * @param maxRetryTime longest time spent on one request's attempts and waits
 * @param retryBackoff wait before the first retry, doubled per attempt
 * @param rateLimit the {@code rateLimit} property ("30/10s", "none"), or null for the server's
 * @param cacheDir folder of the disk cache of metadata documents, or null for none
 * @param metadataTtl how long cached metadata documents stay usable
 * @param dataCacheTtl how long data responses are kept for identical requests; zero for never
 * @param proxy proxy as host:port, or null for the JVM's proxy settings
 * @param proxyUser proxy user, or null
 * @param proxyPassword proxy password, or null
 * @param headers extra headers sent on every call
 * @param maxResponseBytes ceiling of a response body's bytes after decompression; metadata
 *     documents get a sixteenth of it
 */
public record ClientSettings(Duration connectTimeout, Duration readTimeout, Duration callTimeout,
    String userAgent, int maxUrlLength, int maxAttempts, Duration maxRetryTime,
    Duration retryBackoff, String rateLimit, java.nio.file.Path cacheDir, Duration metadataTtl,
    Duration dataCacheTtl, String proxy, String proxyUser, String proxyPassword,
    java.util.Map<String, String> headers, long maxResponseBytes) {

  /** Shows no secret: the headers' values and the proxy password are left out. */
  @Override public String toString() {
    return "ClientSettings[userAgent=" + userAgent + ", proxy=" + proxy + ", headers="
        + headers.keySet() + ", maxAttempts=" + maxAttempts + "]";
  }

  /**
   * Returns a digest of everything in these settings that can change what a server answers:
   * the extra headers (credentials travel there), the proxy and its user, and the URL's user
   * info. Caches are keyed by it, so a connection never reads what another identity was shown;
   * only the digest is kept, never the secrets themselves.
   *
   * @param userInfo the user info of the server's URL, or empty
   */
  public String identityDigest(String userInfo) {
    StringBuilder b = new StringBuilder("pxweb-jdbc identity\n").append(userInfo).append('\n')
        .append(proxy).append('\n').append(proxyUser).append('\n').append(proxyPassword);
    new java.util.TreeMap<>(headers).forEach((name, value) ->
        b.append('\n').append(name.toLowerCase(Locale.ROOT)).append(':').append(value));
    try {
      byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
          .digest(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(hash, 0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  /**
   * Parses the {@code httpHeaders} property: {@code Name:value} pairs separated by {@code |}.
   *
   * @throws SQLException naming the property (never its value, which is secret)
   */
  public static java.util.Map<String, String> parseHeaders(String text) throws SQLException {
    java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return headers;
    }
    for (String pair : text.split("\\|")) {
      int colon = pair.indexOf(':');
      String name = colon < 0 ? "" : pair.substring(0, colon).trim();
      if (name.isEmpty() || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        throw new SQLException("Invalid value for connection property 'httpHeaders': expected"
            + " Name:value pairs separated by |", "22023");
      }
      headers.put(name, pair.substring(colon + 1).trim());
    }
    return headers;
  }
  private static final Pattern LIMIT = Pattern.compile("(\\d+)\\s*/\\s*(\\d+)\\s*(ms|s|m|h)?");

  /** Validates the {@code rateLimit} text; returns a SQLException naming the property, or null. */
  public static SQLException checkRateLimit(String rateLimit) {
    if (rateLimit == null || rateLimit.equalsIgnoreCase("none")
        || LIMIT.matcher(rateLimit.trim().toLowerCase(Locale.ROOT)).matches()) {
      return null;
    }
    return new SQLException("Invalid value '" + rateLimit + "' for connection property"
        + " 'rateLimit': expected calls/window such as 30/10s, or none", "22023");
  }

  /** Applies the {@code rateLimit} property to a server's limiter, when it is set. */
  public void applyRateLimit(RateLimiter limiter) {
    if (rateLimit == null) {
      return;
    }
    if (rateLimit.equalsIgnoreCase("none")) {
      limiter.disable();
      return;
    }
    Matcher m = LIMIT.matcher(rateLimit.trim().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(2));
      Duration window = switch (m.group(3) == null ? "s" : m.group(3)) {
        case "ms" -> Duration.ofMillis(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofSeconds(n);
      };
      limiter.configure(Integer.parseInt(m.group(1)), window, RateLimiter.Source.PROPERTY);
    }
  }
}
