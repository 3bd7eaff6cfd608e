package io.pxweb.jdbc.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContexts;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** The shapes the scans read from WHERE conditions, built as Calcite delivers them. */
class PredicateReaderTest {
  private final JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();
  private final RexBuilder rex = new RexBuilder(types);
  private final RelDataType row = types.builder()
      .add("a", SqlTypeName.VARCHAR, 20)
      .add("b", SqlTypeName.INTEGER)
      .build();

  private RexNode a() {
    return rex.makeInputRef(row, 0);
  }

  private RexNode b() {
    return rex.makeInputRef(row, 1);
  }

  private RexNode text(String s) {
    return rex.makeLiteral(s);
  }

  private RexNode number(int n) {
    return rex.makeExactLiteral(java.math.BigDecimal.valueOf(n));
  }

  @Test
  void aComparisonReadsWithTheColumnOnTheLeft() {
    PredicateReader.Comparison c = PredicateReader.comparison(
        rex.makeCall(SqlStdOperatorTable.LESS_THAN, number(5), b()), false);
    assertEquals(SqlKind.GREATER_THAN, c.kind());
    assertEquals(1, c.column());
    assertEquals(5, c.literal().getValueAs(Integer.class));
    assertNull(PredicateReader.comparison(
        rex.makeCall(SqlStdOperatorTable.EQUALS, a(), b()), false), "no constant");
    assertNull(PredicateReader.comparison(
        rex.makeCall(SqlStdOperatorTable.EQUALS, rex.makeCall(SqlStdOperatorTable.UPPER, a()),
            text("X")), true), "a function of the column is no column");
  }

  @Test
  void likeReadsOnlyWithTheColumnFirst() {
    PredicateReader.Comparison c = PredicateReader.comparison(
        rex.makeCall(SqlStdOperatorTable.LIKE, a(), text("03%")), false);
    assertEquals(SqlKind.LIKE, c.kind());
    assertEquals("03%", c.literal().getValueAs(String.class));
    assertNull(PredicateReader.comparison(
        rex.makeCall(SqlStdOperatorTable.LIKE, text("0301"), a()), false));
  }

  @Test
  void castsAreLookedThroughOnlyWhenAsked() {
    RexNode castColumn = rex.makeCast(types.createSqlType(SqlTypeName.VARCHAR), b());
    RexNode node = rex.makeCall(SqlStdOperatorTable.EQUALS, castColumn, text("7"));
    assertNull(PredicateReader.comparison(node, false));
    assertEquals(1, PredicateReader.comparison(node, true).column());
  }

  @Test
  void anInListIsAnOrOfEqualitiesOnOneColumn() {
    RexNode in = PredicateReader.expandSearch(rex,
        rex.makeIn(a(), List.of(text("x"), text("y"))));
    List<PredicateReader.Comparison> any =
        PredicateReader.anyOf(in, SqlKind.EQUALS, 0, false);
    assertEquals(List.of("x", "y"),
        any.stream().map(c -> c.literal().getValueAs(String.class)).sorted().toList());
    assertNull(PredicateReader.anyOf(in, SqlKind.EQUALS, 1, false), "another column");
    RexNode mixed = rex.makeCall(SqlStdOperatorTable.OR,
        rex.makeCall(SqlStdOperatorTable.EQUALS, a(), text("x")),
        rex.makeCall(SqlStdOperatorTable.EQUALS, b(), number(1)));
    assertNull(PredicateReader.anyOf(mixed, SqlKind.EQUALS, 0, false));
  }

  @Test
  void parametersAreConstantsReadFromTheContext() {
    RexNode param = rex.makeDynamicParam(types.createSqlType(SqlTypeName.VARCHAR), 0);
    RexNode node = rex.makeCall(SqlStdOperatorTable.EQUALS, a(), param);
    PredicateReader.Comparison c = PredicateReader.comparison(node, false);
    assertNull(c.literal());
    assertEquals("0301", c.value(DataContexts.of(Map.of("?0", "0301"))));
    assertTrue(PredicateReader.hasParameter(rex.makeCall(SqlStdOperatorTable.AND, node,
        rex.makeCall(SqlStdOperatorTable.EQUALS, b(), number(1)))));
    assertFalse(PredicateReader.hasParameter(
        rex.makeCall(SqlStdOperatorTable.EQUALS, b(), number(1))));
  }

  @Test
  void readsTellsWhetherAnyConditionTouchesAColumn() {
    List<RexNode> filters = List.of(rex.makeCall(SqlStdOperatorTable.IS_NULL, b()));
    assertTrue(PredicateReader.reads(filters, 1));
    assertFalse(PredicateReader.reads(filters, 0));
  }
}
