package io.pxweb.jdbc.source.v2;

import io.pxweb.jdbc.source.SourceOptions;
import io.pxweb.jdbc.source.SourceProvider;
import io.pxweb.jdbc.source.StatbankSource;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * PxWebApi 2.0 servers as a source: {@code ssb} and {@code scb}, any base URL whose path has a
 * {@code /v2} segment, and any server no other source claims.
 */
public final class V2Provider implements SourceProvider {
  private static final Map<String, String> ALIASES = aliasMap();

  /** Called by {@link java.util.ServiceLoader}. */
  public V2Provider() {
  }

  @Override public String name() {
    return "v2";
  }

  @Override public String description() {
    return "a PxWebApi 2.0 server: ssb (Statistics Norway, also jdbc:pxweb: alone), scb, or any"
        + " base URL, e.g. https://api.stat.gov.lv/api/v2";
  }

  @Override public Map<String, String> aliases() {
    return ALIASES;
  }

  @Override public Optional<String> accept(String location) throws SQLException {
    return SourceProvider.httpLocation(location);
  }

  @Override public Optional<Boolean> recognise(String baseUrl) {
    String path = baseUrl.toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://[^/]*", "") + "/";
    return path.matches(".*/v2[a-z]*/.*") ? Optional.of(true) : Optional.empty();
  }

  /** A server no source recognised and none probed is a PxWebApi 2.0 server. */
  @Override public boolean fallback() {
    return true;
  }

  @Override public StatbankSource open(String location, SourceOptions options)
      throws SQLException {
    return new PxWebClient(location, options.http());
  }

  private static Map<String, String> aliasMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("ssb", "https://data.ssb.no/api/pxwebapi/v2");
    m.put("scb", "https://statistikdatabasen.scb.se/api/v2");
    return Collections.unmodifiableMap(m);
  }
}
