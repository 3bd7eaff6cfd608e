package io.pxweb.jdbc.http;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.HttpUrl;

/**
 * HTTP settings of one connection, shared by every service it calls (statbank and Klass), read
 * once from its connection properties.
 *
 * @param connectTimeout TCP/TLS connect timeout
 * @param readTimeout longest wait for the next bytes
 * @param callTimeout longest time for a whole call; zero for none
 * @param userAgent User-Agent header
 * @param maxUrlLength longest GET URL before the driver switches to POST
 * @param maxAttempts attempts per request, the first included
 * @param maxRetryTime longest time spent on one request's attempts and waits
 * @param retryBackoff wait before the first retry, doubled per attempt
 * @param rateLimit the {@code rateLimit} property, or null to follow what the server reports
 * @param cacheDir folder of the disk cache of metadata documents, or null for none
 * @param metadataTtl how long cached metadata documents stay usable
 * @param dataCacheTtl how long data responses are kept for identical requests; zero for never
 * @param proxy the HTTP proxy, or null for the JVM's proxy settings
 * @param proxyUser proxy user, or null
 * @param proxyPassword proxy password, or null
 * @param headers extra headers, sent on every call to {@code headerOrigin}
 * @param maxResponseBytes ceiling of a response body's bytes after decompression; metadata
 *     documents get a sixteenth of it
 * @param headerOrigin the origin ({@code scheme://host:port}) the headers were configured for:
 *     the connection's server. Other origins (Klass, a mount elsewhere, a redirect's target)
 *     never get them; null when there is none (a folder of PX files)
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, Duration callTimeout,
    String userAgent, int maxUrlLength, int maxAttempts, Duration maxRetryTime,
    Duration retryBackoff, RateLimit rateLimit, Path cacheDir, Duration metadataTtl,
    Duration dataCacheTtl, InetSocketAddress proxy, String proxyUser, String proxyPassword,
    Map<String, String> headers, long maxResponseBytes, String headerOrigin) {

  /** The User-Agent sent when the connection names none. */
  public static final String DEFAULT_USER_AGENT =
      "pxweb-jdbc (Java " + System.getProperty("java.version") + ")";

  public HttpSettings {
    requireNonNull(connectTimeout, "connectTimeout");
    requireNonNull(readTimeout, "readTimeout");
    requireNonNull(callTimeout, "callTimeout");
    requireNonNull(userAgent, "userAgent");
    requireNonNull(maxRetryTime, "maxRetryTime");
    requireNonNull(retryBackoff, "retryBackoff");
    requireNonNull(metadataTtl, "metadataTtl");
    requireNonNull(dataCacheTtl, "dataCacheTtl");
    headers = Map.copyOf(headers);
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be positive");
    }
  }

  /**
   * Returns the settings a connection without properties gets (the defaults documented in
   * docs/connection-properties.md); for tests and tools that call a service directly.
   */
  public static HttpSettings defaults() {
    return new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMinutes(5),
        DEFAULT_USER_AGENT, 2000, 5, Duration.ofMinutes(2), Duration.ofMillis(500), null, null,
        Duration.ofHours(1), Duration.ZERO, null, null, null, Map.of(), 256L * 1024 * 1024, null);
  }

  /** Returns these settings with other retry limits. */
  public HttpSettings withRetries(int attempts, Duration backoff, Duration maxTime) {
    return new HttpSettings(connectTimeout, readTimeout, callTimeout, userAgent, maxUrlLength,
        attempts, maxTime, backoff, rateLimit, cacheDir, metadataTtl, dataCacheTtl, proxy,
        proxyUser, proxyPassword, headers, maxResponseBytes, headerOrigin);
  }

  /** Returns these settings with other headers, for another origin (a mount's own). */
  public HttpSettings withHeaders(Map<String, String> otherHeaders, String origin) {
    return new HttpSettings(connectTimeout, readTimeout, callTimeout, userAgent, maxUrlLength,
        maxAttempts, maxRetryTime, retryBackoff, rateLimit, cacheDir, metadataTtl, dataCacheTtl,
        proxy, proxyUser, proxyPassword, otherHeaders, maxResponseBytes, origin);
  }

  /**
   * Returns the origin ({@code scheme://host:port}) of a server's base URL, to which its
   * headers are scoped; null for no URL or one OkHttp cannot read (no headers go anywhere).
   */
  public static String originOf(String baseUrl) {
    HttpUrl url = baseUrl == null ? null : HttpUrl.parse(baseUrl);
    return url == null ? null : OriginPolicy.origin(url);
  }

  /** Shows no secret: the headers' values and the proxy password are left out. */
  @Override public String toString() {
    return "HttpSettings[userAgent=" + userAgent + ", proxy=" + proxy + ", headers="
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
        .append(proxy == null ? null : proxy.getHostString() + ":" + proxy.getPort())
        .append('\n').append(proxyUser).append('\n').append(proxyPassword);
    new TreeMap<>(headers).forEach((name, value) ->
        b.append('\n').append(name.toLowerCase(Locale.ROOT)).append(':').append(value));
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(b.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
