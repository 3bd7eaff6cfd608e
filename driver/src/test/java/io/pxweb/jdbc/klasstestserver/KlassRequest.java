package io.pxweb.jdbc.klasstestserver;

import com.github.tomakehurst.wiremock.http.Request;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A request as Klass sees it: the path segments after the prefix and the query parameters. */
final class KlassRequest {
  private final Request request;
  private final String path;
  private final List<String> segments = new ArrayList<>();
  private final Map<String, String> params = new LinkedHashMap<>();

  KlassRequest(Request request) {
    this.request = request;
    String url = request.getUrl();
    int q = url.indexOf('?');
    this.path = q < 0 ? url : url.substring(0, q);
    for (String s : path.substring(KlassTestServer.PREFIX.length()).split("/")) {
      if (!s.isEmpty()) {
        segments.add(decode(s));
      }
    }
    if (q >= 0) {
      for (String pair : url.substring(q + 1).split("&")) {
        if (!pair.isEmpty()) {
          int eq = pair.indexOf('=');
          params.put(decode(eq < 0 ? pair : pair.substring(0, eq)),
              eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
      }
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The path as requested, e.g. {@code /api/klass/v1/classifications/131/codes}. */
  String path() {
    return path;
  }

  /** Segments after {@code /api/klass/v1}, e.g. {@code [classifications, 131, codes]}. */
  List<String> segments() {
    return segments;
  }

  String header(String name) {
    return request.getHeader(name);
  }

  /**
   * Answers 400 for a parameter the endpoint does not take. Klass ignores such parameters, so
   * a misspelt one would silently select everything; here it fails the test instead.
   */
  void allowOnly(Set<String> names) {
    for (String name : params.keySet()) {
      if (!names.contains(name)) {
        throw KlassProblem.badRequest("Unknown parameter '" + name + "'", this);
      }
    }
  }

  String param(String name) {
    return params.get(name);
  }

  String required(String name) {
    String v = params.get(name);
    if (v == null || v.isEmpty()) {
      throw KlassProblem.badRequest("Required parameter '" + name + "' is not present", this);
    }
    return v;
  }

  int integer(String name, int defaultValue) {
    String v = params.get(name);
    try {
      return v == null ? defaultValue : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw KlassProblem.badRequest("'" + name + "' is not a number: " + v, this);
    }
  }

  /** A date parameter in Klass's format yyyy-MM-dd, or null when absent. */
  LocalDate date(String name) {
    String v = params.get(name);
    if (v == null) {
      return null;
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw KlassProblem.badRequest("'" + name + "' is not a date yyyy-MM-dd: " + v, this);
    }
  }

  /** The language; Klass knows nb, nn and en and defaults to nb. */
  String language() {
    String l = params.getOrDefault("language", "nb");
    if (!Set.of("nb", "nn", "en").contains(l)) {
      throw KlassProblem.badRequest("Unknown language '" + l + "'", this);
    }
    return l;
  }
}
