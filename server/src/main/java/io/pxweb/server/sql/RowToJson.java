package io.pxweb.server.sql;

import io.pxweb.server.catalog.CatalogData;
import io.pxweb.server.catalog.PgFunctions;
import io.pxweb.server.catalog.PgType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * PostgreSQL's {@code row_to_json(t)} of a whole row, {@code t} a FROM item's alias (Malloy wraps
 * every result as {@code SELECT row_to_json(finalStage) as row FROM __stage0 AS finalStage}): the
 * JSON object of t's columns, in order, each value as PostgreSQL writes it (numbers bare, text
 * quoted and escaped, dates as "2015-01-01", null). The driver has no row values, so the call
 * becomes the object's text put together from t's columns: {@code '{"a":' ||
 * pg_catalog.pxweb_json(t."a") || ',"b":' || ... || '}'}. t's columns are read from the tree
 * (a subquery's or WITH query's select list) or, for a table, from the catalog; a row whose
 * columns cannot be named (an unnamed expression) is left as written.
 */
final class RowToJson {
  private static final SqlParserPos POS = SqlParserPos.ZERO;
  private static final SqlFunction JSON_VALUE = new SqlUnresolvedFunction(
      new SqlIdentifier(List.of("pg_catalog", "pxweb_json"), POS), null, null, null, null,
      SqlFunctionCategory.USER_DEFINED_FUNCTION);
  private static final SqlFunction JSON_TIMESTAMPTZ = new SqlUnresolvedFunction(
      new SqlIdentifier(List.of("pg_catalog", "pxweb_json_timestamptz"), POS), null, null, null,
      null, SqlFunctionCategory.USER_DEFINED_FUNCTION);

  /** A column of the row: its name, and whether it is a timestamptz (written with its offset). */
  private record Field(String name, boolean timestamptz) {
  }

  private final CatalogData catalog;
  /** The WITH queries' columns by their lower-cased names. */
  private final Map<String, List<Field>> withQueries = new HashMap<>();

  private final SqlNode sessionZone;

  private RowToJson(CatalogData catalog, String sessionZone) {
    this.catalog = catalog;
    this.sessionZone = SqlLiteral.createCharString(sessionZone, POS);
  }

  /** Every {@code row_to_json(alias)} of the tree as the text of its JSON object. */
  static SqlNode rewrite(SqlNode tree, CatalogData catalog, String sessionZone)
      throws SQLException {
    if (!mentions(tree)) {
      return tree;
    }
    RowToJson r = new RowToJson(catalog, sessionZone);
    SQLException[] failure = new SQLException[1];
    SqlNode out = tree.accept(new SqlShuttle() {
      @Override public SqlNode visit(SqlCall call) {
        try {
          if (call instanceof SqlWith with && mentions(with.body)) {
            for (SqlNode item : with.withList) {
              SqlWithItem w = (SqlWithItem) item;
              List<Field> names = w.columnList != null ? identifiers(w.columnList)
                  : r.columns(w.query);
              if (names != null) {
                r.withQueries.put(w.name.getSimple().toLowerCase(Locale.ROOT), names);
              }
            }
          } else if (call instanceof SqlSelect select) {
            r.apply(select);
          }
        } catch (SQLException e) {
          failure[0] = e;
        }
        return super.visit(call);
      }
    });
    if (failure[0] != null) {
      throw failure[0];
    }
    return out;
  }

  /** Whether the tree calls row_to_json: only then are FROM items' columns looked up. */
  private static boolean mentions(SqlNode tree) {
    boolean[] found = {false};
    tree.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        found[0] |= isRowToJson(call);
        return super.visit(call);
      }
    });
    return found[0];
  }

  private static boolean isRowToJson(SqlCall call) {
    return call.getOperator() instanceof SqlFunction && call.operandCount() == 1
        && PgRewrites.functionName(call).equals("row_to_json");
  }

  /** The select's own row_to_json(alias) items, replaced. */
  private void apply(SqlSelect select) throws SQLException {
    SqlNodeList items = select.getSelectList();
    if (!mentions(items)) {
      return;
    }
    Map<String, List<Field>> rows = new HashMap<>();
    fromItems(select.getFrom(), rows);
    for (int i = 0; i < items.size(); i++) {
      SqlNode item = items.get(i);
      SqlCall as = item.getKind() == SqlKind.AS ? (SqlCall) item : null;
      SqlNode value = as == null ? item : as.operand(0);
      SqlNode json = value instanceof SqlBasicCall call ? object(call, rows, sessionZone) : null;
      if (json == null) {
        continue;
      }
      if (as != null) {
        as.setOperand(0, json);
      } else {
        // The column keeps PostgreSQL's name.
        items.set(i, SqlStdOperatorTable.AS.createCall(POS, json,
            new SqlIdentifier("row_to_json", POS)));
      }
    }
  }

  /** The JSON object's text for row_to_json(alias), or null when the call is no such one. */
  private static SqlNode object(SqlBasicCall call, Map<String, List<Field>> rows,
      SqlNode sessionZone) {
    if (!isRowToJson(call) || !(call.operand(0) instanceof SqlIdentifier alias) || !alias.isSimple()) {
      return null;
    }
    List<Field> columns = rows.get(alias.getSimple().toLowerCase(Locale.ROOT));
    if (columns == null) {
      return null;
    }
    SqlNode out = null;
    for (Field column : columns) {
      String key = (out == null ? "{" : ",") + PgFunctions.pxweb_json(column.name()) + ":";
      out = concat(out, SqlLiteral.createCharString(key, POS));
      // The column's name quoted, as its name may be a keyword (TIME).
      SqlIdentifier value = new SqlIdentifier(List.of(alias.getSimple(), column.name()), null,
          POS, List.of(alias.getComponentParserPosition(0), SqlParserPos.QUOTED_ZERO));
      out = concat(out, column.timestamptz()
          ? JSON_TIMESTAMPTZ.createCall(POS, value, sessionZone)
          : JSON_VALUE.createCall(POS, value));
    }
    return concat(out, SqlLiteral.createCharString(columns.isEmpty() ? "{}" : "}", POS));
  }

  private static SqlNode concat(SqlNode left, SqlNode right) {
    return left == null ? right : SqlStdOperatorTable.CONCAT.createCall(POS, left, right);
  }

  /** Each FROM item's alias (lower case) with its columns, where they can be named. */
  private void fromItems(SqlNode from, Map<String, List<Field>> rows) throws SQLException {
    if (from instanceof SqlJoin join) {
      fromItems(join.getLeft(), rows);
      fromItems(join.getRight(), rows);
    } else if (from instanceof SqlIdentifier table) {
      put(rows, table.names.get(table.names.size() - 1), tableColumns(table));
    } else if (from != null && from.getKind() == SqlKind.AS) {
      SqlCall as = (SqlCall) from;
      List<SqlNode> operands = as.getOperandList();
      SqlNode source = operands.get(0);
      List<Field> columns = operands.size() > 2
          ? identifiers(operands.subList(2, operands.size()))
          : source instanceof SqlIdentifier table ? tableColumns(table) : columns(source);
      put(rows, ((SqlIdentifier) operands.get(1)).getSimple(), columns);
    }
  }

  private static void put(Map<String, List<Field>> rows, String alias, List<Field> columns) {
    if (columns != null) {
      rows.put(alias.toLowerCase(Locale.ROOT), columns);
    }
  }

  /** A WITH query's or a table's columns, or null when neither is known. */
  private List<Field> tableColumns(SqlIdentifier table) throws SQLException {
    if (table.isSimple()) {
      List<Field> with = withQueries.get(table.getSimple().toLowerCase(Locale.ROOT));
      if (with != null) {
        return with;
      }
    }
    StringBuilder name = new StringBuilder();
    for (String part : table.names) {
      name.append(name.length() > 0 ? "." : "").append('"').append(part.replace("\"", "\"\""))
          .append('"');
    }
    Integer oid = catalog == null ? null : catalog.relationOid(name.toString());
    CatalogData.Relation relation = oid == null ? null : catalog.relation(oid);
    if (relation == null) {
      return null;
    }
    List<Field> columns = new ArrayList<>();
    for (CatalogData.Attribute a : catalog.attributes(relation)) {
      columns.add(new Field(a.name(), a.type() == PgType.TIMESTAMPTZ));
    }
    return columns;
  }

  /** A query's column names as PostgreSQL names them, or null when one has no usable name. */
  private List<Field> columns(SqlNode query) throws SQLException {
    if (query instanceof SqlOrderBy order) {
      return columns(order.query);
    }
    if (query instanceof SqlWith with) {
      return columns(with.body);
    }
    if (query instanceof SqlBasicCall set && (set.getKind() == SqlKind.UNION
        || set.getKind() == SqlKind.INTERSECT || set.getKind() == SqlKind.EXCEPT)) {
      return columns(set.operand(0));
    }
    if (!(query instanceof SqlSelect select)) {
      return null;
    }
    List<Field> out = new ArrayList<>();
    for (SqlNode item : select.getSelectList()) {
      SqlNode value = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
      if (SqlUtil.isNullLiteral(value, false)) {
        return null; // a NULL of no type: no pxweb_json to pick
      }
      boolean timestamptz = ResultShape.typeOf(value) == PgType.TIMESTAMPTZ;
      if (item.getKind() == SqlKind.AS) {
        out.add(new Field(((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple(),
            timestamptz));
      } else if (item instanceof SqlIdentifier id && id.isStar()) {
        // SELECT * of one FROM item: its columns.
        Map<String, List<Field>> rows = new HashMap<>();
        fromItems(select.getFrom(), rows);
        if (rows.size() != 1 || select.getFrom() instanceof SqlJoin) {
          return null;
        }
        out.addAll(rows.values().iterator().next());
      } else if (item instanceof SqlIdentifier id) {
        out.add(new Field(id.names.get(id.names.size() - 1), false));
      } else {
        String name = ResultShape.name(item);
        if (name == null || name.equals("?column?")) {
          return null;
        }
        out.add(new Field(name, timestamptz));
      }
    }
    return out;
  }

  private static List<Field> identifiers(List<SqlNode> nodes) {
    List<Field> out = new ArrayList<>();
    for (SqlNode n : nodes) {
      out.add(new Field(((SqlIdentifier) n).getSimple(), false));
    }
    return out;
  }
}
