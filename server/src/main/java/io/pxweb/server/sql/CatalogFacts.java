package io.pxweb.server.sql;

import io.pxweb.server.catalog.PgCatalogSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * A WHERE condition that compares a catalog column with a value the catalog never holds
 * ({@code con.contype = 'f'}: statbanks declare primary keys only, {@link
 * PgCatalogSchema#onlyValues}) is false, and is written so: the planner then prunes the query's
 * joins at once. pgjdbc's getImportedKeys joins nine catalog tables around
 * {@code contype = 'f'}; planned as written it takes a minute on a loaded machine, with the
 * condition false about two seconds. The answer (no rows) is the same.
 */
final class CatalogFacts {
  private CatalogFacts() {
  }

  static SqlNode rewrite(SqlNode tree) {
    return tree.accept(new SqlShuttle() {
      @Override public SqlNode visit(SqlCall call) {
        SqlNode visited = super.visit(call);
        if (visited instanceof SqlSelect select && select.getWhere() != null) {
          Map<String, String> tables = new HashMap<>();
          aliases(select.getFrom(), tables);
          if (!tables.isEmpty()) {
            select.setWhere(conjuncts(select.getWhere(), tables));
          }
        }
        return visited;
      }
    });
  }

  /** The catalog tables of a FROM clause by the name the query reads them by. */
  private static void aliases(SqlNode from, Map<String, String> tables) {
    if (from instanceof SqlJoin join) {
      aliases(join.getLeft(), tables);
      aliases(join.getRight(), tables);
    } else if (from instanceof SqlCall as && as.getKind() == SqlKind.AS
        && as.operand(0) instanceof SqlIdentifier table) {
      String name = catalogTable(table);
      if (name != null) {
        tables.put(((SqlIdentifier) as.operand(1)).getSimple().toLowerCase(Locale.ROOT), name);
      }
    } else if (from instanceof SqlIdentifier table) {
      String name = catalogTable(table);
      if (name != null) {
        tables.put(name, name);
      }
    }
  }

  private static String catalogTable(SqlIdentifier id) {
    List<String> names = id.names;
    return names.size() == 2 && names.get(0).equalsIgnoreCase("pg_catalog")
        ? names.get(1).toLowerCase(Locale.ROOT) : null;
  }

  /** A constant without its casts ({@code 'f'::char}, as Metabase writes it). */
  private static SqlNode uncast(SqlNode node) {
    while (node instanceof SqlCall cast && cast.getKind() == SqlKind.CAST) {
      node = cast.operand(0);
    }
    return node;
  }

  /** The condition with each impossible top-level conjunct replaced by FALSE. */
  private static SqlNode conjuncts(SqlNode where, Map<String, String> tables) {
    if (where instanceof SqlCall and && and.getKind() == SqlKind.AND) {
      for (int i = 0; i < and.operandCount(); i++) {
        and.setOperand(i, conjuncts(and.operand(i), tables));
      }
      return and;
    }
    if (where instanceof SqlCall eq && eq.getKind() == SqlKind.EQUALS
        && eq.operand(0) instanceof SqlIdentifier column && column.names.size() == 2
        && uncast(eq.operand(1)) instanceof SqlCharStringLiteral value) {
      String table = tables.get(column.names.get(0).toLowerCase(Locale.ROOT));
      Set<String> only = table == null ? null
          : PgCatalogSchema.onlyValues(table, column.names.get(1).toLowerCase(Locale.ROOT));
      if (only != null && !only.contains(value.getValueAs(String.class))) {
        return SqlStdOperatorTable.EQUALS.createCall(SqlParserPos.ZERO,
            SqlLiteral.createExactNumeric("1", SqlParserPos.ZERO),
            SqlLiteral.createExactNumeric("0", SqlParserPos.ZERO));
      }
    }
    return where;
  }
}
