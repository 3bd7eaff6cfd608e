package io.pxweb.jdbc.klass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxweb.jdbc.PxWebUrl;
import io.pxweb.jdbc.source.v2.PxWebErrors;
import io.pxweb.jdbc.source.v2.ApiDocuments;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * The one place where failures of Klass become {@link SQLException}s, in the style of
 * {@link PxWebErrors}.
 *
 * <p>Each exception names what was asked for (e.g. "classification 99999"), carries Klass's
 * own message (the {@code detail} of its problem body, or its plain-text body), the HTTP
 * status and the URL. SQLStates: 42S02 for what Klass does not have (404), 22023 for a request
 * it rejects (400), 08xxx for Klass being unreachable, overloaded or answering nonsense.
 */
final class KlassErrors {
  private static final ObjectMapper MAPPER = new ObjectMapper(ApiDocuments.JSON_FACTORY);

  private KlassErrors() {
  }

  /** A failure that a retry may cure (429, 502, 503, 504, network), with Klass's Retry-After. */
  static final class Transient extends SQLTransientConnectionException
      implements PxWebErrors.RetryAfter {
    private static final long serialVersionUID = 1L;
    private final transient Duration retryAfter;

    Transient(String message, String state, Duration retryAfter, Throwable cause) {
      super(message, state, cause);
      this.retryAfter = retryAfter;
    }

    @Override public Duration retryAfter() {
      return retryAfter;
    }
  }

  /**
   * Classifies an answer that was not a success.
   *
   * @param subject what was asked for, e.g. "classification 131" or "variant 'X' of
   *     classification 84"
   */
  static SQLException fromStatus(int status, String body, String url, String retryAfterHeader,
      String subject) {
    String where = " (HTTP " + status + ", GET " + PxWebUrl.redact(url) + ")";
    String message = message(body);
    String said = message == null ? "" : ": " + message;
    if (status == 429) {
      return new Transient("Klass's rate limit was exceeded" + said + where, "08004",
          retryAfter(retryAfterHeader), null);
    }
    if (status == 502 || status == 503 || status == 504) {
      return new Transient("Klass is unavailable" + said + where, "08006",
          retryAfter(retryAfterHeader), null);
    }
    if (status >= 500) {
      return new SQLNonTransientConnectionException("Klass failed to answer" + said + where,
          "08006");
    }
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

  /** Classifies a network failure; timeouts and broken connections are worth a retry. */
  static SQLException fromIo(IOException e, String url) {
    String where = " (GET " + PxWebUrl.redact(url) + ")";
    if (e instanceof UnknownHostException || e instanceof ConnectException) {
      return new SQLNonTransientConnectionException("Cannot reach Klass: " + e.getMessage()
          + where, "08001", e);
    }
    if (e instanceof SocketTimeoutException || e instanceof java.io.InterruptedIOException) {
      return new Transient("Klass did not answer in time: " + e.getMessage() + where, "08006",
          null, e);
    }
    return new Transient("Connection to Klass failed: " + e + where, "08006", null, e);
  }

  /** Classifies a success whose body is not the document Klass promises. */
  static SQLException fromMalformed(String message, String url) {
    return new SQLNonTransientConnectionException("Unexpected response from Klass: " + message
        + " (GET " + PxWebUrl.redact(url) + ")", "08P01");
  }

  /** Reports a statement cancelled while it waited for Klass. */
  static SQLException cancelled(String url) {
    return new SQLException("Statement cancelled while calling Klass (GET "
        + PxWebUrl.redact(url) + ")", "57014");
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
      try {
        JsonNode n = MAPPER.readTree(text);
        if (n != null && n.isObject()) {
          String detail = n.path("detail").asText(null);
          String title = n.path("title").asText(null);
          if (detail != null && !detail.isBlank()) {
            return detail;
          }
          if (title != null && !title.isBlank()) {
            return title;
          }
        }
      } catch (IOException e) {
        // Not JSON after all: fall through and quote the text.
      }
    }
    if (text.startsWith("<")) {
      // An XML or HTML page says little that fits one line.
      return null;
    }
    text = text.replaceAll("\\s+", " ");
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  /** Reads a Retry-After header as the statbank client does (clamped to a day). */
  static Duration retryAfter(String header) {
    return PxWebErrors.retryAfter(header);
  }
}
