package io.pxweb.server.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A statbank table's primary key (its dimension code columns, {@link CatalogData#primaryKey}) as
 * PostgreSQL's catalogs show a key: a constraint {@code <table>_pkey} in pg_constraint and the
 * unique btree index of the same name in pg_class and pg_index, with their definitions as
 * pg_get_constraintdef and pg_get_indexdef write them. Every statbank table has dimensions, so
 * every base table has a key; its columns are read only when a row needs them.
 */
final class PrimaryKeys {
  /** The index's and the constraint's OIDs are the table's, moved into ranges of their own. */
  private static final int INDEX_OFFSET = 2_000_000;
  private static final int CONSTRAINT_OFFSET = 1_000_000;
  /** pg_am's btree, the access method of every primary key index. */
  static final int BTREE = 403;

  private PrimaryKeys() {
  }

  static boolean hasKey(CatalogData.Relation r) {
    return r.kind() == 'r';
  }

  static int indexOid(CatalogData.Relation r) {
    return r.oid() + INDEX_OFFSET;
  }

  static int constraintOid(CatalogData.Relation r) {
    return r.oid() + CONSTRAINT_OFFSET;
  }

  static String name(CatalogData.Relation r) {
    return r.name() + "_pkey";
  }

  /** The relation whose key index has this OID, or null. */
  static CatalogData.Relation ofIndex(CatalogData data, Integer oid) throws SQLException {
    return oid == null ? null : keyed(data.relation(oid - INDEX_OFFSET));
  }

  /** The relation whose key constraint has this OID, or null. */
  static CatalogData.Relation ofConstraint(CatalogData data, Integer oid) throws SQLException {
    return oid == null ? null : keyed(data.relation(oid - CONSTRAINT_OFFSET));
  }

  private static CatalogData.Relation keyed(CatalogData.Relation r) {
    return r != null && hasKey(r) ? r : null;
  }

  /** The key's attribute numbers in key order (int2vector indkey, int2[] conkey). */
  static List<Short> attributeNumbers(CatalogData data, CatalogData.Relation r)
      throws SQLException {
    List<Short> numbers = new ArrayList<>();
    for (String column : data.primaryKey(r)) {
      for (CatalogData.Attribute a : data.attributes(r)) {
        if (a.name().equals(column)) {
          numbers.add((short) a.num());
        }
      }
    }
    return numbers;
  }

  /** {@code PRIMARY KEY ("REGION", "SEX")}, as pg_get_constraintdef writes it. */
  static String constraintDefinition(CatalogData data, CatalogData.Relation r)
      throws SQLException {
    return "PRIMARY KEY (" + columnList(data.primaryKey(r)) + ")";
  }

  /** {@code CREATE UNIQUE INDEX "T_pkey" ON s."T" USING btree ("A", "B")}, as pg_get_indexdef. */
  static String indexDefinition(CatalogData data, CatalogData.Relation r) throws SQLException {
    return "CREATE UNIQUE INDEX " + PgFunctions.quote_ident(name(r)) + " ON "
        + PgFunctions.quote_ident(r.namespace().name()) + "." + PgFunctions.quote_ident(r.name())
        + " USING btree (" + columnList(data.primaryKey(r)) + ")";
  }

  /** One key column of the index (1-based), as pg_get_indexdef(oid, column, pretty) gives it. */
  static String indexColumn(CatalogData data, CatalogData.Relation r, int column)
      throws SQLException {
    List<String> key = data.primaryKey(r);
    return column >= 1 && column <= key.size() ? PgFunctions.quote_ident(key.get(column - 1))
        : "";
  }

  private static String columnList(List<String> columns) {
    StringBuilder sb = new StringBuilder();
    for (String c : columns) {
      sb.append(sb.length() > 0 ? ", " : "").append(PgFunctions.quote_ident(c));
    }
    return sb.toString();
  }
}
