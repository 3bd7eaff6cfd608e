package io.pxweb.server.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Session commands read on the lexer's tokens: the forms clients send, comments and all. */
class SessionCommandsTest {
  /** A session's side of the commands, recording what they did. */
  private static final class Host implements SessionCommands.Host {
    final Settings settings = new Settings("pxweb", "statbank", "");
    final List<String> reported = new ArrayList<>();
    final List<String> deallocated = new ArrayList<>();
    char transaction = 'I';

    @Override public Settings settings() {
      return settings;
    }

    @Override public void parameterChanged(String name, String value) {
      reported.add(name + "=" + value);
    }

    @Override public void transaction(char status) {
      transaction = status;
    }

    @Override public char transaction() {
      return transaction;
    }

    @Override public void deallocate(String name) {
      deallocated.add(String.valueOf(name));
    }
  }

  private static String shown(String sql, Host host) throws Exception {
    Rows rows = SessionCommands.run(sql, host).rows();
    rows.next();
    return rows.text(0);
  }

  @Test
  void setTakesEveryFormClientsSend() throws Exception {
    Host h = new Host();
    SessionCommands.run("SET extra_float_digits = 3", h);
    SessionCommands.run("set /* Superset */ application_name\n  TO 'superset'", h);
    SessionCommands.run("SET SESSION search_path TO statbank, 'meta'", h);
    SessionCommands.run("SET LOCAL statement_timeout=-1", h);
    SessionCommands.run("SET TIME ZONE 'UTC'", h);
    SessionCommands.run("SET pxweb.note 'a;b'", h);
    assertEquals("3", h.settings.get("extra_float_digits"));
    assertEquals("superset", h.settings.get("application_name"));
    assertEquals("statbank, meta", h.settings.get("search_path"));
    assertEquals("-1", h.settings.get("statement_timeout"));
    assertEquals("UTC", h.settings.get("timezone"));
    assertEquals("a;b", h.settings.get("pxweb.note"));
    assertEquals("UTC", shown("SHOW TIME ZONE", h));
    assertEquals("superset", shown("show application_name", h));
    assertEquals(List.of("application_name=superset", "TimeZone=UTC"), h.reported);
    assertEquals("SET", SessionCommands.run(
        "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", h).tag());
    assertEquals("42601", assertThrows(SQLException.class,
        () -> SessionCommands.run("SET application_name", h)).getSQLState());
    assertEquals("42601", assertThrows(SQLException.class,
        () -> SessionCommands.run("SET 'x' = 1", h)).getSQLState());
    assertEquals("25006", assertThrows(SQLException.class,
        () -> SessionCommands.run("SET default_transaction_read_only = off", h)).getSQLState());
  }

  @Test
  void showResetDeallocateAndTransactionsReadTheirWords() throws Exception {
    Host h = new Host();
    SessionCommands.run("SET statement_timeout = '5s'", h);
    SessionCommands.run("RESET /* the default */ statement_timeout", h);
    assertEquals("0", h.settings.get("statement_timeout"));
    assertEquals("read committed", shown("SHOW TRANSACTION  ISOLATION\nLEVEL", h));
    assertEquals("42704", assertThrows(SQLException.class,
        () -> SessionCommands.run("SHOW no_such_setting", h)).getSQLState());
    SessionCommands.run("DEALLOCATE PREPARE \"S_1\"", h);
    SessionCommands.run("DEALLOCATE ALL", h);
    assertEquals(List.of("S_1", "null"), h.deallocated);
    SessionCommands.run("BEGIN READ ONLY", h);
    assertEquals('T', h.transaction);
    h.transaction = 'E';
    assertEquals("ROLLBACK", SessionCommands.run("ROLLBACK /* to */ TO SAVEPOINT a", h).tag());
    assertEquals('T', h.transaction);
    SessionCommands.run("ROLLBACK", h);
    assertEquals('I', h.transaction);
    assertEquals("DISCARD ALL", SessionCommands.run("discard all", h).tag());
    assertNull(SessionCommands.run("SELECT 1", h));
  }
}
