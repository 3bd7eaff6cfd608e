package io.pxweb.jdbc.source.v2;

import io.pxweb.jdbc.http.BoundedInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxweb.jdbc.PxWebUrl;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * The one place where failures of the API become {@link SQLException}s.
 *
 * <p>Each exception carries the server's problem title (and detail), the HTTP status, and the
 * request URL without secrets. SQLState classes: 08 connection (unreachable server, 5xx, 429,
 * responses that are not the promised document), 42 bad name (table, variable), 22 bad value
 * (value code, language, expression), 54 limits (too many cells).
 */
public final class PxWebErrors {
  private static final ObjectMapper MAPPER = new ObjectMapper(ApiDocuments.JSON_FACTORY);

  /** SQLState by the server's problem title; titles are the same at SSB, SCB and Latvia. */
  private static final Map<String, String> STATE_BY_TITLE = Map.ofEntries(
      Map.entry("non-existent table", "42S02"),
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
      Map.entry("too many cells selected", "54000"));

  private PxWebErrors() {
  }

  /** A retryable failure for which the server said how long to wait. */
  public interface RetryAfter {
    /** Returns the server's Retry-After, or null when it sent none. */
    Duration retryAfter();
  }

  /** A transient failure (429, 502, 503, 504) that a retry may cure. */
  static final class TransientStatusException extends SQLTransientConnectionException
      implements RetryAfter {
    private static final long serialVersionUID = 1L;
    private final transient Duration retryAfter;

    TransientStatusException(String message, String state, Duration retryAfter) {
      super(message, state);
      this.retryAfter = retryAfter;
    }

    @Override public Duration retryAfter() {
      return retryAfter;
    }
  }

  /** Classifies an HTTP response that was not a success. */
  public static SQLException fromStatus(int httpStatus, String body, String method, String url,
      String retryAfterHeader) {
    String where = " (HTTP " + httpStatus + ", " + method + " " + PxWebUrl.redact(url) + ")";
    Problem problem = Problem.parse(body);
    if (httpStatus == 429) {
      return new TransientStatusException("The server's rate limit was exceeded"
          + describe(problem, snippet(body)) + where, "08004", retryAfter(retryAfterHeader));
    }
    if (httpStatus == 502 || httpStatus == 503 || httpStatus == 504) {
      String what = httpStatus == 503 ? "The server is unavailable (maintenance?)"
          : "The server's gateway failed";
      return new TransientStatusException(what + describe(problem, "") + where, "08006",
          retryAfter(retryAfterHeader));
    }
    if (httpStatus >= 500) {
      // 500 with an empty body is what servers answer to a code sent twice: not transient.
      return new SQLNonTransientConnectionException("The server failed to answer"
          + describe(problem, snippet(body)) + where, "08006");
    }
    if (problem != null && problem.title != null) {
      String state = STATE_BY_TITLE.getOrDefault(problem.title.toLowerCase(Locale.ROOT), "42000");
      return new SQLException(problem.title
          + (problem.detail != null && !problem.detail.equals(problem.title) ? ": " + problem.detail : "")
          + where, state);
    }
    if (httpStatus == 404 && "GET".equals(method) && url.length() > 2000) {
      return new SQLNonTransientConnectionException(
          "The server refused a long URL (" + url.length() + " characters)" + where, "08P01");
    }
    return new SQLNonTransientConnectionException(
        "The server answered HTTP " + httpStatus + snippet(body) + where, "08P01");
  }

  /** Returns a failure that persisted over several attempts, saying so. */
  public static SQLException afterAttempts(SQLException last, int attempts) {
    SQLException e = new SQLException(last.getMessage() + " [gave up after " + attempts
        + " attempts]", last.getSQLState(), last);
    return e;
  }

  /**
   * Longest Retry-After taken as said; a longer one (99999999999 seconds would overflow the
   * nanosecond arithmetic of every wait) counts as this, which exceeds any retry budget, so the
   * request fails at once with the server's message.
   */
  static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

  /** Reads a Retry-After header: seconds, or an HTTP date; null when absent or unreadable. */
  public static Duration retryAfter(String header) {
    if (header == null || header.isBlank() || header.length() > 100) {
      return null;
    }
    String text = header.trim();
    if (text.matches("\\d+")) {
      // More digits than a long holds is still "very long".
      return text.length() > 18 ? MAX_RETRY_AFTER
          : clamp(Duration.ofSeconds(Long.parseLong(text)));
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
      return clamp(Duration.ofMillis(Math.max(0, at.toInstant().toEpochMilli()
          - System.currentTimeMillis())));
    } catch (DateTimeParseException | ArithmeticException ignored) {
      return null;
    }
  }

  private static Duration clamp(Duration d) {
    return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
  }

  /** Classifies a network failure. */
  public static SQLException fromIo(IOException e, String method, String url) {
    if (e instanceof BoundedInputStream.TooLargeException) {
      // The same request would get the same body: not transient, no retry.
      return fromMalformed(e.getMessage(), method, url);
    }
    String where = " (" + method + " " + PxWebUrl.redact(url) + ")";
    if (e instanceof UnknownHostException || e instanceof ConnectException) {
      return new SQLNonTransientConnectionException(
          "Cannot reach the server: " + e.getMessage() + where, "08001", e);
    }
    if (e instanceof SocketTimeoutException && String.valueOf(e.getMessage())
        .toLowerCase(Locale.ROOT).contains("connect timed out")) {
      // Not retried: a server that accepts no connection within connectTimeout would make every
      // attempt wait as long again, and getConnection take five times connectTimeout and more.
      return new SQLNonTransientConnectionException("Cannot reach the server within"
          + " connectTimeout: " + e.getMessage() + where, "08001", e);
    }
    if (e instanceof SocketTimeoutException || e instanceof java.io.InterruptedIOException) {
      return new SQLTransientConnectionException(
          "The server did not answer in time: " + e.getMessage() + where, "08006", e);
    }
    return new SQLTransientConnectionException(
        "Connection to the server failed: " + e + where, "08006", e);
  }

  /** Classifies a success response whose body is not the document the API promises. */
  public static SQLException fromMalformed(String message, String method, String url) {
    return new SQLNonTransientConnectionException("Unexpected response from the server: "
        + message + " (" + method + " " + PxWebUrl.redact(url) + ")", "08P01");
  }

  private static String describe(Problem problem, String fallback) {
    if (problem == null || problem.title == null) {
      return fallback;
    }
    return ": " + problem.title + (problem.detail != null ? " - " + problem.detail : "");
  }

  private static String snippet(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String s = body.strip().replaceAll("\\s+", " ");
    return ": " + (s.length() > 200 ? s.substring(0, 200) + "..." : s);
  }

  /** The API's problem body {@code {type, title, status, detail}}. */
  private record Problem(String title, String detail, int status) {
    static Problem parse(String body) {
      if (body == null || body.isBlank()) {
        return null;
      }
      try {
        JsonNode n = MAPPER.readTree(body);
        if (n == null || !n.isObject() || !n.hasNonNull("title")) {
          return null;
        }
        return new Problem(n.get("title").asText(),
            n.hasNonNull("detail") ? n.get("detail").asText() : null, n.path("status").asInt());
      } catch (IOException e) {
        return null;
      }
    }
  }
}
