package io.pxweb.jdbc.testserver;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A request as the API sees it: decoded path segments, query parameters and language. */
final class ApiRequest {

  /** One query parameter, with the name as the client spelled it. */
  record Param(String name, String value) {
  }

  private final Request request;
  private final ServerSettings settings;
  private final List<String> segments = new ArrayList<>();
  private final List<Param> params = new ArrayList<>();

  ApiRequest(Request request, ServerSettings settings) {
    this.request = request;
    this.settings = settings;
    String url = request.getUrl();
    int q = url.indexOf('?');
    String path = q < 0 ? url : url.substring(0, q);
    // Segments after /api/v2; paths are percent-decoded but '+' stays '+'.
    String rest = path.length() > ServerSettings.PREFIX.length()
        ? path.substring(ServerSettings.PREFIX.length()) : "";
    for (String s : rest.split("/")) {
      if (!s.isEmpty()) {
        segments.add(decode(s.replace("+", "%2B")));
      }
    }
    if (q >= 0) {
      for (String pair : url.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        // ASP.NET's query parser turns '+' into a space, so a code like "1+2" must be sent
        // as "1%2B2"; URLDecoder does the same.
        params.add(new Param(decode(name), decode(value)));
      }
    }
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  boolean isGet() {
    return RequestMethod.GET.equals(request.getMethod());
  }

  boolean isPost() {
    return RequestMethod.POST.equals(request.getMethod());
  }

  /** The full URL as the client sent it: scheme://host:port/path?query. */
  String absoluteUrl() {
    return request.getAbsoluteUrl();
  }

  /** Path segments after {@code /api/v2}, e.g. {@code [tables, TAB001, data]}. */
  List<String> segments() {
    return segments;
  }

  List<Param> params() {
    return params;
  }

  /** The first value of a parameter; names are case-insensitive (PxWebApi). */
  Optional<String> param(String name) {
    return params.stream().filter(p -> p.name().equalsIgnoreCase(name)).map(Param::value)
        .findFirst();
  }

  /** All values of a parameter, in request order. */
  List<String> params(String name) {
    return params.stream().filter(p -> p.name().equalsIgnoreCase(name)).map(Param::value)
        .toList();
  }

  String header(String name) {
    return request.getHeader(name);
  }

  String body() {
    return request.getBodyAsString();
  }

  /**
   * The language: absent means the configured default; anything not configured is 400
   * "Unsupported language"; the value is compared and used in lower case
   * (LangValidationFilter.cs, LanguageHelper.cs; PxWebApi).
   */
  String language() {
    Optional<String> lang = param("lang").filter(s -> !s.isEmpty());
    if (lang.isEmpty()) {
      return settings.defaultLanguage();
    }
    String l = lang.get().toLowerCase(Locale.ROOT);
    if (!settings.languages().contains(l)) {
      throw ApiProblem.unsupportedLanguage();
    }
    return l;
  }

  /**
   * An integer parameter; a value that does not parse is a model-binding error.
   */
  Optional<Integer> intParam(String name) {
    Optional<String> v = param(name);
    if (v.isEmpty() || v.get().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(v.get().trim()));
    } catch (NumberFormatException e) {
      throw ApiProblem.validation(name, "The value '" + v.get() + "' is not valid.");
    }
  }

  /** The API base URL as this client reaches it, used in links: scheme://host:port/api/v2. */
  String apiBase() {
    return request.getScheme() + "://" + request.getHost() + ":" + request.getPort()
        + ServerSettings.PREFIX;
  }
}
