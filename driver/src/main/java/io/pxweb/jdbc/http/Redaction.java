package io.pxweb.jdbc.http;

import io.pxweb.jdbc.model.SecretText;

/**
 * Removes secrets from URLs before they reach a message or a log: every error names the URL it
 * was about, and none may show a password, a token or user info. The patterns are
 * {@link SecretText}'s (the PX source, which knows no HTTP, uses them too); this is the name the
 * transport and the driver call.
 */
public final class Redaction {
  /**
   * Returns a URL, or a text that holds one, without user info and password, secret and token
   * parameters ({@link SecretText#redact}).
   */
  public static String redact(String url) {
    return SecretText.redact(url);
  }

  private Redaction() {
  }
}
