package io.pxweb.jdbc.model;

import java.util.regex.Pattern;

/**
 * Removes secrets from URLs, and from texts that hold one, before they reach a message or a
 * log: every error names the URL or folder it was about, and none may show a password, a token
 * or user info. Here, below every source, so that a folder of PX files (whose path may hold a
 * URL) redacts its messages as the HTTP transport does.
 */
public final class Redaction {
  private static final Pattern USER_INFO =
      Pattern.compile("(//)[^/?#@]*@");
  /**
   * User info after a scheme and one slash: a URL that became part of a file path
   * ({@code file:<dir>+http://u:pw@host}) is normalized to {@code .../dir+http:/u:pw@host}.
   */
  private static final Pattern PATH_USER_INFO =
      Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*:/)[^/?#@\\s]*@");
  /** {@code user:pw@host} without a scheme, where a location starts (after + or a quote). */
  private static final Pattern BARE_USER_INFO =
      Pattern.compile("(^|[\\s'\"+(=])[^\\s'\"+(=/@:]+:[^\\s'\"/@]*@");
  private static final Pattern ORACLE_USER =
      Pattern.compile("(?i)(jdbc:oracle:[a-z]+:)[^@/]*/[^@]*@");
  private static final Pattern SECRET_PARAMETER = Pattern.compile(
      "(?i)((?:password|passwd|pwd|[a-z_]*secret[a-z_]*|[a-z_]*token[a-z_]*)\\s*=)[^;&}]*");

  /**
   * Returns a URL (a JDBC URL of an attached database, a request URL) or a text that holds
   * one (a message, a file path) with user info ({@code //user:pw@}, {@code http:/user:pw@}
   * in a normalized path, {@code user:pw@host} where a location starts, Oracle's
   * {@code user/pw@}) and password, secret and token parameters replaced by {@code ***}.
   */
  public static String redact(String url) {
    if (url == null) {
      return null;
    }
    String out = USER_INFO.matcher(url).replaceAll("$1***@");
    out = PATH_USER_INFO.matcher(out).replaceAll("$1***@");
    out = BARE_USER_INFO.matcher(out).replaceAll("$1***@");
    out = ORACLE_USER.matcher(out).replaceAll("$1***@");
    return SECRET_PARAMETER.matcher(out).replaceAll("$1***");
  }

  private Redaction() {
  }
}
