package io.pxweb.server.sql;

import io.pxweb.server.catalog.CatalogData;
import io.pxweb.server.catalog.PgType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Catalog queries whose PostgreSQL-only constructs Calcite cannot express (composite fields of
 * {@code information_schema._pg_expandarray}), recognised by their shape and answered from the
 * catalog directly: pgjdbc's getPrimaryKeys, getImportedKeys/getExportedKeys, getIndexInfo and the
 * type lookups of its TypeInfoCache.
 */
final class KnownQueries {
  private static final Pattern SCHEMA = Pattern.compile(
      "n\\.nspname\\s*=\\s*E?'((?:[^']|'')*)'");
  private static final Pattern TABLE = Pattern.compile("ct\\.relname\\s*=\\s*E?'((?:[^']|'')*)'");

  private static final Pattern UNNEST_PRIMARY_KEY = Pattern.compile("(?is)\\bunnest\\s*\\(\\s*ix"
      + "\\.indkey\\s*\\).*generate_subscripts\\s*\\(\\s*ix\\.indkey.*\\bix\\.indrelid\\s*=\\s*'?(\\d+)"
      + "'?.*\\bix\\.indisprimary\\b");

  private KnownQueries() {
  }

  /** The answer to a recognised query, or null. */
  static Rows answer(String sql, CatalogData data) throws SQLException {
    if (sql.contains("\"INDEX_QUALIFIER\"") && sql.contains("pg_catalog.pg_index")) {
      // pgjdbc's getIndexInfo: statbank tables have no indexes.
      return new Rows.Listed(columns("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "NON_UNIQUE",
          "INDEX_QUALIFIER", "INDEX_NAME", "TYPE:int2", "ORDINAL_POSITION:int2", "COLUMN_NAME",
          "ASC_OR_DESC", "CARDINALITY:int2", "PAGES:int2", "FILTER_CONDITION"), List.of());
    }
    if (sql.contains("\"FKTABLE_NAME\"") && sql.contains("pg_catalog.pg_constraint")) {
      // pgjdbc's getImportedKeys/getExportedKeys/getCrossReference: statbanks declare none.
      return new Rows.Listed(columns("PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME",
          "PKCOLUMN_NAME", "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME",
          "KEY_SEQ:int2", "UPDATE_RULE:int2", "DELETE_RULE:int2", "FK_NAME", "PK_NAME",
          "DEFERRABILITY:int2"), List.of());
    }
    Rows foreignKeys = EmptyAnswer.forForeignKeys(sql);
    if (foreignKeys != null) {
      return foreignKeys;
    }
    if (sql.contains("typinput='pg_catalog.array_in'::regproc")) {
      return typeInfo(sql);
    }
    Matcher unnestKey = UNNEST_PRIMARY_KEY.matcher(sql);
    if (unnestKey.find()) {
      // SQLAlchemy's get_pk_constraint: unnest(ix.indkey) with generate_subscripts for the
      // order, which Calcite cannot express; the key columns in key order.
      CatalogData.Relation r = data.relation(Integer.parseInt(unnestKey.group(1)));
      List<Object[]> rows = new ArrayList<>();
      for (String column : r == null ? List.<String>of() : data.primaryKey(r)) {
        rows.add(new Object[] {column});
      }
      return new Rows.Listed(List.of(new Rows.Column("attname", PgType.NAME, -1)), rows);
    }
    if (!sql.contains("_pg_expandarray")) {
      return null;
    }
    if ((sql.contains("i.indisprimary") || sql.contains("contype = 'p'"))
        && sql.contains("KEY_SEQ") && sql.contains("PK_NAME")) {
      return primaryKeys(sql, data);
    }
    return null;
  }

  private static Rows primaryKeys(String sql, CatalogData data) throws SQLException {
    String schema = value(SCHEMA, sql);
    String table = value(TABLE, sql);
    List<Object[]> rows = new ArrayList<>();
    for (CatalogData.Relation r : data.relations()) {
      if (schema != null && !r.namespace().name().equals(schema)
          || table != null && !r.name().equals(table)) {
        continue;
      }
      List<String> key = data.primaryKey(r);
      for (int i = 0; i < key.size(); i++) {
        rows.add(new Object[] {null, r.namespace().name(), r.name(), key.get(i), i + 1,
            r.name() + "_pkey"});
      }
    }
    return new Rows.Listed(columns("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME",
        "KEY_SEQ:int2", "PK_NAME"), rows);
  }

  /**
   * pgjdbc's TypeInfoCache query (its current_schemas/generate_series join ranks types by
   * search path): every type the server sends is a base type in pg_catalog.
   */
  private static Rows typeInfo(String sql) {
    Matcher oid = Pattern.compile("pg_type\\.oid\\s*=\\s*'?(\\d+)").matcher(sql);
    Matcher name = Pattern.compile("typname\\s*=\\s*E?'((?:[^']|'')*)'").matcher(sql);
    Integer wantOid = oid.find() ? Integer.valueOf(oid.group(1)) : null;
    String wantName = name.find() ? name.group(1) : null;
    List<Object[]> rows = new ArrayList<>();
    for (PgType t : PgType.values()) {
      if ((wantOid == null || t.oid == wantOid) && (wantName == null || t.name.equals(wantName))) {
        rows.add(new Object[] {false, "b", t.name, t.oid});
      }
    }
    return new Rows.Listed(List.of(new Rows.Column("is_array", PgType.BOOL, -1),
        new Rows.Column("typtype", PgType.CHAR, -1), new Rows.Column("typname", PgType.NAME, -1),
        new Rows.Column("oid", PgType.OID, -1)), rows);
  }

  private static String value(Pattern p, String sql) {
    Matcher m = p.matcher(sql);
    return m.find() ? m.group(1).replace("''", "'").replace("\\\\", "\\") : null;
  }

  private static List<Rows.Column> columns(String... specs) {
    List<Rows.Column> out = new ArrayList<>();
    for (String spec : specs) {
      int colon = spec.indexOf(':');
      out.add(colon < 0 ? new Rows.Column(spec, PgType.TEXT, -1)
          : new Rows.Column(spec.substring(0, colon), PgType.INT2, -1));
    }
    return out;
  }
}
