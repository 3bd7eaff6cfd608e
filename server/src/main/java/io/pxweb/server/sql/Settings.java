package io.pxweb.server.sql;

import io.pxweb.server.catalog.SessionSettings;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A session's run-time parameters (what SET changes and SHOW and current_setting read). Names are
 * case-insensitive as in PostgreSQL; values are kept as text.
 */
public final class Settings implements SessionSettings {
  /** PostgreSQL 14's protocol and catalog, as far as clients can tell. */
  static final String SERVER_VERSION = "14.0";
  static final String SERVER_VERSION_NUM = "140000";

  /** Parameters the server reports (ParameterStatus) at startup and whenever SET changes them. */
  static final Set<String> REPORTED = Set.of("server_version", "server_encoding",
      "client_encoding", "application_name", "datestyle", "integer_datetimes",
      "standard_conforming_strings", "timezone", "intervalstyle", "is_superuser",
      "session_authorization", "default_transaction_read_only", "in_hot_standby");

  private static final Map<String, String> DISPLAY_NAMES = Map.of("datestyle", "DateStyle",
      "timezone", "TimeZone", "intervalstyle", "IntervalStyle");

  private final Map<String, String> values = new LinkedHashMap<>();

  Settings(String user, String database, String applicationName) {
    put("server_version", SERVER_VERSION);
    put("server_version_num", SERVER_VERSION_NUM);
    put("server_encoding", "UTF8");
    put("client_encoding", "UTF8");
    put("application_name", applicationName == null ? "" : applicationName);
    put("datestyle", "ISO, MDY");
    put("integer_datetimes", "on");
    put("standard_conforming_strings", "on");
    put("timezone", ZoneId.systemDefault().getId());
    put("intervalstyle", "postgres");
    put("is_superuser", "off");
    put("session_authorization", user);
    put("default_transaction_read_only", "on");
    put("transaction_read_only", "on");
    put("in_hot_standby", "off");
    put("search_path", "\"$user\", statbank");
    put("statement_timeout", "0");
    put("max_identifier_length", "63");
    put("max_index_keys", "32");
    put("lc_collate", "C");
    put("lc_ctype", "C");
    put("transaction_isolation", "read committed");
    put("default_transaction_isolation", "read committed");
    put("extra_float_digits", "1");
    put("bytea_output", "hex");
    put("server_name", "pxweb-server");
    put("database", database);
  }

  /**
   * Applies the startup packet's parameters: those PostgreSQL reports or SHOW knows, and libpq's
   * options (-c name=value or --name=value, as PGOPTIONS carries them).
   */
  void applyStartup(Map<String, String> params) {
    for (Map.Entry<String, String> p : params.entrySet()) {
      String key = p.getKey();
      if (key.equals("options")) {
        applyOptions(p.getValue());
      } else if (!key.equals("user") && !key.equals("database") && !key.equals("replication")
          && !key.startsWith("_pq_.") && !key.equals("client_encoding") && get(key) != null) {
        put(key, p.getValue());
      }
    }
  }

  private void applyOptions(String options) {
    String[] words = options.trim().split("\\s+");
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      String setting = null;
      if (w.equals("-c") && i + 1 < words.length) {
        setting = words[++i];
      } else if (w.startsWith("-c")) {
        setting = w.substring(2);
      } else if (w.startsWith("--")) {
        setting = w.substring(2);
      }
      int eq = setting == null ? -1 : setting.indexOf('=');
      if (eq > 0) {
        put(setting.substring(0, eq).replace('-', '_'), setting.substring(eq + 1));
      }
    }
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** The name as PostgreSQL spells it in ParameterStatus and SHOW. */
  static String display(String name) {
    return DISPLAY_NAMES.getOrDefault(key(name), key(name));
  }

  @Override public String get(String name) {
    return values.get(key(name));
  }

  void put(String name, String value) {
    values.put(key(name), value);
  }

  @Override public Map<String, String> all() {
    return values;
  }

  /** The user's statement-time limit (0: none), which no SET lifts. */
  private long maxStatementMillis;

  void maxStatementMillis(long millis) {
    this.maxStatementMillis = millis;
    if (millis > 0) {
      put("statement_timeout", millis + "ms");
    }
  }

  /** The statement time that applies: the session's statement_timeout within the user's limit. */
  public long statementTimeoutMillis() {
    long session = millis(get("statement_timeout"));
    if (maxStatementMillis > 0 && (session <= 0 || session > maxStatementMillis)) {
      return maxStatementMillis;
    }
    return Math.max(0, session);
  }

  /** A time in milliseconds as PostgreSQL writes it (5s, 100ms, 1min, 2h, a bare number: ms). */
  public static long millis(String text) {
    String v = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.endsWith("ms")) {
        return Long.parseLong(v.substring(0, v.length() - 2).trim());
      } else if (v.endsWith("min")) {
        return Long.parseLong(v.substring(0, v.length() - 3).trim()) * 60_000;
      } else if (v.endsWith("s")) {
        return Long.parseLong(v.substring(0, v.length() - 1).trim()) * 1000;
      } else if (v.endsWith("h")) {
        return Long.parseLong(v.substring(0, v.length() - 1).trim()) * 3_600_000;
      }
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
