package io.pxweb.jdbc.surface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * A failed internal check of Calcite's planner (an AssertionError with a page of plan, as
 * ProjectAggregateMergeRule threw on COALESCE(SUM(x), 0)) reaches the user as XX000 and one
 * sentence, not as HY000 with the plan.
 */
class PlannerAssertionTest {
  @Test
  void aPlannerAssertionIsAnInternalErrorInOneSentence() {
    AssertionError planner = new AssertionError("Cannot add expression of different type to set:"
        + "\nset type is RecordType(VARCHAR SECTOR) NOT NULL\nset is rel#107:EnumerableProject");
    SQLException e = SqlErrors.classify(new RuntimeException("Error while executing SQL",
        planner), "Statement.executeQuery", null);
    assertEquals("XX000", e.getSQLState());
    assertTrue(e.getMessage().contains("Calcite's planner failed an internal check (Cannot add"
        + " expression of different type to set)"), e.getMessage());
    assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("rel#"), e.getMessage());
  }
}
