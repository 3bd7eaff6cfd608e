package io.pxweb.jdbc.source.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxweb.jdbc.http.HttpErrors;
import io.pxweb.jdbc.http.ServiceVocabulary;
import io.pxweb.jdbc.json.JsonDocuments;
import io.pxweb.jdbc.model.TooManyCellsException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Locale;
import java.util.Map;

/**
 * The vocabulary of PxWebApi 2.0 servers for the shared classification ({@link HttpErrors}):
 * their problem bodies ({@code {type, title, status, detail}}) and what their titles mean.
 * SQLState classes: 42 bad name (table, variable), 22 bad value (value code, language,
 * expression), 54 limits (too many cells); the rest (08, 57) is the transport's.
 */
public final class PxWebErrors implements ServiceVocabulary {
  /** The one instance: the vocabulary has no state. */
  public static final PxWebErrors VOCABULARY = new PxWebErrors();
  /** The shared classification with this vocabulary. */
  static final HttpErrors ERRORS = new HttpErrors(VOCABULARY);

  /** SQLState by the server's problem title; titles are the same at SSB, SCB and Latvia. */
  private static final Map<String, String> STATE_BY_TITLE = Map.ofEntries(
      Map.entry("non-existent table", "42S02"),
      Map.entry("saved query not found", "42S02"),
      Map.entry("non-existent variable", "42S22"),
      Map.entry("non-existent codelist", "42704"),
      Map.entry("non-existent value", "22023"),
      Map.entry("missing selection for mandantory variable", "22023"),
      Map.entry("illegal selection for mandantory variable", "22023"),
      Map.entry("illegal selection expression", "22023"),
      Map.entry("illegal placment", "22023"),
      Map.entry("unsupported language", "22023"),
      Map.entry("unsupported output format", "22023"),
      Map.entry("non-existent page", "22023"),
      Map.entry("too many cells selected", TooManyCellsException.SQLSTATE));

  private PxWebErrors() {
  }

  @Override public String name() {
    return "the server";
  }

  @Override public String said(String body, boolean quoteText) {
    Problem problem = Problem.parse(body);
    if (problem == null || problem.title == null) {
      return quoteText ? HttpErrors.snippet(body) : "";
    }
    return ": " + problem.title + (problem.detail != null ? " - " + problem.detail : "");
  }

  @Override public SQLException rejected(int httpStatus, String body, String method, String url,
      String where, String subject) {
    Problem problem = Problem.parse(body);
    if (problem != null && problem.title != null) {
      String state = STATE_BY_TITLE.getOrDefault(problem.title.toLowerCase(Locale.ROOT), "42000");
      String message = problem.title
          + (problem.detail != null && !problem.detail.equals(problem.title)
              ? ": " + problem.detail : "") + where;
      return TooManyCellsException.SQLSTATE.equals(state)
          ? new TooManyCellsException(message) : new SQLException(message, state);
    }
    if (httpStatus == 404 && "GET".equals(method) && url.length() > 2000) {
      return new SQLNonTransientConnectionException(
          "The server refused a long URL (" + url.length() + " characters)" + where, "08P01");
    }
    return new SQLNonTransientConnectionException(
        "The server answered HTTP " + httpStatus + HttpErrors.snippet(body) + where, "08P01");
  }

  /** Classifies a success response whose body is not the document the API promises. */
  public static SQLException fromMalformed(String message, String method, String url) {
    return ERRORS.fromMalformed(message, method, url);
  }

  /** The API's problem body {@code {type, title, status, detail}}. */
  private record Problem(String title, String detail, int status) {
    static Problem parse(String body) {
      if (body == null || body.isBlank()) {
        return null;
      }
      JsonNode n = JsonDocuments.readErrorBody(body);
      if (n == null || !n.hasNonNull("title")) {
        return null;
      }
      return new Problem(n.get("title").asText(),
          n.hasNonNull("detail") ? n.get("detail").asText() : null, n.path("status").asInt());
    }
  }
}
