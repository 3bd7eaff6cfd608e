package io.pxweb.server.sql;

import io.pxweb.server.catalog.PgType;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statements the server answers itself: transaction control (a read-only server has nothing to
 * commit, but clients send it), SET/SHOW/RESET, DISCARD and DEALLOCATE, and the refusal of every
 * statement that would write.
 */
final class SessionCommands {
  private static final Pattern SET = Pattern.compile(
      "(?is)SET\\s+(?:SESSION\\s+|LOCAL\\s+)?([A-Za-z_][\\w.]*)\\s*(?:=|\\s+TO\\s+|\\s+)(.*)");
  private static final Pattern SET_TIME_ZONE = Pattern.compile(
      "(?is)SET\\s+(?:SESSION\\s+|LOCAL\\s+)?TIME\\s+ZONE\\s+(.*)");
  private static final Pattern SHOW = Pattern.compile("(?is)SHOW\\s+(.+)");
  private static final Pattern RESET = Pattern.compile("(?is)RESET\\s+(.+)");
  private static final Pattern DEALLOCATE = Pattern.compile(
      "(?is)DEALLOCATE\\s+(?:PREPARE\\s+)?(\\S+)");
  private static final List<String> WRITES = List.of("INSERT", "UPDATE", "DELETE", "MERGE",
      "CREATE", "DROP", "ALTER", "TRUNCATE", "COPY", "GRANT", "REVOKE", "VACUUM", "ANALYZE",
      "CLUSTER", "REINDEX", "COMMENT", "LOCK", "REFRESH", "IMPORT", "SECURITY", "CALL", "DO");

  /** What a session needs from the commands: settings, transaction state, statement names. */
  interface Host {
    Settings settings();

    void parameterChanged(String name, String value) throws java.io.IOException;

    void transaction(char status);

    char transaction();

    void deallocate(String name);
  }

  private SessionCommands() {
  }

  /** The result of a session command, or null when the statement is a query for the driver. */
  static Result run(String sql, Host host) throws SQLException, java.io.IOException {
    String word = SqlText.firstWord(sql);
    String upper = sql.toUpperCase(Locale.ROOT);
    switch (word) {
      case "BEGIN": case "START":
        host.transaction('T');
        return Result.tag("BEGIN");
      case "COMMIT": case "END": {
        boolean failed = host.transaction() == 'E';
        host.transaction('I');
        return Result.tag(failed ? "ROLLBACK" : "COMMIT");
      }
      case "ROLLBACK": case "ABORT":
        if (upper.matches("(?s)ROLLBACK\\s+(WORK\\s+|TRANSACTION\\s+)?TO\\b.*")) {
          if (host.transaction() == 'E') {
            host.transaction('T');
          }
          return Result.tag("ROLLBACK");
        }
        host.transaction('I');
        return Result.tag("ROLLBACK");
      case "SAVEPOINT":
        return Result.tag("SAVEPOINT");
      case "RELEASE":
        return Result.tag("RELEASE");
      case "SET":
        return set(sql, host);
      case "RESET":
        return reset(sql, host);
      case "SHOW":
        return show(sql, host.settings());
      case "DISCARD":
        return Result.tag("DISCARD " + upper.substring(7).trim());
      case "DEALLOCATE": {
        Matcher m = DEALLOCATE.matcher(sql.trim());
        if (m.matches()) {
          host.deallocate(m.group(1).equalsIgnoreCase("ALL") ? null : unquote(m.group(1)));
        }
        return Result.tag("DEALLOCATE");
      }
      case "LISTEN": case "UNLISTEN": case "NOTIFY": case "PREPARE": case "EXECUTE":
      case "DECLARE": case "FETCH": case "MOVE": case "CLOSE": case "CHECKPOINT": case "LOAD":
        throw new SQLException(word + " is not supported by pxweb-server", "0A000");
      default:
        if (WRITES.contains(word)) {
          throw new SQLException("cannot execute " + word
              + " in a read-only transaction: statbanks are read-only", "25006");
        }
        return null;
    }
  }

  private static Result set(String sql, Host host) throws SQLException,
      java.io.IOException {
    String s = sql.trim();
    if (s.toUpperCase(Locale.ROOT).matches("(?s)SET\\s+(SESSION\\s+CHARACTERISTICS|TRANSACTION)\\b.*")) {
      return Result.tag("SET");
    }
    Matcher tz = SET_TIME_ZONE.matcher(s);
    String name;
    String value;
    if (tz.matches()) {
      name = "timezone";
      value = tz.group(1);
    } else {
      Matcher m = SET.matcher(s);
      if (!m.matches()) {
        throw new SQLException("syntax error in SET statement", "42601");
      }
      name = m.group(1);
      value = m.group(2);
    }
    value = value.trim();
    if (value.equalsIgnoreCase("DEFAULT") || value.equalsIgnoreCase("LOCAL")) {
      value = new Settings("", "", "").get(name);
      if (value == null) {
        value = "";
      }
    } else {
      value = unquoteList(value);
    }
    if (name.equalsIgnoreCase("client_encoding")
        && !value.equalsIgnoreCase("UTF8") && !value.equalsIgnoreCase("UTF-8")
        && !value.equalsIgnoreCase("UNICODE")) {
      throw new SQLException("pxweb-server speaks UTF8 only; client_encoding " + value
          + " is not supported", "22023");
    }
    if (name.equalsIgnoreCase("client_encoding")) {
      value = "UTF8";
    }
    if (name.equalsIgnoreCase("transaction_read_only")
        || name.equalsIgnoreCase("default_transaction_read_only")) {
      if (!value.equalsIgnoreCase("on") && !value.equalsIgnoreCase("true")) {
        throw new SQLException("pxweb-server is read-only; " + name + " stays on", "25006");
      }
    }
    host.settings().put(name, value);
    if (Settings.REPORTED.contains(Settings.key(name))) {
      host.parameterChanged(Settings.display(name), value);
    }
    return Result.tag("SET");
  }

  private static Result reset(String sql, Host host) throws java.io.IOException {
    Matcher m = RESET.matcher(sql.trim());
    if (m.matches()) {
      String name = m.group(1).trim();
      Settings defaults = new Settings(host.settings().get("session_authorization"),
          host.settings().get("database"), host.settings().get("application_name"));
      if (name.equalsIgnoreCase("ALL")) {
        host.settings().all().putAll(defaults.all());
      } else if (defaults.get(name) != null) {
        host.settings().put(name, defaults.get(name));
        if (Settings.REPORTED.contains(Settings.key(name))) {
          host.parameterChanged(Settings.display(name), defaults.get(name));
        }
      }
    }
    return Result.tag("RESET");
  }

  private static Result show(String sql, Settings settings) throws SQLException {
    Matcher m = SHOW.matcher(sql.trim());
    if (!m.matches()) {
      throw new SQLException("syntax error in SHOW statement", "42601");
    }
    String name = m.group(1).trim();
    if (name.equalsIgnoreCase("ALL")) {
      List<Object[]> rows = new ArrayList<>();
      for (Map.Entry<String, String> e : settings.all().entrySet()) {
        rows.add(new Object[] {Settings.display(e.getKey()), e.getValue(), ""});
      }
      return Result.rows(new Rows.Listed(List.of(
          new Rows.Column("name", PgType.TEXT, -1), new Rows.Column("setting", PgType.TEXT, -1),
          new Rows.Column("description", PgType.TEXT, -1)), rows));
    }
    if (name.toUpperCase(Locale.ROOT).matches("TIME\\s+ZONE")) {
      name = "timezone";
    } else if (name.toUpperCase(Locale.ROOT).matches("TRANSACTION\\s+ISOLATION\\s+LEVEL")) {
      name = "transaction_isolation";
    }
    name = unquote(name);
    String value = settings.get(name);
    if (value == null) {
      throw new SQLException("unrecognized configuration parameter \"" + name + "\"", "42704");
    }
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {value});
    return Result.rows(new Rows.Listed(
        List.of(new Rows.Column(Settings.key(name), PgType.TEXT, -1)), rows));
  }

  static String unquote(String s) {
    s = s.trim();
    if (s.length() >= 2 && (s.startsWith("'") && s.endsWith("'")
        || s.startsWith("\"") && s.endsWith("\""))) {
      char q = s.charAt(0);
      return s.substring(1, s.length() - 1).replace("" + q + q, "" + q);
    }
    return s;
  }

  /** A SET value: one literal, or a list as search_path takes it. */
  private static String unquoteList(String v) {
    if (!v.contains(",")) {
      return unquote(v);
    }
    StringBuilder out = new StringBuilder();
    for (String part : v.split(",")) {
      if (out.length() > 0) {
        out.append(", ");
      }
      String p = part.trim();
      out.append(p.startsWith("'") ? unquote(p) : p);
    }
    return out.toString();
  }
}
