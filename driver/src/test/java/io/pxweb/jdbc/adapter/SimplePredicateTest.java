package io.pxweb.jdbc.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pxweb.jdbc.planning.PxWebTypeSystem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContexts;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutable;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.junit.jupiter.api.Test;

/**
 * {@link SimplePredicate} must keep exactly the values Calcite's compiled executor keeps: each
 * predicate is run both ways on codes, labels and dates, NULLs included.
 */
class SimplePredicateTest {
  private final RelDataTypeFactory types = new JavaTypeFactoryImpl(PxWebTypeSystem.INSTANCE);
  private final RexBuilder rex = new RexBuilder(types);
  private final RelDataType varchar = types.createSqlType(SqlTypeName.VARCHAR);
  private final RelDataType row = types.builder()
      .add("Region", varchar)
      .add("Region_label", types.createTypeWithNullability(varchar, true))
      .add("Region_date", types.createTypeWithNullability(
          types.createSqlType(SqlTypeName.DATE), true))
      .build();

  private RexNode code() {
    return rex.makeInputRef(row, 0);
  }

  private RexNode label() {
    return rex.makeInputRef(row, 1);
  }

  private RexNode date() {
    return rex.makeInputRef(row, 2);
  }

  private RexNode text(String s) {
    return rex.makeLiteral(s);
  }

  private RexNode day(String iso) {
    return rex.makeDateLiteral(new DateString(iso));
  }

  private RexNode call(org.apache.calcite.sql.SqlOperator op, RexNode... operands) {
    return rex.makeCall(op, operands);
  }

  /** Codes, labels and dates, with NULL labels and dates among them. */
  private static final Object[][] RECORDS = {
      {"0301", "Oslo", (int) java.time.LocalDate.parse("2020-01-01").toEpochDay()},
      {"0301", null, null},
      {"03", "Oslo - Oslove", (int) java.time.LocalDate.parse("2019-07-01").toEpochDay()},
      {"1103", "Stavanger", (int) java.time.LocalDate.parse("2021-01-01").toEpochDay()},
      {"", "", null},
      {"K", "kommune", (int) java.time.LocalDate.parse("1970-01-01").toEpochDay()},
      {"0301x", "Oslo", (int) java.time.LocalDate.parse("2020-01-02").toEpochDay()},
  };

  @Test void evaluatesLikeCalcitesCompiledExecutor() {
    List<RexNode> predicates = new ArrayList<>();
    org.apache.calcite.sql.SqlOperator[] comparisons = {SqlStdOperatorTable.EQUALS,
        SqlStdOperatorTable.NOT_EQUALS, SqlStdOperatorTable.LESS_THAN,
        SqlStdOperatorTable.LESS_THAN_OR_EQUAL, SqlStdOperatorTable.GREATER_THAN,
        SqlStdOperatorTable.GREATER_THAN_OR_EQUAL};
    for (org.apache.calcite.sql.SqlOperator op : comparisons) {
      predicates.add(call(op, code(), text("0301")));
      predicates.add(call(op, text("0301"), code()));
      predicates.add(call(op, label(), text("Oslo")));
      predicates.add(call(op, date(), day("2020-01-01")));
      predicates.add(call(op, day("2020-01-01"), date()));
      predicates.add(call(op, label(), rex.makeNullLiteral(varchar)));
    }
    predicates.add(rex.makeIn(code(), List.of(text("0301"), text("1103"), text("K"))));
    predicates.add(call(SqlStdOperatorTable.NOT,
        rex.makeIn(label(), List.of(text("Oslo"), text("")))));
    predicates.add(rex.makeBetween(code(), text("03"), text("1103")));
    predicates.add(rex.makeBetween(date(), day("2019-01-01"), day("2020-06-30")));
    predicates.add(call(SqlStdOperatorTable.AND, call(SqlStdOperatorTable.EQUALS, code(),
        text("0301")), call(SqlStdOperatorTable.EQUALS, label(), text("Oslo"))));
    predicates.add(call(SqlStdOperatorTable.OR, call(SqlStdOperatorTable.EQUALS, label(),
        text("Oslo")), call(SqlStdOperatorTable.GREATER_THAN, date(), day("2020-06-01"))));
    predicates.add(call(SqlStdOperatorTable.NOT, call(SqlStdOperatorTable.OR,
        call(SqlStdOperatorTable.EQUALS, label(), text("Stavanger")),
        call(SqlStdOperatorTable.LESS_THAN, date(), day("2020-01-01")))));
    predicates.add(call(SqlStdOperatorTable.IS_NULL, label()));
    predicates.add(call(SqlStdOperatorTable.IS_NOT_NULL, date()));
    predicates.add(call(SqlStdOperatorTable.OR, call(SqlStdOperatorTable.IS_NULL, date()),
        call(SqlStdOperatorTable.NOT_EQUALS, code(), text("0301"))));

    for (RexNode predicate : predicates) {
      RexNode expanded = RexUtil.expandSearch(rex, null, predicate);
      SimplePredicate simple = SimplePredicate.of(expanded, row);
      assertNotNull(simple, () -> "evaluated directly: " + expanded);
      Object[] record = new Object[3];
      RexExecutable compiled = RexExecutorImpl.getExecutable(rex, List.of(expanded), row);
      compiled.setDataContext(DataContexts.of(Map.of("inputRecord", record)));
      for (Object[] values : RECORDS) {
        System.arraycopy(values, 0, record, 0, 3);
        boolean expected = Boolean.TRUE.equals(compiled.execute()[0]);
        assertEquals(expected, simple.isTrue(record),
            () -> expanded + " on " + Arrays.toString(values));
      }
    }
  }

  @Test void leavesOtherShapesToCalcite() {
    RexNode like = call(SqlStdOperatorTable.LIKE, label(), text("Os%"));
    RexNode upper = call(SqlStdOperatorTable.EQUALS, call(SqlStdOperatorTable.UPPER, label()),
        text("OSLO"));
    RexNode cast = call(SqlStdOperatorTable.EQUALS, rex.makeCast(
        types.createSqlType(SqlTypeName.INTEGER), code()), rex.makeExactLiteral(
            java.math.BigDecimal.valueOf(301)));
    RexNode parameter = call(SqlStdOperatorTable.EQUALS, code(),
        rex.makeDynamicParam(varchar, 0));
    RexNode columns = call(SqlStdOperatorTable.EQUALS, code(), label());
    RexNode partly = call(SqlStdOperatorTable.AND, call(SqlStdOperatorTable.EQUALS, code(),
        text("0301")), like);
    for (RexNode predicate : List.of(like, upper, cast, parameter, columns, partly)) {
      assertNull(SimplePredicate.of(predicate, row), predicate::toString);
    }
  }
}
