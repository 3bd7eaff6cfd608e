package io.pxweb.server.sql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;

/**
 * The text constants a query over catalog tables only compares columns with ({@code
 * c.relname = 'TAB001'}, {@code n.nspname LIKE 'population'}), lifted out as parameters. A
 * client that writes the table's name into its catalog query (psycopg2 and SQLAlchemy's
 * inspector, pgjdbc in simple query mode, psql) then sends the driver the same text for every
 * table, and the driver's plan cache plans it once per session instead of once per table: half
 * a second to seconds of Calcite's planning each. The values are bound as text when the query
 * runs; the catalog tables read them as they read a prepared statement's parameters. Nothing is
 * matched in the text: any query whose tables are all in pg_catalog or information_schema is
 * lifted, and nothing else.
 */
final class CatalogLiterals {
  /** The comparisons whose text operand is lifted when the other operand is a column. */
  private static final Set<SqlKind> COMPARISONS = Set.of(SqlKind.EQUALS, SqlKind.NOT_EQUALS,
      SqlKind.LIKE);
  private static final Set<String> CATALOG_SCHEMAS = Set.of("pg_catalog", "information_schema");
  private static final Set<SqlKind> QUERIES = Set.of(SqlKind.SELECT, SqlKind.ORDER_BY,
      SqlKind.UNION, SqlKind.INTERSECT, SqlKind.EXCEPT);

  /** A tree with its constants lifted, and their values in the order of the {@code ?}s. */
  record Lifted(SqlNode tree, List<String> values) {
  }

  private CatalogLiterals() {
  }

  /** The tree with its constants lifted; as it was (no values) unless it reads catalog only. */
  static Lifted lift(SqlNode tree) {
    if (!QUERIES.contains(tree.getKind()) || !catalogOnly(tree)) {
      return new Lifted(tree, List.of());
    }
    // A walk in the order the text is written out (FROM, its joins' left and right and then
    // their ON, then WHERE), so the n-th value lifted is the n-th ? of the text. It lifts in
    // WHERE and ON conditions only: Calcite cannot convert a parameter in some other places (a
    // CASE of a select item). With a stack of its own, not recursion: an expression may be
    // nested thousands deep (a chain of casts).
    List<String> values = new ArrayList<>();
    Deque<SqlNode> pending = new ArrayDeque<>();
    pending.push(tree);
    while (!pending.isEmpty()) {
      if (!(pending.pop() instanceof SqlCall call) || call.getKind() == SqlKind.CASE) {
        continue;
      }
      List<SqlNode> next;
      if (call instanceof SqlSelect select) {
        next = Arrays.asList(select.getFrom(), select.getWhere());
      } else if (call instanceof SqlJoin join) {
        next = Arrays.asList(join.getLeft(), join.getRight(), join.getCondition());
      } else if (call.getKind() == SqlKind.AS || call.getKind() == SqlKind.ORDER_BY) {
        // A FROM item without its alias; ORDER BY's query, its order and limit as written.
        next = List.of(call.operand(0));
      } else if (!lifted(call, values)) {
        next = call.getOperandList();
      } else {
        continue;
      }
      for (int i = next.size() - 1; i >= 0; i--) {
        if (next.get(i) != null) {
          pending.push(next.get(i));
        }
      }
    }
    return new Lifted(tree, values);
  }

  /** Lifts a comparison's text operand when the other is a column; whether it did. */
  private static boolean lifted(SqlCall call, List<String> values) {
    if (COMPARISONS.contains(call.getKind()) && call.operandCount() == 2) {
      for (int i = 0; i < 2; i++) {
        if (call.operand(i) instanceof SqlCharStringLiteral text
            && call.operand(1 - i) instanceof SqlIdentifier) {
          values.add(text.getValueAs(String.class));
          call.setOperand(i, new SqlDynamicParam(values.size() - 1, text.getParserPosition()));
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether every table the query reads is a catalog table (at least one): not a statbank
   * table, whose filters the driver turns into requests, nor a table function.
   */
  static boolean catalogOnly(SqlNode tree) {
    boolean[] catalog = {false};
    boolean[] other = {false};
    Deque<SqlNode> pending = new ArrayDeque<>();
    pending.push(tree);
    while (!pending.isEmpty()) {
      SqlNode node = pending.pop();
      if (node instanceof SqlSelect select && select.getFrom() != null) {
        from(select.getFrom(), catalog, other);
      }
      List<SqlNode> next = node instanceof SqlCall call ? call.getOperandList()
          : node instanceof SqlNodeList list ? list.getList() : List.of();
      for (SqlNode n : next) {
        if (n != null) {
          pending.push(n);
        }
      }
    }
    return catalog[0] && !other[0];
  }

  private static void from(SqlNode from, boolean[] catalog, boolean[] other) {
    if (from instanceof SqlJoin join) {
      from(join.getLeft(), catalog, other);
      from(join.getRight(), catalog, other);
    } else if (from instanceof SqlIdentifier table) {
      if (table.names.size() == 2
          && CATALOG_SCHEMAS.contains(table.names.get(0).toLowerCase(Locale.ROOT))) {
        catalog[0] = true;
      } else {
        other[0] = true;
      }
    } else if (from.getKind() == SqlKind.AS) {
      from(((SqlCall) from).operand(0), catalog, other);
    } else if (!(from instanceof SqlSelect) && !QUERIES.contains(from.getKind())
        && from.getKind() != SqlKind.VALUES && from.getKind() != SqlKind.UNNEST
        && from.getKind() != SqlKind.LATERAL) {
      // A table function, a WITH, anything else: left as written.
      other[0] = true;
    }
  }
}
