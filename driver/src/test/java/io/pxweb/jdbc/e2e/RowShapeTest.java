package io.pxweb.jdbc.e2e;

import static io.pxweb.jdbc.e2e.Sql.normalize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every row shape (no column, one, several) from every scan path (metadata only, plain data,
 * top-N periods, leading cells, keyed by a join's other side) comes out as the values a plain
 * engine returns: never an array's toString, never a ClassCastException.
 */
class RowShapeTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  @RegisterExtension
  static ServerConnections db = new ServerConnections(server);

  private static final String ONE_SERIES =
      " from \"TAB001\" where SEX = 'F' and AGE = 'TOTAL' and REGION in ('NO', 'SE')";

  /** Queries whose result SQL fixes completely (ORDER BY over a unique key, or aggregates). */
  @ParameterizedTest
  @ValueSource(strings = {
      // metadata only: one column, two, none
      "select REGION" + ONE_SERIES + " order by REGION, \"TIME\"",
      "select distinct REGION" + ONE_SERIES + " order by REGION",
      "select REGION, REGION_label" + ONE_SERIES + " order by REGION, \"TIME\"",
      "select count(*) from (select REGION" + ONE_SERIES + ") x",
      "select count(*) from (select * from \"TAB001\" limit 5) x",
      "select count(*) from (select REGION from \"TAB001\" limit 5) x",
      "select count(*) from (select HNMGA from \"TAB001\" limit 7) x",
      // plain data scan: one measure, a measure and a code, a status alone
      "select HNMGA" + ONE_SERIES + " and \"TIME\" = '2001' order by HNMGA",
      "select REGION, HNMGA" + ONE_SERIES + " order by REGION, \"TIME\"",
      "select HNMGA_status" + ONE_SERIES + " and \"TIME\" = '2001' order by 1",
      "select sum(HNMGA) from (select HNMGA" + ONE_SERIES + ") x",
      // top-N periods
      "select \"TIME\" from \"TAB004\" order by \"TIME\" desc limit 2",
      "select \"TIME\" from \"TAB004\" order by \"TIME\" desc fetch first 2 rows only",
      "select \"TIME_date\"" + ONE_SERIES + " order by \"TIME_date\" desc limit 3",
      "select \"TIME\", HNMGA" + ONE_SERIES + " order by \"TIME\" desc, HNMGA limit 3",
      "select HNMGA" + ONE_SERIES + " and REGION = 'NO' order by \"TIME\" desc limit 3",
      // keyed by a join's other side
      "select t.HNMGA from (values ('NO'), ('SE')) k(c) join \"TAB001\" t on t.REGION = k.c"
          + " where t.SEX = 'F' and t.AGE = 'TOTAL' and t.\"TIME\" = '2001' order by 1",
      "select t.REGION, t.HNMGA from (values ('NO'), ('SE')) k(c) join \"TAB001\" t"
          + " on t.REGION = k.c where t.SEX = 'F' and t.AGE = 'TOTAL' and t.\"TIME\" = '2001'"
          + " order by 1",
      "select count(*) from (values ('NO'), ('SE')) k(c) join \"TAB001\" t on t.REGION = k.c",
  })
  void rowsEqualThePlainEngines(String sql) throws SQLException {
    assertEquals(normalize(Sql.rows(db.reference(), sql)), normalize(Sql.rows(db.driver(), sql)), sql);
  }

  /** LIMIT without ORDER BY: any n rows of the result, each a real row of the table. */
  @ParameterizedTest
  @ValueSource(strings = {
      "select REGION from \"TAB001\"",
      "select HNMGA from \"TAB001\"",
      "select REGION, HNMGA from \"TAB001\"",
      "select \"TIME_date\" from \"TAB001\"",
  })
  void leadingRowsAreRowsOfTheTable(String sql) throws SQLException {
    List<List<Object>> all = normalize(Sql.rows(db.reference(), sql));
    for (String limit : List.of(" limit 2", " fetch first 3 rows only", " limit 2 offset 3")) {
      List<List<Object>> some = normalize(Sql.rows(db.driver(), sql + limit));
      assertEquals(limit.contains("3 rows") ? 3 : 2, some.size(), sql + limit);
      assertTrue(all.containsAll(some), sql + limit + ": " + some);
    }
  }

  @org.junit.jupiter.api.Test
  void keyedScansArePlannedForTheJoinQueries() throws SQLException {
    String plan = Sql.explain(db.driver(), "select t.HNMGA from (values ('NO'), ('SE')) k(c)"
        + " join \"TAB001\" t on t.REGION = k.c");
    assertTrue(plan.contains("PxKeyedScan("), plan);
  }
}
