package io.pxweb.server.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

/** A catalog query's constants lifted as parameters: the same text for every table it asks about. */
class CatalogLiteralsTest {
  private static SqlNode parse(String sql) throws Exception {
    return SqlParser.create(sql, PgFrontEnd.PARSER).parseStmt();
  }

  private static String sql(SqlNode tree) {
    return PgFrontEnd.unparse(tree).replaceAll("\\s+", " ");
  }

  /** The primary key query as a client that writes the table's name into it sends it. */
  private static String keyQuery(String schema, String table) {
    return "SELECT a.attname, con.conname FROM pg_catalog.pg_constraint AS con "
        + "INNER JOIN pg_catalog.pg_class AS ct ON con.conrelid = ct.oid AND ct.relkind <> 'i' "
        + "INNER JOIN pg_catalog.pg_namespace AS n ON ct.relnamespace = n.oid "
        + "INNER JOIN pg_catalog.pg_attribute AS a ON a.attrelid = ct.oid "
        + "WHERE con.contype = 'p' AND n.nspname LIKE '" + schema + "' AND '" + table
        + "' = ct.relname ORDER BY a.attnum";
  }

  @Test
  void twoTablesQueriesAreOneTextWithTheirNamesAsValues() throws Exception {
    CatalogLiterals.Lifted one = CatalogLiterals.lift(parse(keyQuery("population", "TAB001")));
    CatalogLiterals.Lifted two = CatalogLiterals.lift(parse(keyQuery("economy", "TAB002")));
    assertEquals("SELECT a.attname, con.conname FROM pg_catalog.pg_constraint AS con "
        + "INNER JOIN pg_catalog.pg_class AS ct ON con.conrelid = ct.oid AND ct.relkind <> ? "
        + "INNER JOIN pg_catalog.pg_namespace AS n ON ct.relnamespace = n.oid "
        + "INNER JOIN pg_catalog.pg_attribute AS a ON a.attrelid = ct.oid "
        + "WHERE con.contype = ? AND n.nspname LIKE ? AND ? = ct.relname ORDER BY a.attnum",
        sql(one.tree()));
    assertEquals(sql(one.tree()), sql(two.tree()));
    // In the order of the ?s: the join's condition is written before the WHERE.
    assertEquals(List.of("i", "p", "population", "TAB001"), one.values());
    assertEquals(List.of("i", "p", "economy", "TAB002"), two.values());
  }

  @Test
  void selectItemsAndCaseStayAsWritten() throws Exception {
    // Calcite cannot convert a parameter in a CASE: only WHERE and ON conditions are lifted.
    CatalogLiterals.Lifted lifted = CatalogLiterals.lift(parse("SELECT CASE WHEN c.relkind = 'r' "
        + "THEN 'TABLE' ELSE 'VIEW' END AS t, 'statbank' AS cat FROM pg_catalog.pg_class c "
        + "WHERE c.relname = 'TAB001' AND CASE WHEN c.relkind = 'v' THEN TRUE END"));
    assertEquals("SELECT CASE WHEN c.relkind = 'r' THEN 'TABLE' ELSE 'VIEW' END AS t, "
        + "'statbank' AS cat FROM pg_catalog.pg_class AS c WHERE c.relname = ? "
        + "AND CASE WHEN c.relkind = 'v' THEN TRUE ELSE NULL END", sql(lifted.tree()));
    assertEquals(List.of("TAB001"), lifted.values());
  }

  @Test
  void subqueriesUnnestAndValuesOverCatalogTablesAreLifted() throws Exception {
    CatalogLiterals.Lifted lifted = CatalogLiterals.lift(parse("SELECT k.x FROM "
        + "(SELECT i.indkey FROM pg_catalog.pg_index i WHERE i.indisprimary) AS s "
        + "CROSS JOIN UNNEST(s.indkey) WITH ORDINALITY AS k (x, n) "
        + "CROSS JOIN (VALUES (1), (2)) AS v (n) WHERE s.indkey IS NOT NULL AND "
        + "k.x IN (SELECT a.attnum FROM information_schema.columns a WHERE a.name = 'X') "
        + "UNION SELECT 1 FROM pg_catalog.pg_am am WHERE am.amname = 'btree' ORDER BY 1"));
    assertEquals(List.of("X", "btree"), lifted.values());
    assertEquals(2, sql(lifted.tree()).chars().filter(c -> c == '?').count());
  }

  @Test
  void queriesReadingOtherTablesStayAsWritten() throws Exception {
    for (String sql : new String[] {
        // A statbank table's filters become requests: its constants stay constants.
        "SELECT * FROM population.TAB001 t WHERE t.SEX = '1'",
        "SELECT c.relname FROM pg_catalog.pg_class c, population.TAB001 t WHERE c.relname = 'x'",
        // A table function, a named subquery: left alone.
        "SELECT * FROM TABLE(generate_series(1, 3)) AS g (n) WHERE 'a' = 'a'",
        "WITH c AS (SELECT relname FROM pg_catalog.pg_class) SELECT * FROM c WHERE c.relname = 'x'",
        // No catalog table at all.
        "SELECT x.a FROM (VALUES ('a')) AS x (a) WHERE x.a = 'a'"}) {
      SqlNode tree = parse(sql);
      String before = sql(tree);
      CatalogLiterals.Lifted lifted = CatalogLiterals.lift(tree);
      assertSame(tree, lifted.tree(), sql);
      assertEquals(before, sql(lifted.tree()), sql);
      assertEquals(List.of(), lifted.values(), sql);
    }
  }

  @Test
  void constantsNotComparedWithAColumnStay() throws Exception {
    CatalogLiterals.Lifted lifted = CatalogLiterals.lift(parse("SELECT c.relname FROM "
        + "pg_catalog.pg_class c WHERE 'a' = 'b' AND c.relname = lower('X') "
        + "AND c.relkind IN ('r', 'v') AND c.relname LIKE 'T%' ESCAPE '!'"));
    assertEquals(List.of(), lifted.values());
  }

  @Test
  void anExpressionNestedThousandsDeepIsWalkedWithoutRecursion() throws Exception {
    CatalogLiterals.Lifted lifted = CatalogLiterals.lift(parse("SELECT c.relname FROM "
        + "pg_catalog.pg_class c WHERE c.relname = 'x' AND c.relnatts = 1"
        + "::int".repeat(10_000)));
    assertEquals(List.of("x"), lifted.values());
  }
}
