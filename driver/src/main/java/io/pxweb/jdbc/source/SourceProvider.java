package io.pxweb.jdbc.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A kind of statbank the driver can read, as a plug-in: how its locations are written, which
 * short names it knows, how a location is told to be one of its own, and how it opens.
 *
 * <p>Each source package registers one (see {@link SourceRegistry}); the driver, the URL
 * parser, the {@code apiVersion} property's choices and the docs read them from the registry,
 * so a new source is one new package and one registration.
 */
public interface SourceProvider {
  /** Returns the source's name, one of the {@code apiVersion} property's choices: v2, v1, px. */
  String name();

  /** Returns what the source reads and how its locations are written, for the docs. */
  String description();

  /** Returns the short names this source knows ({@code jdbc:pxweb:statfin}) and their locations. */
  default Map<String, String> aliases() {
    return Map.of();
  }

  /**
   * Returns the location in this source's normal form when it is written in a form this source
   * reads (an http(s) URL, a {@code file:} folder), else empty.
   *
   * @throws SQLException with SQLState 08001 for a location of this source's form that is
   *     malformed
   */
  Optional<String> accept(String location) throws SQLException;

  /**
   * Returns whether an accepted location is surely this source's, without calling it: true
   * when its form names this source (a version segment, a catalogued server), false when it
   * names another, empty when only a probe can tell.
   */
  default Optional<Boolean> recognise(String location) {
    return Optional.empty();
  }

  /** Asks the server at a location that no source recognised whether it is this source's. */
  default boolean probe(String location, SourceOptions options) throws SQLException {
    return false;
  }

  /** Whether this source reads a location of its form that no source recognised or probed. */
  default boolean fallback() {
    return false;
  }

  /**
   * Whether the source only reads local files: a connection to it calls no server unless the
   * user names one (no Klass schema without an explicit {@code klassUrl}).
   */
  default boolean local() {
    return false;
  }

  /** Opens the source at an accepted location on the shared transport; reads nothing yet. */
  StatbankSource open(String location, SourceOptions options) throws SQLException;

  /**
   * Returns an http(s) location as a base URL without a trailing slash, empty for another
   * form: the normal form of the sources that are servers.
   *
   * @throws SQLException with SQLState 08001 for an http(s) URL without a host
   */
  static Optional<String> httpLocation(String location) throws SQLException {
    String lower = location.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      return Optional.empty();
    }
    try {
      if (new URI(location).getHost() == null) {
        throw new URISyntaxException(location, "no host");
      }
    } catch (URISyntaxException e) {
      // The reason only: the text holds the URL, whose user info may hold a password.
      throw new SQLException("Malformed server URL (" + e.getReason() + ")", "08001");
    }
    return Optional.of(location.endsWith("/")
        ? location.substring(0, location.length() - 1) : location);
  }
}
