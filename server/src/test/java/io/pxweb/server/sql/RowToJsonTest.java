package io.pxweb.server.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pxweb.server.catalog.PgFunctions;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

/** row_to_json(alias): the object's text put together from the alias's columns. */
class RowToJsonTest {
  private static String rewrite(String sql) throws Exception {
    String text = LexicalForms.normalise(sql).text();
    return PgFrontEnd.unparse(RowToJson.rewrite(SqlParser.create(text, PgFrontEnd.PARSER)
        .parseStmt(), null, "UTC")).replaceAll("\\s+", " ");
  }

  @Test
  void aWithQuerysRowBecomesItsObjectsText() throws Exception {
    // Malloy's wrapping of every result; the columns are the WITH query's, in order.
    assertEquals("WITH __stage0 AS (SELECT base.a AS \"x\", COUNT(*) AS n, b FROM t AS base) "
        + "SELECT '{\"x\":' || pg_catalog.pxweb_json(finalStage.\"x\") || ',\"n\":' "
        + "|| pg_catalog.pxweb_json(finalStage.\"n\") || ',\"b\":' || "
        + "pg_catalog.pxweb_json(finalStage.\"b\") || '}' AS \"row\" FROM __stage0 AS finalStage",
        rewrite("WITH __stage0 AS (SELECT base.a as \"x\", count(*) AS n, b FROM t AS base) "
            + "SELECT row_to_json(finalStage) as row FROM __stage0 AS finalStage"));
    // A subquery's row, and a column list after the alias; unaliased, the column keeps the
    // function's name.
    assertEquals("SELECT '{\"p\":' || pg_catalog.pxweb_json(s.\"p\") || '}' AS row_to_json "
        + "FROM (SELECT 1 AS \"a\") AS s (p)",
        rewrite("SELECT row_to_json(s) FROM (SELECT 1 AS a) AS s(p)"));
    // A row whose columns cannot be named stays as written.
    assertEquals("SELECT row_to_json(s) FROM (SELECT 1 + 1) AS s",
        rewrite("SELECT row_to_json(s) FROM (SELECT 1 + 1) AS s"));
    // So does one with a NULL of no type: no pxweb_json takes it.
    assertEquals("SELECT row_to_json(s) FROM (SELECT NULL AS \"c\") AS s",
        rewrite("SELECT row_to_json(s) FROM (SELECT NULL AS c) AS s"));
  }

  @Test
  void valuesAreWrittenAsPostgresqlWritesThem() {
    assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", PgFunctions.pxweb_json("a\"b\\c\n\u0001"));
    assertEquals("1911.60", PgFunctions.pxweb_json(new BigDecimal("1911.60")));
    assertEquals("null", PgFunctions.pxweb_json((Long) null));
    assertEquals("\"2015-01-01\"", PgFunctions.pxweb_json(Date.valueOf("2015-01-01")));
    assertEquals("\"2015-01-01T00:00:00\"",
        PgFunctions.pxweb_json(Timestamp.valueOf("2015-01-01 00:00:00")));
  }
}
