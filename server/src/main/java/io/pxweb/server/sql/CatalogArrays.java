package io.pxweb.server.sql;

import io.pxweb.server.catalog.PgType;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/**
 * The PostgreSQL types of the catalog's array columns, which the driver holds as arrays and
 * would send as {@code text[]}: {@code pg_index.indkey} is an int2vector written {@code 1 2},
 * {@code pg_constraint.conkey} a {@code smallint[]}. Read from a select item that names such a
 * column of a FROM item (by its alias, or unqualified when one FROM item has it).
 */
final class CatalogArrays {
  private static final Map<String, Map<String, PgType>> COLUMNS = Map.of(
      "pg_index", Map.of("indkey", PgType.INT2VECTOR, "indoption", PgType.INT2VECTOR,
          "indclass", PgType.OIDVECTOR, "indcollation", PgType.OIDVECTOR),
      "pg_constraint", Map.of("conkey", PgType.INT2_ARRAY, "confkey", PgType.INT2_ARRAY));

  private CatalogArrays() {
  }

  /** The catalog tables among a FROM clause's items, by alias (or name) in lower case. */
  static Map<String, String> tables(SqlNode from) {
    Map<String, String> out = new HashMap<>();
    add(from, out);
    return out;
  }

  private static void add(SqlNode from, Map<String, String> out) {
    if (from instanceof SqlJoin join) {
      add(join.getLeft(), out);
      add(join.getRight(), out);
    } else if (from instanceof SqlIdentifier table) {
      String name = last(table);
      out.put(name, name);
    } else if (from != null && from.getKind() == SqlKind.AS
        && ((SqlCall) from).operand(0) instanceof SqlIdentifier table) {
      out.put(last((SqlIdentifier) ((SqlCall) from).operand(1)), last(table));
    }
  }

  private static String last(SqlIdentifier id) {
    return id.names.get(id.names.size() - 1).toLowerCase(Locale.ROOT);
  }

  /** The PostgreSQL type of a select item naming a catalog array column, else null. */
  static PgType type(SqlNode item, Map<String, String> tables) {
    if (!(item instanceof SqlIdentifier id) || id.isStar() || id.names.size() > 2) {
      return null;
    }
    String column = last(id);
    if (id.names.size() == 2) {
      String table = tables.get(id.names.get(0).toLowerCase(Locale.ROOT));
      return table == null ? null : COLUMNS.getOrDefault(table, Map.of()).get(column);
    }
    PgType found = null;
    for (String table : tables.values()) {
      Map<String, PgType> columns = COLUMNS.getOrDefault(table, Map.of());
      if (columns.containsKey(column)) {
        if (found != null) {
          return null;
        }
        found = columns.get(column);
      }
    }
    return found;
  }
}
