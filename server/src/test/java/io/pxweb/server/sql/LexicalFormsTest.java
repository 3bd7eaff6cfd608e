package io.pxweb.server.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class LexicalFormsTest {
  private static String normal(String sql) {
    return LexicalForms.normalise(sql).text().replaceAll(" +", " ").trim();
  }

  @Test
  void operatorCallsBecomePlainOperators() {
    assertEquals("WHERE c.relname ~ '^(x)$'",
        normal("WHERE c.relname OPERATOR(pg_catalog.~) '^(x)$'"));
  }

  @Test
  void unnestOutsideFromIsAFunctionCall() {
    assertEquals("SELECT \"unnest\"(ix.indkey) attnum FROM pg_index ix, UNNEST(ix.a) "
        + "JOIN UNNEST(b) ON true WHERE x IN (SELECT \"unnest\"(c) FROM t)",
        normal("SELECT unnest(ix.indkey) attnum FROM pg_index ix, UNNEST(ix.a) "
        + "JOIN UNNEST(b) ON true WHERE x IN (SELECT unnest(c) FROM t)"));
    assertEquals("SELECT pg_catalog.\"unnest\"(a) FROM unnest(tc.reloptions) x",
        normal("SELECT pg_catalog.unnest(a) FROM pg_catalog.unnest(tc.reloptions) x"));
  }

  @Test
  void collationsGo() {
    assertEquals("WHERE a = 'x' ORDER BY b", normal("WHERE a = 'x' COLLATE pg_catalog.default "
        + "ORDER BY b COLLATE \"C\""));
  }

  @Test
  void keywordLabelsAreQuotedButTypeNamesInCastsAreNot() {
    assertEquals("SELECT 1 AS \"select\", CAST(x AS INTEGER) AS \"table\"",
        normal("SELECT 1 AS select, CAST(x AS INTEGER) AS table"));
    // Evidence's first query over any source; ROWS is a keyword, though not a reserved one.
    assertEquals("WITH root AS (SELECT 1) SELECT COUNT(*) as \"rows\" FROM root",
        normal("WITH root AS (SELECT 1) SELECT COUNT(*) as rows FROM root"));
  }

  @Test
  void postgresqlIntervalsBecomeStandardOnes() {
    assertEquals("SELECT now() - INTERVAL '14' DAY, INTERVAL '3' HOUR",
        normal("SELECT now() - INTERVAL '2 weeks', '3 hours'::interval"));
    assertNull(LexicalForms.standardInterval("1 day 2 hours"));
  }

  @Test
  void parametersBecomeMarkersInOrderOfAppearance() {
    LexicalForms.Normalised n = LexicalForms.normalise("SELECT $2, $1 FROM t WHERE a = $2");
    assertEquals(List.of(2, 1, 2), n.parameters());
    assertEquals("SELECT ?, ? FROM t WHERE a = ?", n.text().replaceAll(" +", " ").trim());
  }

  @Test
  void dollarAndEscapeStringsBecomeStandardConstants() {
    assertEquals("SELECT 'a''b', 'c\nd'", normal("SELECT $$a'b$$, E'c\\nd'"));
  }
}
