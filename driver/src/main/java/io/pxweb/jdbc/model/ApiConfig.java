package io.pxweb.jdbc.model;

import java.util.List;

/**
 * Server configuration as {@code GET /config} reports it.
 *
 * @param apiVersion PxWebApi version, e.g. "2.3.2"
 * @param languages language ids the server accepts, e.g. ["no", "en"]
 * @param defaultLanguage language used when a request names none
 * @param maxDataCells the most cells one data request may select
 * @param maxCallsPerTimeWindow calls allowed per window; 0 when the server does not say (SSB)
 * @param timeWindowSeconds length of the rate-limit window; 0 when the server does not say
 * @param dataFormats output formats the server offers
 */
public record ApiConfig(String apiVersion, List<String> languages, String defaultLanguage,
    int maxDataCells, int maxCallsPerTimeWindow, int timeWindowSeconds, List<String> dataFormats) {

  public ApiConfig {
    languages = List.copyOf(languages);
    dataFormats = List.copyOf(dataFormats);
  }
}
