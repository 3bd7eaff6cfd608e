package io.pxweb.server.sql;

import io.pxweb.server.catalog.PgType;
import io.pxweb.server.sql.PgLexer.Kind;
import io.pxweb.server.sql.PgLexer.Token;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Statements the server answers itself: transaction control (a read-only server has nothing to
 * commit, but clients send it), SET/SHOW/RESET, DISCARD and DEALLOCATE, and the refusal of every
 * statement that would write. Read on {@link PgLexer}'s tokens, as the rest of the front end:
 * a comment or a line break between words changes nothing.
 */
final class SessionCommands {
  private static final List<String> WRITES = List.of("INSERT", "UPDATE", "DELETE", "MERGE",
      "CREATE", "DROP", "ALTER", "TRUNCATE", "COPY", "GRANT", "REVOKE", "VACUUM", "ANALYZE",
      "CLUSTER", "REINDEX", "COMMENT", "LOCK", "REFRESH", "IMPORT", "SECURITY", "CALL", "DO");

  /** What a session needs from the commands: settings, transaction state, statement names. */
  interface Host {
    Settings settings();

    void parameterChanged(String name, String value) throws IOException;

    void transaction(char status);

    char transaction();

    void deallocate(String name);
  }

  private SessionCommands() {
  }

  /**
   * The result of a session command, or null when the statement is a query for the driver. Only
   * a command's own words are read (a query is not lexed here a second time).
   */
  static Result run(String sql, Host host) throws SQLException, IOException {
    String word = SqlText.firstWord(sql);
    switch (word) {
      case "BEGIN": case "START":
        host.transaction('T');
        return Result.tag("BEGIN");
      case "COMMIT": case "END": {
        boolean failed = host.transaction() == 'E';
        host.transaction('I');
        return Result.tag(failed ? "ROLLBACK" : "COMMIT");
      }
      case "ROLLBACK": case "ABORT": {
        List<Token> t = words(sql);
        if (at(t, 1, "TO") || (at(t, 1, "WORK") || at(t, 1, "TRANSACTION")) && at(t, 2, "TO")) {
          if (host.transaction() == 'E') {
            host.transaction('T');
          }
          return Result.tag("ROLLBACK");
        }
        host.transaction('I');
        return Result.tag("ROLLBACK");
      }
      case "SAVEPOINT":
        return Result.tag("SAVEPOINT");
      case "RELEASE":
        return Result.tag("RELEASE");
      case "SET":
        return set(sql, words(sql), host);
      case "RESET":
        return reset(rest(sql, words(sql), 1), host);
      case "SHOW":
        return show(sql, words(sql), host.settings());
      case "DISCARD":
        return Result.tag("DISCARD " + rest(sql, words(sql), 1).toUpperCase(Locale.ROOT));
      case "DEALLOCATE": {
        List<Token> t = words(sql);
        int i = at(t, 1, "PREPARE") ? 2 : 1;
        if (i < t.size()) {
          String name = t.get(i).text();
          host.deallocate(t.get(i).is("ALL") ? null : unquote(name));
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

  private static Result set(String sql, List<Token> t, Host host) throws SQLException,
      IOException {
    if (at(t, 1, "SESSION") && at(t, 2, "CHARACTERISTICS") || at(t, 1, "TRANSACTION")) {
      return Result.tag("SET");
    }
    int i = at(t, 1, "SESSION") || at(t, 1, "LOCAL") ? 2 : 1;
    String name;
    String value;
    if (at(t, i, "TIME") && at(t, i + 1, "ZONE")) {
      name = "timezone";
      value = rest(sql, t, i + 2);
    } else {
      if (i >= t.size() || t.get(i).kind() != Kind.WORD) {
        throw new SQLException("syntax error in SET statement", "42601");
      }
      StringBuilder dotted = new StringBuilder(t.get(i).text());
      while (at(t, i + 1, ".") && i + 2 < t.size() && t.get(i + 2).kind() == Kind.WORD) {
        dotted.append('.').append(t.get(i + 2).text());
        i += 2;
      }
      name = dotted.toString();
      i++;
      if (i < t.size() && t.get(i).kind() == Kind.OPERATOR && t.get(i).text().startsWith("=")) {
        // '=' may run into the value's sign in one operator token: SET x =-1.
        value = sql.substring(t.get(i).start() + 1).trim();
      } else {
        value = rest(sql, t, at(t, i, "TO") ? i + 1 : i);
      }
    }
    if (value.isEmpty()) {
      throw new SQLException("syntax error in SET statement", "42601");
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

  private static Result reset(String name, Host host) throws IOException {
    if (!name.isEmpty()) {
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

  private static Result show(String sql, List<Token> t, Settings settings)
      throws SQLException {
    String name = rest(sql, t, 1);
    if (name.isEmpty()) {
      throw new SQLException("syntax error in SHOW statement", "42601");
    }
    if (name.equalsIgnoreCase("ALL")) {
      List<Object[]> rows = new ArrayList<>();
      for (Map.Entry<String, String> e : settings.all().entrySet()) {
        rows.add(new Object[] {Settings.display(e.getKey()), e.getValue(), ""});
      }
      return Result.rows(new Rows.Listed(List.of(
          new Rows.Column("name", PgType.TEXT, -1), new Rows.Column("setting", PgType.TEXT, -1),
          new Rows.Column("description", PgType.TEXT, -1)), rows));
    }
    if (t.size() == 3 && at(t, 1, "TIME") && at(t, 2, "ZONE")) {
      name = "timezone";
    } else if (t.size() == 4 && at(t, 1, "TRANSACTION") && at(t, 2, "ISOLATION")
        && at(t, 3, "LEVEL")) {
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

  /** The statement's tokens without spaces and comments. */
  private static List<Token> words(String sql) {
    List<Token> out = new ArrayList<>();
    for (Token token : PgLexer.tokens(sql)) {
      if (token.kind() != Kind.SPACE) {
        out.add(token);
      }
    }
    return out;
  }

  /** Whether token i is the word or sign given. */
  private static boolean at(List<Token> t, int i, String word) {
    return i < t.size() && t.get(i).is(word);
  }

  /** The statement's text from token i on, as written, or "" past its end. */
  private static String rest(String sql, List<Token> t, int i) {
    return i < t.size() ? sql.substring(t.get(i).start()).trim() : "";
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
