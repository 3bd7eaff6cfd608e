package io.pxweb.server.sql;

import java.util.ArrayList;
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
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;

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
    List<String> values = new ArrayList<>();
    query(tree, values);
    return new Lifted(tree, values);
  }

  // The walk below visits the conditions in the order they are written out, so the n-th value
  // lifted is the n-th ? of the text. It lifts in WHERE and ON conditions only: Calcite cannot
  // convert a parameter in some other places (a CASE of a select item).

  private static void query(SqlNode query, List<String> values) {
    if (query instanceof SqlSelect select) {
      if (select.getFrom() != null) {
        from(select.getFrom(), values);
      }
      if (select.getWhere() != null) {
        condition(select.getWhere(), values);
      }
    } else if (query instanceof SqlCall call && QUERIES.contains(call.getKind())) {
      // ORDER BY's query, or each query of a UNION: the order and limit stay as written.
      List<SqlNode> queries = call.getKind() == SqlKind.ORDER_BY
          ? List.of(call.operand(0)) : call.getOperandList();
      for (SqlNode operand : queries) {
        query(operand, values);
      }
    }
  }

  private static void from(SqlNode from, List<String> values) {
    if (from instanceof SqlJoin join) {
      from(join.getLeft(), values);
      from(join.getRight(), values);
      if (join.getCondition() != null) {
        condition(join.getCondition(), values);
      }
    } else if (from.getKind() == SqlKind.AS) {
      from(((SqlCall) from).operand(0), values);
    } else {
      query(from, values);
    }
  }

  private static void condition(SqlNode condition, List<String> values) {
    if (!(condition instanceof SqlCall call) || call.getKind() == SqlKind.CASE) {
      return;
    }
    if (call instanceof SqlSelect || QUERIES.contains(call.getKind())) {
      query(call, values);
      return;
    }
    if (COMPARISONS.contains(call.getKind()) && call.operandCount() == 2) {
      for (int i = 0; i < 2; i++) {
        if (call.operand(i) instanceof SqlCharStringLiteral text
            && call.operand(1 - i) instanceof SqlIdentifier) {
          values.add(text.getValueAs(String.class));
          call.setOperand(i, new SqlDynamicParam(values.size() - 1, text.getParserPosition()));
          return;
        }
      }
    }
    for (SqlNode operand : call.getOperandList()) {
      if (operand != null) {
        condition(operand, values);
      }
    }
  }

  /**
   * Whether every table the query reads is a catalog table (at least one): not a statbank
   * table, whose filters the driver turns into requests, nor a table function.
   */
  static boolean catalogOnly(SqlNode tree) {
    boolean[] catalog = {false};
    boolean[] other = {false};
    tree.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select && select.getFrom() != null) {
          from(select.getFrom(), catalog, other);
        }
        return super.visit(call);
      }
    });
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
