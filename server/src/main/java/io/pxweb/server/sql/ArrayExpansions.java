package io.pxweb.server.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlRowTypeNameSpec;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * PostgreSQL's set-returning functions over an array in a select list: {@code unnest(a)},
 * {@code generate_subscripts(a, 1)} and {@code information_schema._pg_expandarray(a)} with its
 * composite's fields {@code .x} (the element) and {@code .n} (its position). PostgreSQL runs such
 * a select once per element of {@code a}; here {@code UNNEST(a) WITH ORDINALITY} is joined into
 * the select's FROM (a lateral join: it reads the row's array) and the calls read its two
 * columns. A bare {@code _pg_expandarray(a)} is the composite itself, a ROW with fields x and n,
 * so an outer query's {@code (keys).x} reads it. pgjdbc's getPrimaryKeys and getIndexInfo and
 * SQLAlchemy's key reflection send these.
 */
final class ArrayExpansions {
  private static final SqlParserPos POS = SqlParserPos.ZERO;
  private static final String ELEMENT = "x";
  private static final String POSITION = "n";

  private ArrayExpansions() {
  }

  /** The tree with each select's array functions read from a joined UNNEST. */
  static SqlNode rewrite(SqlNode tree) {
    int[] count = {0};
    return tree.accept(new SqlShuttle() {
      @Override public SqlNode visit(SqlCall call) {
        SqlNode visited = super.visit(call);
        return visited instanceof SqlSelect select ? expand(select, count) : visited;
      }
    });
  }

  private enum Form { UNNEST, SUBSCRIPTS, EXPAND }

  private static Form form(SqlCall call) {
    if (call.getKind() == SqlKind.UNNEST && call.operandCount() == 1) {
      return Form.UNNEST;
    }
    String name = PgRewrites.functionName(call);
    if (name.equals("unnest") && call.operandCount() == 1) {
      return Form.UNNEST;
    }
    if (name.equals("generate_subscripts") && call.operandCount() == 2) {
      return Form.SUBSCRIPTS;
    }
    if (name.equals("_pg_expandarray") && call.operandCount() == 1) {
      return Form.EXPAND;
    }
    return null;
  }

  private static SqlNode expand(SqlSelect select, int[] count) {
    Map<String, SqlNode> arrays = new LinkedHashMap<>();
    for (SqlNode item : select.getSelectList()) {
      collect(item, arrays);
    }
    if (arrays.size() != 1) {
      // None, or several arrays, which PostgreSQL expands side by side rather than crossed.
      return select;
    }
    SqlNode array = arrays.values().iterator().next();
    String alias = "pg_expansion" + count[0]++;
    List<SqlNode> items = new ArrayList<>();
    for (SqlNode item : select.getSelectList()) {
      SqlNode replaced = replace(item, alias);
      if (replaced != item && item instanceof SqlCall call && form(call) != null) {
        // Unaliased, PostgreSQL names the column after the function.
        replaced = SqlStdOperatorTable.AS.createCall(POS, replaced,
            new SqlIdentifier(PgRewrites.functionName(call), POS));
      }
      items.add(replaced);
    }
    select.setSelectList(new SqlNodeList(items, select.getSelectList().getParserPosition()));
    SqlNode unnest = SqlStdOperatorTable.AS.createCall(POS,
        SqlStdOperatorTable.UNNEST_WITH_ORDINALITY.createCall(POS, array),
        new SqlIdentifier(alias, POS), new SqlIdentifier(ELEMENT, POS),
        new SqlIdentifier(POSITION, POS));
    select.setFrom(select.getFrom() == null ? unnest : new SqlJoin(POS, select.getFrom(),
        SqlLiteral.createBoolean(false, POS), JoinType.CROSS.symbol(POS), unnest,
        JoinConditionType.NONE.symbol(POS), null));
    return select;
  }

  /** The array arguments of the select list's array functions, by their text. */
  private static void collect(SqlNode node, Map<String, SqlNode> arrays) {
    if (!(node instanceof SqlCall call) || node instanceof SqlSelect) {
      return;
    }
    if (form(call) != null) {
      arrays.putIfAbsent(call.operand(0).toString(), call.operand(0));
      return;
    }
    for (SqlNode operand : call.getOperandList()) {
      collect(operand, arrays);
    }
  }

  private static SqlNode replace(SqlNode node, String alias) {
    if (!(node instanceof SqlCall call) || node instanceof SqlSelect) {
      return node;
    }
    if (call.getKind() == SqlKind.DOT && call.operand(0) instanceof SqlCall inner
        && form(inner) == Form.EXPAND && call.operand(1) instanceof SqlIdentifier field) {
      return column(alias, field.getSimple().toLowerCase(Locale.ROOT));
    }
    Form form = form(call);
    if (form == Form.UNNEST) {
      return column(alias, ELEMENT);
    }
    if (form == Form.SUBSCRIPTS) {
      return column(alias, POSITION);
    }
    if (form == Form.EXPAND) {
      return composite(alias);
    }
    for (int i = 0; i < call.operandCount(); i++) {
      SqlNode operand = call.operand(i);
      SqlNode replaced = replace(operand, alias);
      if (replaced != operand) {
        call.setOperand(i, replaced);
      }
    }
    return call;
  }

  private static SqlIdentifier column(String alias, String name) {
    return new SqlIdentifier(List.of(alias, name), POS);
  }

  /** _pg_expandarray's composite: (x, n) with its fields named. */
  private static SqlNode composite(String alias) {
    SqlNode row = SqlStdOperatorTable.ROW.createCall(POS, column(alias, ELEMENT),
        column(alias, POSITION));
    SqlDataTypeSpec integer = new SqlDataTypeSpec(
        new SqlBasicTypeNameSpec(SqlTypeName.INTEGER, POS), POS);
    SqlDataTypeSpec type = new SqlDataTypeSpec(new SqlRowTypeNameSpec(POS,
        List.of(new SqlIdentifier(ELEMENT, POS), new SqlIdentifier(POSITION, POS)),
        List.of(integer, integer)), POS);
    return SqlStdOperatorTable.CAST.createCall(POS, row, type);
  }
}
