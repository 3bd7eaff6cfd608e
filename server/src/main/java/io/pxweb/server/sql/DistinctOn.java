package io.pxweb.server.sql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * PostgreSQL's {@code SELECT DISTINCT ON (a, b) ... ORDER BY a, b, c}: the first row of each
 * (a, b) group in the query's order. The driver has no such clause; the select keeps its items
 * and gets {@code QUALIFY ROW_NUMBER() OVER (PARTITION BY a, b ORDER BY a, b, c) = 1}, so its
 * column names and the outer ORDER BY stay as written. Without an ORDER BY, any row of a group
 * is right (PostgreSQL's is unpredictable too). Ordinals and output names in DISTINCT ON and
 * ORDER BY mean the select item, as in PostgreSQL. {@link LexicalForms#distinctOn} marks the
 * clause as a first select item, since the parser does not read it.
 */
final class DistinctOn {
  /** The function name the lexical step gives the DISTINCT ON list. */
  static final String MARKER = "pxweb_distinct_on";
  private static final SqlParserPos POS = SqlParserPos.ZERO;

  private DistinctOn() {
  }

  /** Every DISTINCT ON of the tree as a QUALIFY. */
  static SqlNode rewrite(SqlNode tree) {
    return tree.accept(new SqlShuttle() {
      @Override public SqlNode visit(SqlCall call) {
        if (call instanceof SqlOrderBy orderBy && orderBy.query instanceof SqlSelect select
            && marked(select)) {
          apply(select, orderBy.orderList);
        } else if (call instanceof SqlSelect select && marked(select)) {
          apply(select, select.getOrderList());
        }
        return super.visit(call);
      }
    });
  }

  private static boolean marked(SqlSelect select) {
    SqlNodeList items = select.getSelectList();
    return items != null && !items.isEmpty() && items.get(0) instanceof SqlCall first
        && first.getOperator().getName().equalsIgnoreCase(MARKER);
  }

  private static void apply(SqlSelect select, SqlNodeList order) {
    List<SqlNode> items = new ArrayList<>(select.getSelectList());
    SqlCall marker = (SqlCall) items.remove(0);
    select.setSelectList(new SqlNodeList(items, select.getSelectList().getParserPosition()));
    List<SqlNode> partition = new ArrayList<>();
    for (SqlNode e : marker.getOperandList()) {
      partition.add(resolve(e, items));
    }
    List<SqlNode> sort = new ArrayList<>();
    if (order != null) {
      for (SqlNode e : order) {
        sort.add(resolveSortKey(e, items));
      }
    }
    SqlWindow window = SqlWindow.create(null, null, new SqlNodeList(partition, POS),
        new SqlNodeList(sort, POS), SqlLiteral.createBoolean(false, POS), null, null, null,
        POS);
    SqlNode rowNumber = SqlStdOperatorTable.OVER.createCall(POS,
        SqlStdOperatorTable.ROW_NUMBER.createCall(POS), window);
    select.setQualify(SqlStdOperatorTable.EQUALS.createCall(POS, rowNumber,
        SqlLiteral.createExactNumeric("1", POS)));
  }

  /** A sort key with its direction and NULLS kept, its expression resolved. */
  private static SqlNode resolveSortKey(SqlNode key, List<SqlNode> items) {
    SqlKind kind = key.getKind();
    if (kind == SqlKind.DESCENDING || kind == SqlKind.NULLS_FIRST
        || kind == SqlKind.NULLS_LAST) {
      SqlCall call = (SqlCall) key;
      return call.getOperator().createCall(POS, resolveSortKey(call.operand(0), items));
    }
    return resolve(key, items);
  }

  /** A select item's expression for its ordinal or its output name; else the expression. */
  private static SqlNode resolve(SqlNode e, List<SqlNode> items) {
    if (e instanceof SqlLiteral lit && lit.getTypeName().getFamily()
        == SqlTypeFamily.NUMERIC) {
      BigDecimal n = lit.getValueAs(BigDecimal.class);
      int i = n.intValue();
      if (i >= 1 && i <= items.size()) {
        return expression(items.get(i - 1)).clone(POS);
      }
    }
    if (e instanceof SqlIdentifier id && id.isSimple()) {
      for (SqlNode item : items) {
        if (item.getKind() == SqlKind.AS
            && ((SqlCall) item).operand(1) instanceof SqlIdentifier alias
            && alias.getSimple().equalsIgnoreCase(id.getSimple())) {
          return expression(item).clone(POS);
        }
      }
    }
    return e.clone(POS);
  }

  private static SqlNode expression(SqlNode item) {
    return item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
  }
}
