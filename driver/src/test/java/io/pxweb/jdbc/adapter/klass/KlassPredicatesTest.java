package io.pxweb.jdbc.adapter.klass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.junit.jupiter.api.Test;

/** The translation of WHERE conditions into Klass parameters, without HTTP. */
class KlassPredicatesTest {
  private final JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();
  private final RexBuilder rex = new RexBuilder(types);
  private final RelDataType codeRow = KlassRows.codeHistoryType(types);
  private final RelDataType classificationRow = KlassRows.classificationsType(types);
  private final KlassTable codes = new CodesTable(null, "131");
  private final KlassTable classifications = new ClassificationsTable(null);

  private RexNode code() {
    return rex.makeInputRef(codeRow, KlassRows.CODE);
  }

  private RexNode level() {
    return rex.makeInputRef(codeRow, KlassRows.LEVEL);
  }

  private RexNode name() {
    return rex.makeInputRef(codeRow, 3);
  }

  private RexNode text(String s) {
    return rex.makeLiteral(s);
  }

  private RexNode eq(RexNode a, RexNode b) {
    return rex.makeCall(SqlStdOperatorTable.EQUALS, a, b);
  }

  private RexNode like(RexNode a, String pattern) {
    return rex.makeCall(SqlStdOperatorTable.LIKE, a, text(pattern));
  }

  private KlassPredicates.Result translate(KlassTable table, RexNode... conjuncts) {
    return KlassPredicates.translate(table, KlassPush.NONE,
        rex.makeCall(SqlStdOperatorTable.AND, conjuncts), rex);
  }

  @Test
  void inListBecomesACommaList() {
    KlassPredicates.Result r = translate(codes,
        rex.makeIn(code(), List.of(text("0301"), text("1103"))),
        rex.makeLiteral(true));
    assertEquals(List.of("0301", "1103"), r.push().codes());
    assertEquals("0301,1103", r.push().selectCodes());
    assertTrue(r.residual().isEmpty(), r.residual().toString());
  }

  @Test
  void prefixLikeBecomesAWildcardAndOrsCombine() {
    KlassPredicates.Result r = translate(codes,
        rex.makeCall(SqlStdOperatorTable.OR, like(code(), "30%"), eq(text("0301"), code())),
        eq(level(), rex.makeExactLiteral(BigDecimal.ONE)));
    assertEquals("30*,0301", r.push().selectCodes());
    assertEquals(1, r.push().level());
    assertTrue(r.residual().isEmpty());
  }

  @Test
  void whatKlassCannotSelectStays() {
    for (RexNode node : List.of(like(code(), "%01"), like(code(), "3_01"),
        eq(code(), text("30-01")), eq(code(), text("A,B")), eq(code(), text("3*")),
        rex.makeCall(SqlStdOperatorTable.GREATER_THAN, code(), text("3000")),
        rex.makeCall(SqlStdOperatorTable.OR, eq(code(), text("0101")), eq(name(), text("Moss"))),
        eq(level(), rex.makeExactLiteral(new BigDecimal("1.5"))))) {
      KlassPredicates.Result r = translate(codes, node, rex.makeLiteral(true));
      assertFalse(r.pushedAnything(), node.toString());
      assertEquals(1, r.residual().size(), node.toString());
    }
  }

  @Test
  void onlyTheFirstConditionOnAColumnIsPushed() {
    KlassPredicates.Result r = translate(codes, like(code(), "30%"), eq(code(), text("3001")));
    assertEquals("30*", r.push().selectCodes());
    assertEquals(1, r.residual().size());
  }

  @Test
  void searchIsPushedOnClassificationsOnly() {
    RexNode search = eq(rex.makeInputRef(classificationRow, KlassRows.SEARCH),
        text("kommuner"));
    assertEquals("kommuner", translate(classifications, search, rex.makeLiteral(true))
        .push().search());
    // Column 4 of a code table is short_name: nothing to search there.
    assertFalse(translate(codes, eq(rex.makeInputRef(codeRow, 4), text("x")),
        rex.makeLiteral(true)).pushedAnything());
  }

  @Test
  void selectableCodesAreThoseKlassReadsLiterally() {
    assertTrue(KlassPredicates.selectable("0301"));
    assertTrue(KlassPredicates.selectable("04.1"));
    assertTrue(KlassPredicates.selectable("A_"));
    assertFalse(KlassPredicates.selectable(""));
    assertFalse(KlassPredicates.selectable("01-03"));
    assertFalse(KlassPredicates.selectable("1 2"));
    assertNull(KlassPredicates.codePatterns(eq(name(), text("Oslo")), KlassRows.CODE));
  }

  @Test
  void theScanAppliesWhatWasPushedItself() {
    KlassPush push = KlassPush.NONE.withCodes(List.of("30*", "0301")).withLevel(1);
    assertTrue(push.accepts("3001", 1));
    assertTrue(push.accepts("0301", 1));
    assertFalse(push.accepts("0301", 2));
    assertFalse(push.accepts("03011", 1));
    assertFalse(push.accepts("1103", 1));
    assertTrue(KlassPush.NONE.accepts("anything", null));
  }
}
