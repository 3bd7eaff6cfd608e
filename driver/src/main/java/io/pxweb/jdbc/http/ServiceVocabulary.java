package io.pxweb.jdbc.http;

import java.sql.SQLException;

/**
 * What one HTTP service (a statbank API, Klass) adds to the shared error classification: its
 * name in messages, how its error bodies carry a message, and what its 4xx answers mean.
 * Everything else (rate limits, outages, network failures, cut bodies) is classified alike for
 * every service by {@link HttpErrors}.
 */
public interface ServiceVocabulary {
  /** Returns the service's name as a message's subject: "the server", "Klass". */
  String name();

  /**
   * Returns what an error body says, as ": message", or "" when it says nothing usable.
   *
   * @param quoteText whether a body that is not a structured problem is quoted (shortened)
   */
  String said(String body, boolean quoteText);

  /**
   * Classifies a 4xx answer other than 429: a bad name, a bad value, a limit.
   *
   * @param where the status, method and redacted URL, as " (HTTP 404, GET url)"
   * @param subject what was asked for ("metadata of table 07459", "classification 131")
   */
  SQLException rejected(int status, String body, String method, String url, String where,
      String subject);
}
