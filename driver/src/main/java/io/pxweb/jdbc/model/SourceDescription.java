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
 * @param license the licence the source names for its data, or null
 * @param sourceReferences how the source asks to be cited, per language (PxWebApi 2.0
 *     {@code config.sourceReferences}); empty when it says nothing
 */
public record SourceDescription(String api, List<String> languages, String defaultLanguage,
    int maxDataCells, int maxCallsPerTimeWindow, int timeWindowSeconds, List<String> dataFormats,
    String license, List<SourceReference> sourceReferences) {

  public SourceDescription {
    languages = List.copyOf(languages);
    dataFormats = List.copyOf(dataFormats);
    sourceReferences = List.copyOf(sourceReferences);
  }

  /** A source that names no licence and no citation (v1 servers, PX folders). */
  public SourceDescription(String api, List<String> languages, String defaultLanguage,
      int maxDataCells, int maxCallsPerTimeWindow, int timeWindowSeconds,
      List<String> dataFormats) {
    this(api, languages, defaultLanguage, maxDataCells, maxCallsPerTimeWindow, timeWindowSeconds,
        dataFormats, null, List.of());
  }

  /** The citation text a source gives for one language. */
  public record SourceReference(String language, String text) {
  }
}
