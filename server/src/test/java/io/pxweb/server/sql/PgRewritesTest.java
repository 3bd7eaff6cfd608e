package io.pxweb.server.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

/** Each tree rewrite on its own: PostgreSQL text in, the driver's SQL out. */
class PgRewritesTest {
  private static final Settings SETTINGS = new Settings("ana", "statbank", null);

  private static SqlNode parse(String sql) throws Exception {
    LexicalForms.Normalised n = LexicalForms.normalise(sql);
    return SqlParser.create(n.text(), PgFrontEnd.PARSER).parseStmt();
  }

  private static String sql(SqlNode tree) {
    return PgFrontEnd.unparse(tree).replaceAll("\\s+", " ");
  }

  private static String casts(String sql) throws Exception {
    String text = LexicalForms.normalise(sql).text();
    return sql(PgRewrites.castPrecedence(parse(sql), text));
  }

  @Test
  void castBindsTighterThanOperatorsUnlessParenthesised() throws Exception {
    assertEquals("SELECT c.oid = CAST('t' AS regclass) FROM c",
        casts("SELECT c.oid = 't'::regclass FROM c"));
    assertEquals("SELECT a + CAST(b AS INTEGER), CAST(a + b AS INTEGER), - CAST(x AS INTEGER) "
        + "FROM t", casts("SELECT a + b::int, (a + b)::int, -x::int FROM t"));
    assertEquals("SELECT a = CAST(CAST(b AS oid) AS text) FROM t",
        casts("SELECT a = b::oid::text FROM t"));
    // SQLAlchemy's column reflection: the function's own argument is cast too.
    assertEquals("SELECT 1 FROM t WHERE a = CAST(CAST(f(CAST(CAST(a AS regclass) AS text), b) "
        + "AS regclass) AS oid)",
        casts("SELECT 1 FROM t WHERE a = f(a::regclass::text, b)::regclass::oid"));
  }

  @Test
  void sessionValuesAreConstants() throws Exception {
    assertEquals("SELECT 'ana', 'statbank', 'statbank', '140000', 42, ARRAY['pg_catalog', "
        + "'statbank'], CURRENT_TIMESTAMP",
        sql(PgRewrites.sessionValues(parse("SELECT current_user, current_schema, "
            + "current_database(), current_setting('server_version_num'), pg_backend_pid(), "
            + "current_schemas(true), now()"), SETTINGS, 42)));
    assertEquals("SELECT 'PostgreSQL 14.0 (pxweb-server; statbanks through pxweb-jdbc)'",
        sql(PgRewrites.sessionValues(parse("SELECT pg_catalog.version()"), SETTINGS, 1)));
  }

  @Test
  void computedRegclassIsLookedUpWhenRun() throws Exception {
    assertEquals("SELECT pg_catalog.regclass_of(FORMAT('%I.%I', s, t)) FROM x",
        sql(PgRewrites.regclass(parse("SELECT CAST(FORMAT('%I.%I', s, t) AS REGCLASS) FROM x"),
            null)));
  }

  @Test
  void catalogTablesAreFoundWithoutTheirSchema() throws Exception {
    assertEquals("SELECT * FROM pg_catalog.pg_class AS c INNER JOIN pg_catalog.pg_namespace "
        + "AS n ON c.relnamespace = n.oid, t",
        sql(PgRewrites.catalogTables(parse("SELECT * FROM pg_class c JOIN \"pg_namespace\" n "
            + "ON c.relnamespace = n.oid, t"), name -> name.startsWith("pg_"))));
  }

  @Test
  void arrayConstantsComparedWithColumnsAreArrays() throws Exception {
    assertEquals("SELECT * FROM t WHERE conkey = ARRAY[1, 2] AND x = ARRAY['a'] AND '{}' = y "
        + "AND 'a' = 'b'",
        sql(PgRewrites.arrayConstants(parse("SELECT * FROM t WHERE conkey = '{1,2}' "
            + "AND x = '{a}' AND '{}' = y AND 'a' = 'b'"))));
  }

  @Test
  void dateTruncReadsAColumnNamedLikeAUnit() throws Exception {
    assertEquals("SELECT DATE_TRUNC('month', week) FROM t",
        sql(PgRewrites.dateTruncColumns(parse("SELECT date_trunc('month', week) FROM t"))));
  }

  @Test
  void nullsSortAsInPostgresql() throws Exception {
    assertEquals("SELECT ROW_NUMBER() OVER (ORDER BY b DESC NULLS FIRST) FROM t "
        + "ORDER BY a NULLS LAST, b DESC NULLS FIRST, c NULLS FIRST FETCH NEXT 3 ROWS ONLY",
        sql(PgRewrites.nullOrdering(parse("SELECT row_number() OVER (ORDER BY b DESC) FROM t "
            + "ORDER BY a, b DESC, c NULLS FIRST LIMIT 3"))));
    assertEquals("SELECT a FROM t FETCH NEXT 3 ROWS ONLY",
        sql(PgRewrites.nullOrdering(parse("SELECT a FROM t LIMIT 3"))));
  }
}
