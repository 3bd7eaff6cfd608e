package io.pxweb.jdbc.klass;

import static java.util.Objects.requireNonNull;

import io.pxweb.jdbc.http.HttpSettings;
import java.time.Duration;
import java.util.Locale;

/**
 * Settings of a connection's Klass client: where Klass is, the language of names, the page
 * size of listings, and the connection's HTTP settings (shared with its statbank calls).
 *
 * @param baseUrl Klass's base URL, e.g. {@code https://data.ssb.no/api/klass/v1}
 * @param language Klass language, always one of {@code nb}, {@code nn}, {@code en}
 * @param pageSize page size asked for when listing or searching classifications
 * @param http timeouts, retries, proxy, headers, User-Agent and caches
 */
public record KlassSettings(String baseUrl, String language, int pageSize, HttpSettings http) {

  /** Klass pages by 20 unless asked; larger pages list the classifications in a call or few. */
  public static final int DEFAULT_PAGE_SIZE = 1000;

  /** The default Klass: Statistics Norway's. */
  public static final String DEFAULT_URL = "https://data.ssb.no/api/klass/v1";

  /** Maps the language as given (the connection's {@code lang}) to one Klass knows. */
  public KlassSettings {
    requireNonNull(baseUrl, "baseUrl");
    language = klassLanguage(language);
    requireNonNull(http, "http");
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be positive");
    }
  }

  /** Returns settings with the driver's defaults for a Klass URL and a connection language. */
  public static KlassSettings of(String baseUrl, String lang) {
    return new KlassSettings(baseUrl, lang, DEFAULT_PAGE_SIZE, HttpSettings.defaults());
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
    return new KlassSettings(baseUrl, language, size, http);
  }

  /** Returns these settings with other retry limits. */
  public KlassSettings withRetries(int attempts, Duration backoff, Duration maxTime) {
    return new KlassSettings(baseUrl, language, pageSize,
        http.withRetries(attempts, backoff, maxTime));
  }
}
