package io.pxweb.jdbc.source.v1;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxweb.jdbc.http.ClientSettings;
import io.pxweb.jdbc.source.v2.PxWebClient;
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
  public static boolean isV1(String baseUrl, String forced, ClientSettings settings)
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
  private static boolean probe(String baseUrl, ClientSettings settings) throws SQLException {
    String url = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    try {
      JsonNode doc = new PxWebClient(url, settings).document(url + "?config", "configuration");
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
