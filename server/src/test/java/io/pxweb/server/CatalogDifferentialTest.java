package io.pxweb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Catalog queries as clients send them, answered by executing them over the server's catalog
 * tables, compared with a real PostgreSQL holding a table of the same name, columns and primary
 * key (population."TAB001", its DDL read from the driver's metadata): pgjdbc's key, index and
 * foreign-key metadata, SQLAlchemy's key order (unnest/generate_subscripts), pgjdbc's
 * TypeInfoCache, Npgsql's type loading, the definition functions and set-returning functions.
 * Needs PXWEB_PG_URL (.ci/postgres.sh); skipped without it.
 */
class CatalogDifferentialTest {
  private static final String TABLE = "population.\"TAB001\"";
  private static PxWebServer server;
  private static Connection px;
  private static Connection pg;

  @BeforeAll
  static void start() throws Exception {
    pg = ServerFixture.postgresOrSkip();
    server = ServerFixture.start();
    px = ServerFixture.pg(server, "");
    StringBuilder ddl = new StringBuilder("CREATE TABLE " + TABLE + " (");
    List<String> key = new ArrayList<>();
    try (Connection direct = ServerFixture.direct()) {
      DatabaseMetaData md = direct.getMetaData();
      try (ResultSet rs = md.getColumns(null, "population", "TAB001", "%")) {
        while (rs.next()) {
          String type = rs.getInt("DATA_TYPE") == java.sql.Types.DATE ? "date"
              : rs.getInt("DATA_TYPE") == java.sql.Types.DECIMAL ? "numeric" : "text";
          ddl.append('"').append(rs.getString("COLUMN_NAME")).append("\" ").append(type)
              .append(rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls ? " NOT NULL" : "")
              .append(", ");
        }
      }
      try (ResultSet rs = md.getPrimaryKeys(null, "population", "TAB001")) {
        while (rs.next()) {
          key.add('"' + rs.getString("COLUMN_NAME") + '"');
        }
      }
    }
    assertEquals(4, key.size());
    try (Statement s = pg.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS population CASCADE");
      s.execute("CREATE SCHEMA population");
      s.execute(ddl + "PRIMARY KEY (" + String.join(", ", key) + "))");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    try (PxWebServer s = server; Connection a = px; Connection b = pg) {
      if (b != null) {
        try (Statement drop = b.createStatement()) {
          drop.execute("DROP SCHEMA IF EXISTS population CASCADE");
        }
      }
    }
  }

  /** Rows as normalised text, without the first {@code skip} columns. */
  private static List<List<String>> rows(ResultSet rs, int skip) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    for (List<String> row : ServerFixture.rows(rs)) {
      out.add(row.subList(skip, row.size()));
    }
    return out;
  }

  private static List<List<String>> query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rows(rs, 0);
    }
  }

  private static List<String> typeNames(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        names.add(rs.getMetaData().getColumnTypeName(i));
      }
      return names;
    }
  }

  private static void sameAnswer(String sql) throws SQLException {
    List<List<String>> expected = query(pg, sql);
    assertFalse(expected.isEmpty(), sql);
    assertEquals(expected, query(px, sql), sql);
  }

  @Test
  void pgjdbcKeysIndexesAndForeignKeysAsPostgresql() throws Exception {
    // The catalog (TABLE_CAT: the database's name) differs; every other column is compared.
    DatabaseMetaData a = pg.getMetaData();
    DatabaseMetaData b = px.getMetaData();
    List<List<String>> key = rows(a.getPrimaryKeys(null, "population", "TAB001"), 1);
    assertEquals(4, key.size());
    assertEquals(key, rows(b.getPrimaryKeys(null, "population", "TAB001"), 1));
    List<List<String>> index = rows(a.getIndexInfo(null, "population", "TAB001", false, true), 1);
    assertEquals(4, index.size());
    assertEquals(index, rows(b.getIndexInfo(null, "population", "TAB001", false, true), 1));
    assertEquals(List.of(), rows(b.getImportedKeys(null, "population", "TAB001"), 0));
    assertEquals(List.of(), rows(b.getExportedKeys(null, "population", "TAB001"), 0));
  }

  @Test
  void keysAndIndexesAsPostgresqlWhenTheNamesAreWrittenIntoTheQuery() throws Exception {
    // Simple query mode: pgjdbc writes schema and table names into the text (as psycopg2 does),
    // and the server lifts them out as parameters of a catalog query.
    try (Connection simple = ServerFixture.pg(server, "preferQueryMode=simple")) {
      DatabaseMetaData a = pg.getMetaData();
      DatabaseMetaData b = simple.getMetaData();
      assertEquals(rows(a.getPrimaryKeys(null, "population", "TAB001"), 1),
          rows(b.getPrimaryKeys(null, "population", "TAB001"), 1));
      assertEquals(rows(a.getIndexInfo(null, "population", "TAB001", false, true), 1),
          rows(b.getIndexInfo(null, "population", "TAB001", false, true), 1));
      // A table PostgreSQL does not have: no rows from either, through the same plan.
      assertEquals(List.of(), rows(a.getPrimaryKeys(null, "population", "NONE"), 0));
      assertEquals(List.of(), rows(b.getPrimaryKeys(null, "population", "NONE"), 0));
    }
  }

  @Test
  void keyDefinitionsAndSqlalchemysKeyOrder() throws Exception {
    sameAnswer("SELECT conname, contype, conkey, pg_get_constraintdef(c.oid), "
        + "pg_get_indexdef(c.conindid), pg_get_indexdef(c.conindid, 2, false) "
        + "FROM pg_constraint c WHERE conrelid = '" + TABLE + "'::regclass");
    sameAnswer("SELECT c2.relname, i.indisprimary, i.indisunique, i.indnatts, "
        + "pg_get_indexdef(i.indexrelid, 0, true), c2.relkind, am.amname "
        + "FROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i, pg_am am "
        + "WHERE c.oid = '" + TABLE + "'::regclass AND c.oid = i.indrelid "
        + "AND i.indexrelid = c2.oid AND c2.relam = am.oid");
    // The catalog's arrays as PostgreSQL types them: int2vector (1 2), smallint[] ({1,2}).
    String arrays = "SELECT i.indkey, indoption, c.conkey FROM pg_index i JOIN pg_constraint c "
        + "ON c.conindid = i.indexrelid WHERE i.indrelid = '" + TABLE + "'::regclass";
    sameAnswer(arrays);
    assertEquals(typeNames(pg, arrays), typeNames(px, arrays));
    // SQLAlchemy 1.4's get_pk_constraint, as it sends it.
    sameAnswer("SELECT a.attname FROM pg_attribute a JOIN (SELECT unnest(ix.indkey) attnum, "
        + "generate_subscripts(ix.indkey, 1) ord FROM pg_index ix WHERE ix.indrelid = '"
        + TABLE + "'::regclass AND ix.indisprimary) k ON a.attnum=k.attnum "
        + "WHERE a.attrelid = '" + TABLE + "'::regclass ORDER BY k.ord");
  }

  @Test
  void pgjdbcTypeInfoCacheAndNpgsqlTypeLoading() throws Exception {
    String ranked = " FROM pg_catalog.pg_type LEFT JOIN (select ns.oid as nspoid, ns.nspname, "
        + "r.r from pg_namespace as ns join ( select s.r, (current_schemas(false))[s.r] as "
        + "nspname from generate_series(1, array_upper(current_schemas(false), 1)) as s(r) ) "
        + "as r using ( nspname ) ) as sp ON sp.nspoid = typnamespace ";
    for (String oid : new String[] {"23", "1007", "1009", "1700", "1231"}) {
      sameAnswer("SELECT typinput='pg_catalog.array_in'::regproc as is_array, typtype, typname, "
          + "pg_type.oid" + ranked + "WHERE pg_type.oid = " + oid
          + " ORDER BY sp.r, pg_type.oid DESC LIMIT 1");
    }
    sameAnswer("SELECT pg_type.oid, typname" + ranked + "WHERE typname = '_numeric' "
        + "ORDER BY sp.r, pg_type.oid DESC LIMIT 1");
    // Npgsql: every type the server lists is listed so by PostgreSQL (which has many more).
    String npgsql = Files.readString(Path.of("src", "test", "resources",
        "npgsql-load-types.sql"), StandardCharsets.UTF_8);
    List<List<String>> all = query(pg, npgsql);
    List<List<String>> ours = query(px, npgsql);
    assertTrue(ours.size() >= 30, ours.toString());
    for (List<String> row : ours) {
      assertTrue(all.contains(row), row + " is not in PostgreSQL's answer");
    }
  }

  @Test
  void setReturningAndNameFunctions() throws Exception {
    sameAnswer("SELECT unnest(ARRAY[3, 4]) AS v, generate_subscripts(ARRAY[3, 4], 1) AS s");
    sameAnswer("SELECT n FROM generate_series(1, 10, 3) AS s(n)");
    sameAnswer("SELECT parse_ident('population.\"TAB001\"'), parse_ident('A . b'), "
        + "string_to_array('a,b,,c', ',')");
    sameAnswer("SELECT count(*) FROM pg_get_keywords()");
    sameAnswer("SELECT word, catcode, barelabel, catdesc, baredesc FROM pg_get_keywords() "
        + "WHERE word IN ('abort', 'between', 'rows', 'select', 'verbose') ORDER BY word");
  }
}
