package io.pxweb.jdbc;

import io.pxweb.jdbc.model.Redaction;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Which JDBC URLs {@code attach.<name>.url} may name: none, unless the host application allows
 * them.
 *
 * <p>Whoever writes a connection string (a BI tool's connection form, a shared configuration
 * file) would otherwise choose any JDBC driver on the classpath and any URL for it, and some
 * URLs run code: H2's {@code INIT=RUNSCRIPT FROM '...'} runs a script, other drivers load
 * classes or files named in the URL. So only the host, which owns the process, can allow
 * attachments: with the system property {@value #PROPERTY} or {@link #allow}. An entry is a
 * whole URL, or a prefix when it ends with {@code *}; a URL is compared with {@code ${...}}
 * braces already removed, ignoring the case of letters.
 */
public final class AttachPolicy {
  /** The JVM system property with the allowed URLs, comma-separated. */
  public static final String PROPERTY = "pxweb.attach.allowedUrls";

  private static final Set<String> ALLOWED = new CopyOnWriteArraySet<>();

  private AttachPolicy() {
  }

  /**
   * Allows attachments of these JDBC URLs for every connection of the JVM: whole URLs, or
   * prefixes ending with {@code *} (e.g. {@code jdbc:postgresql://db.internal:5432/*}).
   */
  public static void allow(String... urls) {
    for (String u : urls) {
      if (u != null && !u.isBlank()) {
        ALLOWED.add(u.trim());
      }
    }
  }

  /** Withdraws every allowance made with {@link #allow} (the system property still counts). */
  public static void clear() {
    ALLOWED.clear();
  }

  /** Returns whether the host allows an attachment of this URL. */
  static boolean allows(String url) {
    String property = System.getProperty(PROPERTY, "");
    for (String entry : property.split(",")) {
      if (matches(entry.trim(), url)) {
        return true;
      }
    }
    return ALLOWED.stream().anyMatch(entry -> matches(entry, url));
  }

  private static boolean matches(String entry, String url) {
    if (entry.isEmpty()) {
      return false;
    }
    if (entry.endsWith("*")) {
      String prefix = entry.substring(0, entry.length() - 1);
      return url.regionMatches(true, 0, prefix, 0, prefix.length());
    }
    return entry.toLowerCase(Locale.ROOT).equals(url.toLowerCase(Locale.ROOT));
  }

  /** Throws unless the host allows attaching the URL as schema {@code name}. */
  static void check(String name, String url) throws SQLException {
    if (!allows(url)) {
      throw new SQLException("Connection property attach." + name + ".url names a database ("
          + Redaction.redact(url) + ") that the host application has not allowed: attached"
          + " databases are off unless the host lists their URLs in the system property "
          + PROPERTY + " or calls AttachPolicy.allow (see docs/joins.md)", "42501");
    }
  }
}
