package io.pxweb.server;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Catalog queries whose PostgreSQL-only constructs Calcite cannot express (composite fields of
 * {@code information_schema._pg_expandarray}), recognised by their shape and answered from the
 * catalog directly: pgjdbc's getPrimaryKeys and getImportedKeys/getExportedKeys.
 */
final class KnownQueries {
  private static final Pattern SCHEMA = Pattern.compile(
      "n\\.nspname\\s*=\\s*E?'((?:[^']|'')*)'");
  private static final Pattern TABLE = Pattern.compile("ct\\.relname\\s*=\\s*E?'((?:[^']|'')*)'");

  private KnownQueries() {
  }

  /** The answer to a recognised query, or null. */
  static Rows answer(String sql, CatalogData data) throws SQLException {
    if (!sql.contains("_pg_expandarray")) {
      return null;
    }
    if ((sql.contains("i.indisprimary") || sql.contains("contype = 'p'"))
        && sql.contains("KEY_SEQ") && sql.contains("PK_NAME")) {
      return primaryKeys(sql, data);
    }
    if (sql.contains("FKTABLE_NAME")) {
      return new Rows.Listed(columns("PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME",
          "PKCOLUMN_NAME", "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME",
          "KEY_SEQ:int2", "UPDATE_RULE:int2", "DELETE_RULE:int2", "FK_NAME", "PK_NAME",
          "DEFERRABILITY:int2"), List.of());
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
