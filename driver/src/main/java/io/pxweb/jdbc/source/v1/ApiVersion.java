package io.pxweb.jdbc.source.v1;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxweb.jdbc.http.HttpService;
import io.pxweb.jdbc.http.HttpSettings;
import io.pxweb.jdbc.json.JsonDocuments;
import okhttp3.HttpUrl;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Which PxWebApi a base URL speaks: from the {@code apiVersion} property, the URL's version
 * segment, the catalogue, or one probe.
 */
public final class ApiVersion {
  private ApiVersion() {
  }

  /**
   * Returns whether the URL is a PxWebApi v1 (or SSB v0) server.
   *
   * @param forced the {@code apiVersion} property: {@code v1}, {@code v2} or {@code auto}
   */
  public static boolean isV1(String baseUrl, String forced, HttpSettings settings)
      throws SQLException {
    if ("v1".equalsIgnoreCase(forced)) {
      return true;
    }
    if ("v2".equalsIgnoreCase(forced)) {
      return false;
    }
    String path = baseUrl.toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://[^/]*", "") + "/";
    if (path.matches(".*/v[01]/.*")) {
      return true;
    }
    if (path.matches(".*/v2[a-z]*/.*")) {
      return false;
    }
    if (ServerCatalogue.standard().forUrl(baseUrl).isPresent()) {
      return true;
    }
    return probe(baseUrl, settings);
  }

  /** GET {@code <url>?config}: a v1 server answers its limits; a v2 server answers no such object. */
  private static boolean probe(String baseUrl, HttpSettings settings) throws SQLException {
    String url = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    try {
      HttpUrl base = HttpUrl.parse(url);
      if (base == null) {
        return false;
      }
      JsonNode doc = new HttpService(base, settings, V1Errors.VOCABULARY, "application/json")
          .document(HttpUrl.get(url + "?config"), "configuration",
              in -> JsonDocuments.parse(in, "configuration", true));
      return doc.isObject() && (doc.has("maxValues") || doc.has("maxCalls"));
    } catch (SQLException e) {
      String state = String.valueOf(e.getSQLState());
      if (state.equals("08001") || state.equals("57014") || state.startsWith("HYT")) {
        throw e;
      }
      return false;
    }
  }
}
