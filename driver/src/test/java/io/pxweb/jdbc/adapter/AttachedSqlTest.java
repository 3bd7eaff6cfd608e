package io.pxweb.jdbc.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The charset introducers removed from SQL for attached databases, and only those. */
class AttachedSqlTest {
  private static final String U = "_UTF-16LE";

  @Test
  void introducersBeforeLiteralsGo() {
    assertEquals("SELECT * FROM \"T\" WHERE \"C\" IN ('Rīga', 'NO')",
        AttachedSql.plain("SELECT * FROM \"T\" WHERE \"C\" IN (_UTF-16LE'Rīga', _UTF-16LE'NO')", U));
  }

  @Test
  void textInsideLiteralsAndIdentifiersStays() {
    String sql = "SELECT \"_UTF-16LE'x\" FROM t WHERE c = 'it''s _UTF-16LE''y' AND d = _UTF-16LE'z'";
    assertEquals("SELECT \"_UTF-16LE'x\" FROM t WHERE c = 'it''s _UTF-16LE''y' AND d = 'z'",
        AttachedSql.plain(sql, U));
  }

  @Test
  void sqlWithoutIntroducersIsUnchanged() {
    String sql = "SELECT a FROM t WHERE b = '_UTF-16LE' AND c = 'unterminated";
    assertEquals(sql, AttachedSql.plain(sql, U));
    assertEquals("SELECT 1", AttachedSql.plain("SELECT 1", U));
  }
}
