package io.pxweb.server.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
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
    // The outer cast is of the whole sum; b is cast once (it moved onto b twice before).
    assertEquals("SELECT CAST(a + CAST(b AS INTEGER) AS INTEGER), "
        + "CAST(CAST(a - CAST(b AS INTEGER) AS INTEGER) AS BIGINT) FROM t",
        casts("SELECT (a + b::int)::int, ((a - b::int)::int)::bigint FROM t"));
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
    assertEquals("SELECT pg_catalog.date_trunc('month', \"week\") FROM t",
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

  @Test
  void distinctOnIsTheFirstRowOfEachGroup() throws Exception {
    // Ordinals and output names mean the select items; the window sorts as the query does.
    assertEquals("SELECT s, t AS y FROM x QUALIFY (ROW_NUMBER() OVER (PARTITION BY s ORDER BY s, "
        + "t DESC)) = 1 ORDER BY s, y DESC",
        sql(DistinctOn.rewrite(parse("SELECT DISTINCT ON (1) s, t AS y FROM x ORDER BY s, y DESC"))));
    assertEquals("SELECT a, b FROM t QUALIFY (ROW_NUMBER() OVER (PARTITION BY a, f(b))) = 1",
        sql(DistinctOn.rewrite(parse("select distinct on (a, f(b)) a, b from t"))));
    // A DISTINCT ON in a subquery, and an ORDER BY held by the select itself.
    assertEquals("SELECT * FROM (SELECT a, b FROM t QUALIFY (ROW_NUMBER() OVER (PARTITION BY a "
        + "ORDER BY a, b)) = 1 ORDER BY a, b) AS s",
        sql(DistinctOn.rewrite(parse(
            "select * from (select distinct on (a) a, b from t order by a, b) s"))));
  }

  @Test
  void generateSeriesInFromIsItsValues() throws Exception {
    assertEquals("SELECT * FROM (VALUES ROW(1), ROW(4), ROW(7), ROW(10)) AS \"t\" (\"n\")",
        sql(GenerateSeries.rewrite(parse("select * from generate_series(1, 10, 3) as t(n)"))));
    assertEquals("SELECT \"generate_series\" FROM (VALUES ROW(-1), ROW(0)) "
        + "AS \"generate_series\" (\"generate_series\")",
        sql(GenerateSeries.rewrite(parse("select \"generate_series\" from generate_series(-1, 0)"))));
    // Grafana's and Metabase's gap filling: months joined to a table.
    String text = "select d::date from generate_series('2020-01-01'::date, "
        + "'2020-03-01'::date, interval '1 month') d left join x on x.t = d::date";
    String months = sql(GenerateSeries.rewrite(PgRewrites.castPrecedence(parse(text),
        LexicalForms.normalise(text).text())));
    assertEquals("SELECT CAST(d AS DATE) FROM (VALUES ROW(TIMESTAMP '2020-01-01 00:00:00'), "
        + "ROW(TIMESTAMP '2020-02-01 00:00:00'), ROW(TIMESTAMP '2020-03-01 00:00:00')) AS \"d\" "
        + "(\"d\") LEFT JOIN x ON x.t = CAST(d AS DATE)", months);
    assertEquals("SELECT * FROM (SELECT CAST(NULL AS INTEGER) FROM (VALUES ROW(0)) AS e (x) "
        + "WHERE 1 = 0) AS \"g\" (\"g\")",
        sql(GenerateSeries.rewrite(parse("select * from generate_series(3, 1) g"))));
    assertEquals("54000", assertThrows(SQLException.class,
        () -> GenerateSeries.rewrite(parse("select * from generate_series(1, 10001)")))
        .getSQLState());
    // Not constants: left as the call, for the catalog's integer table function at run time.
    assertEquals("SELECT * FROM TABLE(generate_series(1, (SELECT 2)))",
        sql(GenerateSeries.rewrite(parse("select * from generate_series(1, (select 2))"))));
  }

  @Test
  void aDatePlusAnIntervalIsATimestampInTheSelectList() throws Exception {
    assertEquals("SELECT CAST(d AS TIMESTAMP) - INTERVAL '1' DAY AS x, "
        + "CAST(CURRENT_DATE AS TIMESTAMP) + INTERVAL '2' HOUR FROM t "
        + "WHERE d >= CURRENT_DATE - INTERVAL '1' YEAR",
        sql(PgRewrites.intervalArithmetic(parse("SELECT d - INTERVAL '1 day' AS x, "
            + "current_date + interval '2 hours' FROM t "
            + "WHERE d >= current_date - interval '1 year'"))));
    // Grouped: the select item must stay the grouped expression.
    assertEquals("SELECT d - INTERVAL '1' DAY FROM t GROUP BY d - INTERVAL '1' DAY",
        sql(PgRewrites.intervalArithmetic(parse(
            "SELECT d - INTERVAL '1' DAY FROM t GROUP BY d - INTERVAL '1' DAY"))));
  }
}
