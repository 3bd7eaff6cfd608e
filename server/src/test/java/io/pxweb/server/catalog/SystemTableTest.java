package io.pxweb.server.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.junit.jupiter.api.Test;

/** A catalog table's scan: the column = value filters it applies itself leave Calcite's list. */
class SystemTableTest {
  private final JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();
  private final RexBuilder rex = new RexBuilder(types);
  private final SystemTable table = new SystemTable("oid oid, relname name, relkind char",
      equal -> List.of(new Object[] {1, "a", "r"}, new Object[] {2, "b", "r"},
          new Object[] {3, null, "i"}, new Object[] {2, "c", "i"}));

  private RexNode column(int i) {
    RelDataType row = table.getRowType(types);
    return rex.makeInputRef(row.getFieldList().get(i).getType(), i);
  }

  private List<String> names(List<RexNode> filters) {
    List<String> out = new ArrayList<>();
    for (Object[] row : table.scan(null, filters)) {
      out.add(row[0] + ":" + row[1]);
    }
    return out;
  }

  @Test
  void equalitiesOnColumnsAreAppliedAndLeaveTheList() {
    List<RexNode> filters = new ArrayList<>(List.of(rex.makeCall(SqlStdOperatorTable.AND,
        rex.makeCall(SqlStdOperatorTable.EQUALS, column(0), rex.makeExactLiteral(
            BigDecimal.valueOf(2))),
        rex.makeCall(SqlStdOperatorTable.EQUALS, rex.makeLiteral("i"), column(2)))));
    assertEquals(List.of("2:c"), names(filters));
    assertEquals(List.of(), filters);
  }

  @Test
  void otherFiltersStayForCalciteAndNarrowNothing() {
    RexNode like = rex.makeCall(SqlStdOperatorTable.LIKE, column(1), rex.makeLiteral("%"));
    List<RexNode> filters = new ArrayList<>(List.of(rex.makeCall(SqlStdOperatorTable.AND,
        rex.makeCall(SqlStdOperatorTable.EQUALS, column(2), rex.makeLiteral("r")), like)));
    // The conjunction is left whole (a filter may only leave the list, not change), so all rows.
    assertEquals(4, names(filters).size());
    assertEquals(1, filters.size());
  }
}
