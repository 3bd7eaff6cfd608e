package io.pxweb.server.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

/** The rewrites catalog queries need, each on its own: PostgreSQL text in, the driver's SQL out. */
class CatalogRewritesTest {
  private static SqlNode parse(String sql) throws Exception {
    LexicalForms.Normalised n = LexicalForms.normalise(sql);
    SqlNode tree = SqlParser.create(n.text(), PgFrontEnd.PARSER).parseStmt();
    return PgRewrites.castPrecedence(tree, n.text());
  }

  private static String sql(SqlNode tree) {
    return PgFrontEnd.unparse(tree).replaceAll("\\s+", " ");
  }

  @Test
  void pgExpandarrayFieldsReadAJoinedUnnestWithOrdinality() throws Exception {
    assertEquals("SELECT a.attname, pg_expansion0.n AS KEY_SEQ, CAST(ROW(pg_expansion0.x, "
        + "pg_expansion0.n) AS ROW(x INTEGER, n INTEGER)) AS KEYS "
        + "FROM pg_catalog.pg_index AS i CROSS JOIN UNNEST(i.indkey) WITH ORDINALITY "
        + "AS pg_expansion0 (x, n) WHERE i.indisprimary",
        sql(ArrayExpansions.rewrite(parse("SELECT a.attname, "
            + "(information_schema._pg_expandarray(i.indkey)).n AS KEY_SEQ, "
            + "information_schema._pg_expandarray(i.indkey) AS KEYS "
            + "FROM pg_catalog.pg_index i WHERE i.indisprimary"))));
  }

  @Test
  void unnestAndGenerateSubscriptsOfOneArrayShareTheirUnnest() throws Exception {
    // SQLAlchemy 1.4's get_pk_constraint.
    assertEquals("SELECT pg_expansion0.x AS attnum, pg_expansion0.n AS ord FROM pg_index AS ix "
        + "CROSS JOIN UNNEST(ix.indkey) WITH ORDINALITY AS pg_expansion0 (x, n) "
        + "WHERE ix.indrelid = 5",
        sql(ArrayExpansions.rewrite(parse("SELECT unnest(ix.indkey) attnum, "
            + "generate_subscripts(ix.indkey, 1) ord FROM pg_index ix WHERE ix.indrelid = 5"))));
    // Unaliased, the column keeps the function's name; without FROM the unnest is the FROM.
    assertEquals("SELECT pg_expansion0.x AS unnest FROM UNNEST(ARRAY[3, 4]) WITH ORDINALITY "
        + "AS pg_expansion0 (x, n)",
        sql(ArrayExpansions.rewrite(parse("SELECT unnest(ARRAY[3, 4])"))));
  }

  @Test
  void functionsOfTwoArraysStayAsWritten() throws Exception {
    String sql = "SELECT unnest(a.x), unnest(a.y) FROM a";
    assertEquals(sql(parse(sql)), sql(ArrayExpansions.rewrite(parse(sql))));
  }

  @Test
  void aValueTheCatalogNeverHoldsIsAFalseCondition() throws Exception {
    // pgjdbc's getImportedKeys: only primary keys are declared, so contype = 'f' is false.
    assertEquals("SELECT con.conname FROM pg_catalog.pg_class AS pkc, pg_catalog.pg_constraint "
        + "AS con WHERE 1 = 0 AND con.conrelid = pkc.oid AND pkc.relname = 'T'",
        sql(CatalogFacts.rewrite(parse("SELECT con.conname FROM pg_catalog.pg_class pkc, "
            + "pg_catalog.pg_constraint con WHERE con.contype = 'f' AND con.conrelid = pkc.oid "
            + "AND pkc.relname = 'T'"))));
    // Metabase's describe-fks casts the constant.
    assertEquals("SELECT c.conname FROM pg_catalog.pg_constraint AS \"c\" WHERE x AND 1 = 0",
        sql(CatalogFacts.rewrite(parse("SELECT c.conname FROM pg_catalog.pg_constraint AS c "
            + "WHERE x AND (c.contype = 'f'::char)"))));
    String primary = "SELECT con.conname FROM pg_catalog.pg_constraint AS con "
        + "WHERE con.contype = 'p'";
    assertEquals(primary, sql(CatalogFacts.rewrite(parse(primary))));
  }

  @Test
  void regprocLiteralsAreTheFunctionsOids() throws Exception {
    assertEquals("SELECT typinput = 750, typreceive = 2406 FROM pg_type",
        sql(ProcedureNames.rewrite(parse("SELECT typinput='pg_catalog.array_in'::regproc, "
            + "typreceive = 'int4recv'::regproc FROM pg_type"))));
    java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(
        java.sql.SQLException.class,
        () -> ProcedureNames.rewrite(parse("SELECT 'nosuch'::regproc")));
    assertEquals("42883", e.getSQLState());
  }
}
