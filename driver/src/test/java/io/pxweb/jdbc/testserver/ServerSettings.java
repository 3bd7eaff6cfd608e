package io.pxweb.jdbc.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The configuration one {@link PxWebTestServer} runs with.
 *
 * @param config the {@code /config} document, with {@code maxDataCells} already applied
 * @param pageSize the {@code /tables} page size used when the client sends none
 * @param reorderDimensions whether data responses scramble dimension and index-key order
 * @param catalog the tables served
 * @param enforcedMaxDataCells the cell limit the data endpoint enforces when it differs from
 *     what {@code /config} reports (0: the same)
 * @param rateLimit the rate limit enforced on every endpoint, or null for none
 */
record ServerSettings(ObjectNode config, int pageSize, boolean reorderDimensions,
    TestCatalog catalog, int enforcedMaxDataCells, RateLimitRule rateLimit) {

  /** The API path prefix; the reference server's default RoutePrefix (PxWebApi). */
  static final String PREFIX = "/api/v2";

  int maxDataCells() {
    return enforcedMaxDataCells > 0 ? enforcedMaxDataCells : config.path("maxDataCells").asInt();
  }

  String defaultLanguage() {
    return config.path("defaultLanguage").asText("en");
  }

  List<String> languages() {
    List<String> ids = new ArrayList<>();
    for (JsonNode l : config.path("languages")) {
      ids.add(l.path("id").asText().toLowerCase(Locale.ROOT));
    }
    return ids;
  }

  List<String> dataFormats() {
    List<String> formats = new ArrayList<>();
    config.path("dataFormats").forEach(f -> formats.add(f.asText().toLowerCase(Locale.ROOT)));
    return formats;
  }

  String defaultDataFormat() {
    return config.path("defaultDataFormat").asText("json-stat2");
  }
}
