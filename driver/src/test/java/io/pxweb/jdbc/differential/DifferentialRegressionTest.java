package io.pxweb.jdbc.differential;

import static org.junit.jupiter.api.Assertions.assertNull;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The differences the campaign found in the driver's own planning, one test each, run the same
 * way: against H2's rows and the metadata's bound on what may be fetched.
 */
class DifferentialRegressionTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  private static Differential differential;

  @BeforeAll
  static void start() throws Exception {
    differential = new Differential(server, "regression");
  }

  @AfterAll
  static void stop() throws Exception {
    differential.close();
  }

  private static void assertAgrees(String sql, GeneratedQuery.Fetch... fetches) {
    GeneratedQuery q = new GeneratedQuery(sql, sql, GeneratedQuery.Order.UNORDERED, 0,
        List.of(fetches), List.of());
    assertNull(differential.check(q), sql);
  }

  /**
   * Two scans of one table with the same selection but other columns had the same digest, and
   * the planner took one for the other: the right side of this self-join was filtered on the
   * wrong variable and every row came back with NULLs.
   */
  @Test
  void selfJoinScansWithOtherColumnsAreNotMerged() {
    assertAgrees("SELECT t0.\"AnstForm\", t1.\"Tid_label\" FROM \"TAB2936\" t0"
        + " LEFT JOIN \"TAB2936\" t1 ON t0.\"Tid\" = t1.\"Tid\" AND t1.\"Tid_label\" = '2025M11'");
    assertAgrees("SELECT t0.\"AnstForm_label\", t1.\"Kon\" FROM \"TAB2936\" t0"
        + " JOIN \"TAB2936\" t1 ON t0.\"Tid\" = t1.\"Tid\" WHERE t1.\"Kon_label\" = 'men'");
  }

  /** COUNT(*) without WHERE fetched the whole table. */
  @Test
  void countWithoutWhereFetchesNothing() {
    assertAgrees("SELECT COUNT(*) FROM \"TAB001\" t0", new GeneratedQuery.Fetch("TAB001", 0));
    assertAgrees("SELECT COUNT(*) FROM \"TAB004\" UNION ALL SELECT COUNT(*) FROM \"05810\"",
        new GeneratedQuery.Fetch("TAB004", 0), new GeneratedQuery.Fetch("05810", 0));
  }

  /** The latest period by a MIN/MAX subquery fetched every period. */
  @Test
  void minMaxSubqueriesFetchOnlyTheirValue() {
    assertAgrees("SELECT t0.\"Alder\", t0.\"Personer\" FROM \"05810\" t0"
        + " WHERE t0.\"Tid\" = (SELECT MAX(t1.\"Tid\") FROM \"05810\" t1)",
        new GeneratedQuery.Fetch("05810", 3 * 7), new GeneratedQuery.Fetch("05810", 0));
    assertAgrees("SELECT t0.\"Yrke\", t0.\"Sykefraversprosent\" FROM \"12909\" t0"
        + " WHERE t0.\"LandBakgr\" = (SELECT MIN(t1.\"LandBakgr\") FROM \"12909\" t1)",
        new GeneratedQuery.Fetch("12909", 2), new GeneratedQuery.Fetch("12909", 0));
  }

  /**
   * A pushed NOT IN (or a code's {@code <>}) next to a measure or status predicate was planned
   * but not chosen: the planner's selectivity guesses outweighed the cells it saves.
   */
  @Test
  void pushedPredicatesWinOverGuessedSelectivity() {
    assertAgrees("SELECT t0.\"Emission\" FROM \"TAB004\" t0"
        + " WHERE t0.\"TIME\" NOT IN ('2012', '2013') AND t0.\"Emission\" > 5",
        new GeneratedQuery.Fetch("TAB004", 14 * 11 * 26));
    assertAgrees("SELECT EXTRACT(YEAR FROM t0.\"TIME_date\") FROM \"TAB004\" t0"
        + " WHERE t0.\"TIME\" <> '2012' AND t0.\"Emission_status\" <> '..'",
        new GeneratedQuery.Fetch("TAB004", 14 * 11 * 27));
  }

  /**
   * Measure columns were DECIMAL at the type system's maximum precision, so comparing one with
   * a literal of more decimals cut the literal: {@code WasteHazard >= 0.5} was
   * {@code WasteHazard >= 0} and {@code > -0.1} was {@code > 0}.
   */
  @Test
  void decimalLiteralsWithMoreDecimalsThanTheColumnKeepThem() {
    assertAgrees("SELECT t0.\"WasteHazard\", CASE WHEN t0.\"WasteHazard\" > -0.1 THEN 'high'"
        + " ELSE 'low' END FROM \"TAB003\" t0 WHERE t0.\"TIME\" = '2010'",
        new GeneratedQuery.Fetch("TAB003", 9 * 34));
    assertAgrees("SELECT t0.\"TIME\", t0.\"WASTE_CAT\" FROM \"TAB003\" t0"
        + " WHERE COALESCE(t0.\"WasteHazard\", 0) >= 0.5 AND t0.\"TREATMENT_CAT\" = '20'",
        new GeneratedQuery.Fetch("TAB003", 34 * 4));
  }

  /**
   * A predicate on the other side of a semi-join on codes was not carried over: the campaign's
   * {@code t0.TIME IN (SELECT t1.Tid ... WHERE t1.Tid = '2023U29')} fetched all of t0.
   */
  @Test
  void predicatesCrossEquiJoinsToTheOtherScan() {
    assertAgrees("SELECT t0.\"Emission\" FROM \"TAB004\" t0 WHERE t0.\"TIME\" IN"
        + " (SELECT t1.\"TIME\" FROM \"TAB001\" t1 WHERE t1.\"TIME\" = '2001')",
        new GeneratedQuery.Fetch("TAB004", 14 * 11), new GeneratedQuery.Fetch("TAB001", 0));
    assertAgrees("SELECT t0.\"Emission\", t1.HNMGA FROM \"TAB004\" t0 JOIN \"TAB001\" t1"
        + " ON t0.\"TIME\" = t1.\"TIME\" WHERE t1.\"TIME\" = '2001' AND t1.REGION = 'NO'"
        + " AND t1.SEX = 'F' AND t1.AGE = 'TOTAL'",
        new GeneratedQuery.Fetch("TAB004", 14 * 11), new GeneratedQuery.Fetch("TAB001", 1));
  }

  /**
   * A SUM had the maximum precision, so comparing it with a literal of more decimals cut the
   * literal: {@code HAVING SUM(x) > -0.5} ran as {@code > 0} and dropped the groups summing to 0
   * (campaign seed 7141342121992).
   */
  @Test
  void sumsCompareWithFractionalLiterals() {
    assertAgrees("SELECT t0.\"TREATMENT_CAT\", t0.\"WasteHazard_status\","
        + " MAX(t0.\"WasteNonHazard\"), SUM(t0.\"WasteHazard\") FROM \"TAB003\" t0"
        + " WHERE t0.\"WASTE_CAT\" > '06.2' GROUP BY t0.\"TREATMENT_CAT\","
        + " t0.\"WasteHazard_status\" HAVING SUM(t0.\"WasteHazard\") > -0.5",
        new GeneratedQuery.Fetch("TAB003", 1800));
    assertAgrees("SELECT t0.\"WASTE_CAT\", t0.\"TIME\", COUNT(*) FROM \"TAB003\" t0"
        + " WHERE t0.\"TIME\" >= '2016' GROUP BY t0.\"WASTE_CAT\", t0.\"TIME\""
        + " HAVING SUM(t0.\"WasteHazard\") > -0.2", new GeneratedQuery.Fetch("TAB003", 306));
  }

  /**
   * A product of two whole-number measures had the maximum precision, so comparing it with a
   * literal of more decimals cut the literal: {@code a * b > -0.5} ran as {@code > 0} and
   * dropped the rows whose product is 0.
   */
  @Test
  void productsCompareWithFractionalLiterals() {
    assertAgrees("SELECT t0.\"WASTE_CAT\", t0.\"TREATMENT_CAT\" FROM \"TAB003\" t0"
        + " WHERE t0.\"TIME\" >= '2016'"
        + " AND t0.\"WasteHazard\" * t0.\"WasteNonHazard\" > -0.5",
        new GeneratedQuery.Fetch("TAB003", 612));
  }

  /**
   * {@code COALESCE(SUM(x), 0)} grouped by two columns (Malloy's and Metabase's form of a sum)
   * failed with Calcite's "Cannot add expression of different type to set" (its
   * ProjectAggregateMergeRule, turning it into SUM0, mapped the sum to a grouping column), and
   * inside a WITH query it silently returned that column's values as the sum.
   */
  @Test
  void coalescedSumsByTwoColumns() {
    assertAgrees("SELECT t0.\"WASTE_CAT\", t0.\"TIME\", COALESCE(SUM(t0.\"WasteHazard\"), 0)"
        + " FROM \"TAB003\" t0 GROUP BY t0.\"WASTE_CAT\", t0.\"TIME\"",
        new GeneratedQuery.Fetch("TAB003", 1800));
    assertAgrees("WITH s AS (SELECT t0.\"WASTE_CAT\" AS c, t0.\"TIME\" AS y,"
        + " COALESCE(SUM(t0.\"WasteHazard\"), 0) AS total FROM \"TAB003\" t0"
        + " GROUP BY t0.\"WASTE_CAT\", t0.\"TIME\") SELECT c, y, total FROM s",
        new GeneratedQuery.Fetch("TAB003", 1800));
  }
}
