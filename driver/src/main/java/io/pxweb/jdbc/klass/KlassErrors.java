package io.pxweb.jdbc.klass;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxweb.jdbc.http.HttpErrors;
import io.pxweb.jdbc.http.ServiceVocabulary;
import io.pxweb.jdbc.json.JsonDocuments;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

/**
 * Klass's vocabulary for the shared classification ({@link HttpErrors}): its messages (the
 * {@code detail} of its problem body, or its plain-text body) and what its 4xx answers mean:
 * 42S02 for what Klass does not have (404), 22023 for a request it rejects (400). Each message
 * names what was asked for (e.g. "classification 99999").
 */
final class KlassErrors implements ServiceVocabulary {
  static final KlassErrors VOCABULARY = new KlassErrors();
  static final HttpErrors ERRORS = new HttpErrors(VOCABULARY);

  private KlassErrors() {
  }

  @Override public String name() {
    return "Klass";
  }

  @Override public String said(String body, boolean quoteText) {
    String message = message(body);
    return message == null ? "" : ": " + message;
  }

  @Override public SQLException rejected(int status, String body, String method, String url,
      String where, String subject) {
    String said = said(body, true);
    if (status == 404) {
      return new SQLException("Klass has no " + subject + said + where, "42S02");
    }
    if (status == 400) {
      return new SQLException("Klass rejected the request for " + subject + said + where,
          "22023");
    }
    return new SQLNonTransientConnectionException("Klass answered HTTP " + status + said + where,
        "08P01");
  }

  /**
   * Classifies an answer that was not a success.
   *
   * @param subject what was asked for, e.g. "classification 131" or "variant 'X' of
   *     classification 84"
   */
  static SQLException fromStatus(int status, String body, String url, String retryAfterHeader,
      String subject) {
    return ERRORS.fromStatus(status, body, "GET", url, retryAfterHeader, subject);
  }

  /** Classifies a success whose body is not the document Klass promises. */
  static SQLException fromMalformed(String message, String url) {
    return ERRORS.fromMalformed(message, "GET", url);
  }

  /**
   * Returns Klass's message: the problem body's {@code detail} (else its {@code title}), or a
   * short plain-text body (what Klass sends for CSV and some errors); null when there is none.
   */
  static String message(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    String text = body.strip();
    if (text.startsWith("{")) {
      JsonNode n = JsonDocuments.readErrorBody(text);
      if (n != null) {
        String detail = n.path("detail").asText(null);
        String title = n.path("title").asText(null);
        if (detail != null && !detail.isBlank()) {
          return detail;
        }
        if (title != null && !title.isBlank()) {
          return title;
        }
      }
    }
    if (text.startsWith("<")) {
      // An XML or HTML page says little that fits one line.
      return null;
    }
    text = text.replaceAll("\\s+", " ");
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
