package io.pxweb.jdbc.source.v1;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxweb.jdbc.http.HttpService;
import io.pxweb.jdbc.json.JsonDocuments;
import io.pxweb.jdbc.source.SourceOptions;
import io.pxweb.jdbc.source.SourceProvider;
import io.pxweb.jdbc.source.StatbankSource;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * PxWebApi v1 servers as a source: their aliases are the catalogue's, and a base URL is one
 * when its path has a {@code /v1/} or {@code /v0/} segment, the catalogue knows it, or one
 * probe says so.
 */
public final class V1Provider implements SourceProvider {
  /** Called by {@link java.util.ServiceLoader}. */
  public V1Provider() {
  }

  @Override public String name() {
    return "v1";
  }

  @Override public String description() {
    return "a PxWebApi v1 server (also SSB's v0): a base URL with a /v1/ or /v0/ segment, one"
        + " of the catalogue's aliases (statfin, scb-v1, hagstofa, ...; see README.md), or a"
        + " URL whose ?config answers v1's limits";
  }

  @Override public Map<String, String> aliases() {
    Map<String, String> out = new LinkedHashMap<>();
    // The default language; the lang property rewrites the language segment.
    ServerCatalogue.standard().servers().forEach(s -> out.put(s.alias(), s.url(null)));
    return out;
  }

  @Override public Optional<String> accept(String location) throws SQLException {
    return SourceProvider.httpLocation(location);
  }

  @Override public Optional<Boolean> recognise(String baseUrl) {
    String path = baseUrl.toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://[^/]*", "") + "/";
    if (path.matches(".*/v[01]/.*")) {
      return Optional.of(true);
    }
    if (path.matches(".*/v2[a-z]*/.*")) {
      return Optional.of(false);
    }
    return ServerCatalogue.standard().forUrl(baseUrl).isPresent()
        ? Optional.of(true) : Optional.empty();
  }

  /** GET {@code <url>?config}: a v1 server answers its limits; a v2 server answers no such object. */
  @Override public boolean probe(String baseUrl, SourceOptions options) throws SQLException {
    String url = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    try {
      HttpUrl base = HttpUrl.parse(url);
      if (base == null) {
        return false;
      }
      JsonNode doc = new HttpService(base, options.http(), V1Errors.VOCABULARY, "application/json")
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

  @Override public StatbankSource open(String location, SourceOptions options)
      throws SQLException {
    return new V1Source(location, options.http(), options.subjects());
  }
}
