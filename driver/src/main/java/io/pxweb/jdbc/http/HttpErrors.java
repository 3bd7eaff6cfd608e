package io.pxweb.jdbc.http;

import io.pxweb.jdbc.model.MalformedDocumentException;
import io.pxweb.jdbc.model.Redaction;
import java.io.IOException;
import java.io.InterruptedIOException;
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

/**
 * The one place where HTTP failures become {@link SQLException}s, for every service alike:
 * 08004 for a rate limit, 08006 for outages and broken connections (transient ones marked so by
 * their class, {@link SQLTransientConnectionException}, which is what {@link HttpService}
 * retries), 08001 for an unreachable host, 08P01 for answers that are not the promised document,
 * 57014 for a cancelled call. The service's {@link ServiceVocabulary} names it and reads its
 * 4xx answers. Every message ends with the request without secrets.
 */
public final class HttpErrors {
  /**
   * Longest Retry-After taken as said; a longer one (99999999999 seconds would overflow the
   * nanosecond arithmetic of every wait) counts as this, which exceeds any retry budget, so the
   * request fails at once with the server's message.
   */
  static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

  private final ServiceVocabulary vocabulary;
  private final String name;
  private final String subjectName;

  public HttpErrors(ServiceVocabulary vocabulary) {
    this.vocabulary = vocabulary;
    this.name = vocabulary.name();
    this.subjectName = Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** A retryable failure for which the service said how long to wait. */
  public interface RetryAfter {
    /** Returns the service's Retry-After, or null when it sent none. */
    Duration retryAfter();
  }

  /** A failure that a retry may cure (429, 502, 503, 504, a timeout, a broken connection). */
  public static final class TransientFailure extends SQLTransientConnectionException
      implements RetryAfter {
    private static final long serialVersionUID = 1L;
    private final transient Duration retryAfter;

    public TransientFailure(String message, String state, Duration retryAfter, Throwable cause) {
      super(message, state, cause);
      this.retryAfter = retryAfter;
    }

    @Override public Duration retryAfter() {
      return retryAfter;
    }
  }

  /** Returns the service's name as a message's subject: "the server", "Klass". */
  public String serviceName() {
    return name;
  }

  /** Classifies an HTTP answer that was not a success. */
  public SQLException fromStatus(int status, String body, String method, String url,
      String retryAfterHeader, String subject) {
    String where = " (HTTP " + status + ", " + method + " " + Redaction.redact(url) + ")";
    if (status == 429) {
      return new TransientFailure(possessive() + " rate limit was exceeded"
          + vocabulary.said(body, true) + where, "08004", retryAfter(retryAfterHeader), null);
    }
    if (status == 502 || status == 503 || status == 504) {
      // 503 is what statbanks answer during their nightly maintenance.
      return new TransientFailure(subjectName + (status == 503
          ? " is unavailable" : "'s gateway failed")
          + vocabulary.said(body, false) + where, "08006", retryAfter(retryAfterHeader), null);
    }
    if (status >= 500) {
      // 500 with an empty body is what servers answer to a code sent twice: not transient.
      return new SQLNonTransientConnectionException(subjectName + " failed to answer"
          + vocabulary.said(body, true) + where, "08006");
    }
    return vocabulary.rejected(status, body, method, url, where, subject);
  }

  private String possessive() {
    return subjectName + "'s";
  }

  /** Classifies a network failure; timeouts and broken connections are worth a retry. */
  public SQLException fromIo(IOException e, String method, String url) {
    if (e instanceof BoundedInputStream.TooLargeException) {
      // The same request would get the same body: not transient, no retry.
      return fromMalformed(e.getMessage(), method, url);
    }
    String where = " (" + method + " " + Redaction.redact(url) + ")";
    if (e instanceof OriginPolicy.InsecureRedirectException) {
      // Following it would be the failure; asking again would be redirected again.
      return new SQLNonTransientConnectionException("Refused a redirect of " + name + ": "
          + e.getMessage() + where, "08001");
    }
    if (e instanceof UnknownHostException || e instanceof ConnectException) {
      return new SQLNonTransientConnectionException(
          "Cannot reach " + name + ": " + e.getMessage() + where, "08001", e);
    }
    if (e instanceof SocketTimeoutException && String.valueOf(e.getMessage())
        .toLowerCase(Locale.ROOT).contains("connect timed out")) {
      // Not retried: a server that accepts no connection within connectTimeout would make every
      // attempt wait as long again, and getConnection take five times connectTimeout and more.
      return new SQLNonTransientConnectionException("Cannot reach " + name + " within"
          + " connectTimeout: " + e.getMessage() + where, "08001", e);
    }
    if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
      return new TransientFailure(subjectName + " did not answer in time: " + e.getMessage()
          + where, "08006", null, e);
    }
    return new TransientFailure("Connection to " + name + " failed: " + e + where, "08006", null,
        e);
  }

  /** Classifies a success whose body is not the document the service promises. */
  public SQLException fromMalformed(String message, String method, String url) {
    return new SQLNonTransientConnectionException("Unexpected response from " + name + ": "
        + message + " (" + method + " " + Redaction.redact(url) + ")", "08P01");
  }

  /** Classifies a document that did not read as the service promises. */
  public SQLException fromMalformed(MalformedDocumentException e, String method, String url) {
    return fromMalformed(e.getMessage(), method, url);
  }

  /** Reports a statement cancelled while it called (or waited for) the service. */
  public SQLException cancelled(String method, String url) {
    return new SQLException("Statement cancelled while calling " + name + " (" + method + " "
        + Redaction.redact(url) + ")", "57014");
  }

  /** Returns a failure that persisted over several attempts, saying so. */
  public static SQLException afterAttempts(SQLException last, int attempts) {
    return new SQLException(last.getMessage() + " [gave up after " + attempts + " attempts]",
        last.getSQLState(), last);
  }

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

  /** Returns a body's start as ": text" for a message, or "" for an empty body. */
  public static String snippet(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String s = body.strip().replaceAll("\\s+", " ");
    return ": " + (s.length() > 200 ? s.substring(0, 200) + "..." : s);
  }
}
