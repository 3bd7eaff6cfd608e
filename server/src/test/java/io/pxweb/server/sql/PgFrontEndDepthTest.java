package io.pxweb.server.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A statement nested deeper than the translating thread's stack is an error the session
 * survives (54001, PostgreSQL's "stack depth limit exceeded"), never a StackOverflowError that
 * ends the session's thread (HostileStatementTest saw one in CI with 10,000 casts).
 */
class PgFrontEndDepthTest {
  @Test
  void tooDeepForTheStackIs54001() throws Exception {
    PgFrontEnd frontEnd = new PgFrontEnd(new Settings("", "", null), 1, null, t -> false);
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    // A small stack makes the depth that overflows the same on every machine and JIT state.
    Thread t = new Thread(null, () -> {
      try {
        frontEnd.translate("SELECT 1" + "::int".repeat(5_000), null);
      } catch (Throwable e) {
        outcome.set(e);
      }
    }, "small-stack", 256 * 1024);
    t.start();
    t.join();
    assertNotNull(outcome.get(), "translated within a 256 KB stack: make the statement deeper");
    assertEquals(SQLException.class, outcome.get().getClass(), String.valueOf(outcome.get()));
    assertEquals("54001", ((SQLException) outcome.get()).getSQLState());
  }
}
