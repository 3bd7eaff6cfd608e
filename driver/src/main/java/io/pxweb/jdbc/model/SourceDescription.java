package io.pxweb.jdbc.model;

import java.util.List;

/**
 * What a source says about itself, whatever it is (a PxWebApi 2.0 server's {@code /config}, a
 * v1 server's {@code ?config}, a folder of PX files): what the planner and the rate limiter
 * need to know before the first data request.
 *
 * @param api the kind and version of the source, for messages: "PxWebApi 2.3.2", "PX files"
 * @param languages language ids the source accepts, e.g. ["no", "en"]
 * @param defaultLanguage language used when a request names none
 * @param maxDataCells the most cells one data request may select
 * @param maxCallsPerTimeWindow calls allowed per window; 0 when the source does not say (SSB)
 * @param timeWindowSeconds length of the rate-limit window; 0 when the source does not say
 * @param dataFormats output formats the source offers
 */
public record SourceDescription(String api, List<String> languages, String defaultLanguage,
    int maxDataCells, int maxCallsPerTimeWindow, int timeWindowSeconds, List<String> dataFormats) {

  public SourceDescription {
    languages = List.copyOf(languages);
    dataFormats = List.copyOf(dataFormats);
  }
}
