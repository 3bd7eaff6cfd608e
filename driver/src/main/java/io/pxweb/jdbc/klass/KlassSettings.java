package io.pxweb.jdbc.klass;

import static java.util.Objects.requireNonNull;

import io.pxweb.jdbc.PxWebProperty;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * Settings of a connection's Klass client: where Klass is, the language of names, timeouts,
 * retries and the User-Agent.
 *
 * @param baseUrl Klass's base URL, e.g. {@code https://data.ssb.no/api/klass/v1}
 * @param language Klass language, always one of {@code nb}, {@code nn}, {@code en}
 * @param connectTimeout TCP/TLS connect timeout
 * @param readTimeout longest wait for the next bytes
 * @param callTimeout longest time for a whole call; zero for none
 * @param userAgent User-Agent header
 * @param maxAttempts attempts per request, the first included
 * @param retryBackoff wait before the first retry, doubled per attempt
 * @param maxRetryTime longest time spent on one request's attempts and waits
 * @param pageSize page size asked for when listing or searching classifications
 */
public record KlassSettings(String baseUrl, String language, Duration connectTimeout,
    Duration readTimeout, Duration callTimeout, String userAgent, int maxAttempts,
    Duration retryBackoff, Duration maxRetryTime, int pageSize) {

  /** Klass pages by 20 unless asked; larger pages list the classifications in a call or few. */
  public static final int DEFAULT_PAGE_SIZE = 1000;

  /** Maps the language as given (the connection's {@code lang}) to one Klass knows. */
  public KlassSettings {
    requireNonNull(baseUrl, "baseUrl");
    language = klassLanguage(language);
    requireNonNull(connectTimeout, "connectTimeout");
    requireNonNull(readTimeout, "readTimeout");
    requireNonNull(callTimeout, "callTimeout");
    requireNonNull(userAgent, "userAgent");
    requireNonNull(retryBackoff, "retryBackoff");
    requireNonNull(maxRetryTime, "maxRetryTime");
    if (maxAttempts < 1 || pageSize < 1) {
      throw new IllegalArgumentException("maxAttempts and pageSize must be positive");
    }
  }

  /** Returns settings with the driver's defaults for a Klass URL and a connection language. */
  public static KlassSettings of(String baseUrl, String lang) {
    return new KlassSettings(baseUrl, lang, Duration.ofSeconds(10), Duration.ofSeconds(60),
        Duration.ofMinutes(5), defaultUserAgent(), 5, Duration.ofMillis(500),
        Duration.ofMinutes(2), DEFAULT_PAGE_SIZE);
  }

  /**
   * Reads the settings from a connection's properties: {@code klassUrl}, {@code lang}, the
   * timeouts, {@code retries}, {@code retryBackoff}, {@code retryMaxTime} and
   * {@code userAgent}.
   *
   * @param userAgent the User-Agent the connection sends, or null for the property's value or
   *     the default
   * @throws SQLException naming the property whose value is invalid
   */
  public static KlassSettings fromProperties(Properties props, String userAgent)
      throws SQLException {
    String ua = userAgent != null ? userAgent : PxWebProperty.USER_AGENT.getString(props);
    return new KlassSettings(PxWebProperty.KLASS_URL.getString(props),
        PxWebProperty.LANG.getString(props),
        PxWebProperty.CONNECT_TIMEOUT.getDuration(props),
        PxWebProperty.READ_TIMEOUT.getDuration(props),
        PxWebProperty.CALL_TIMEOUT.getDuration(props),
        ua != null ? ua : defaultUserAgent(),
        PxWebProperty.RETRIES.getInteger(props) + 1,
        PxWebProperty.RETRY_BACKOFF.getDuration(props),
        PxWebProperty.RETRY_MAX_TIME.getDuration(props),
        DEFAULT_PAGE_SIZE);
  }

  /**
   * Returns the Klass language for a connection language: {@code no} (the statbanks' code for
   * Norwegian) becomes {@code nb}; {@code nb}, {@code nn} and {@code en} stay; anything else,
   * and no language, becomes {@code nb}, Klass's primary language.
   */
  public static String klassLanguage(String lang) {
    String l = lang == null ? "" : lang.trim().toLowerCase(Locale.ROOT);
    return switch (l) {
      case "en", "nn" -> l;
      default -> "nb";
    };
  }

  /** Returns these settings with another page size for listings. */
  public KlassSettings withPageSize(int size) {
    return new KlassSettings(baseUrl, language, connectTimeout, readTimeout, callTimeout,
        userAgent, maxAttempts, retryBackoff, maxRetryTime, size);
  }

  /** Returns these settings with other retry limits. */
  public KlassSettings withRetries(int attempts, Duration backoff, Duration maxTime) {
    return new KlassSettings(baseUrl, language, connectTimeout, readTimeout, callTimeout,
        userAgent, attempts, backoff, maxTime, pageSize);
  }

  private static String defaultUserAgent() {
    return "pxweb-jdbc (Java " + System.getProperty("java.version") + ")";
  }
}
