package io.pxweb.jdbc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The type and semantics choices of docs/sql-mapping.md ("SQL semantics"), where Calcite's
 * defaults differ from PostgreSQL, DuckDB and SQLite: VARCHAR literals, averages and quotients
 * with decimals, NULL ordering.
 */
class SqlSemanticsTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  @RegisterExtension
  static ServerConnections db = new ServerConnections(server);

  private static Object one(String sql) throws SQLException {
    return Sql.rows(db.driver(), sql).get(0).get(0);
  }

  @Test
  void literalsOfDifferentLengthsAreNotPadded() throws SQLException {
    assertEquals("ab|", one("select case when REGION = 'AT' then 'ab' else 'abcd' end || '|'"
        + " from \"TAB001\" where REGION = 'AT' limit 1"));
    assertEquals(2, ((Number) one("select char_length(case when REGION = 'AT' then 'ab'"
        + " else 'abcd' end) from \"TAB001\" where REGION = 'AT' limit 1")).intValue());
    assertEquals("x|", one("select coalesce(case when REGION = 'AT' then 'x' end, 'yyy') || '|'"
        + " from \"TAB001\" where REGION = 'AT' limit 1"));
    assertEquals(List.of(List.of("a|"), List.of("abc|")),
        Sql.rows(db.driver(), "select s || '|' from (select 'a' as s union select 'abc') order by s"));
    try (Statement s = db.driver().createStatement(); ResultSet rs = s.executeQuery(
        "select case when REGION = 'AT' then 'ab' else 'abcd' end from \"TAB001\" limit 1")) {
      assertEquals(Types.VARCHAR, rs.getMetaData().getColumnType(1));
    }
  }

  @Test
  void averageOfDecimalsKeepsItsFraction() throws SQLException {
    BigDecimal avg = (BigDecimal) one(
        "select avg(x) from (values (10.1), (10.6), (11.0)) v(x)");
    // The mean is 10.5666...; the argument's scale (1) would cut it to 10.5 or 10.6.
    assertEquals(0, avg.round(new MathContext(12)).compareTo(new BigDecimal("10.5666666667")),
        avg.toPlainString());
    BigDecimal ints = (BigDecimal) one("select avg(x) from (values (1), (2), (2)) v(x)");
    assertEquals(0, ints.round(new MathContext(12)).compareTo(new BigDecimal("1.66666666667")),
        ints.toPlainString());
  }

  @Test
  void averageOfAMeasureIsItsExactMeanToSixteenDigits() throws SQLException {
    String where = " from \"TAB001\" where SEX = 'F' and AGE = 'TOTAL' and \"TIME\" = '2001'"
        + " and HNMGA is not null";
    List<BigDecimal> values = new ArrayList<>();
    for (List<Object> r : Sql.rows(db.driver(), "select HNMGA" + where)) {
      values.add((BigDecimal) r.get(0));
    }
    assertTrue(values.size() > 2, "the test needs several values");
    BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal mean = sum.divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL64);
    BigDecimal avg = (BigDecimal) one("select avg(HNMGA)" + where);
    assertEquals(0, mean.compareTo(avg), mean + " vs " + avg);
    try (Statement s = db.driver().createStatement(); ResultSet rs = s.executeQuery(
        "select avg(HNMGA), sum(HNMGA) / count(*) " + where)) {
      ResultSetMetaData md = rs.getMetaData();
      assertEquals(Types.DECIMAL, md.getColumnType(1));
      assertTrue(md.getScale(1) >= 16, "AVG scale " + md.getScale(1));
      assertTrue(md.getScale(2) >= 16, "quotient scale " + md.getScale(2));
    }
  }

  @Test
  void divisionOfDecimalsKeepsAFractionAndOfIntegersTruncates() throws SQLException {
    BigDecimal q = (BigDecimal) one("select cast(10 as decimal(5, 1)) / 3");
    assertEquals(0, q.round(new MathContext(10)).compareTo(new BigDecimal("3.333333333")),
        q.toPlainString());
    assertEquals(2, ((Number) one("select 5 / 2")).intValue());
  }

  @Test
  void nullsSortFirstAscendingAndLastDescending() throws SQLException {
    assertEquals(List.of(List.of(-1), List.of(2), List.of(3)).toString(), Sql.rows(db.driver(),
        "select coalesce(x, -1) from (values (3), (cast(null as integer)), (2)) v(x)"
            + " order by x").toString());
    assertEquals(List.of(List.of(3), List.of(2), List.of(-1)).toString(), Sql.rows(db.driver(),
        "select coalesce(x, -1) from (values (3), (cast(null as integer)), (2)) v(x)"
            + " order by x desc").toString());
  }

  @Test
  void groupByOrdinalAndAliasAsInPostgresql() throws SQLException {
    List<List<Object>> byOrdinal = Sql.rows(db.driver(),
        "select SEX, count(*) from \"TAB001\" group by 1 order by 1");
    assertEquals(byOrdinal, Sql.rows(db.driver(),
        "select SEX as s, count(*) from \"TAB001\" group by s order by s"));
    assertEquals(Sql.rows(db.driver(),
        "select SEX, count(*) from \"TAB001\" group by SEX order by SEX"), byOrdinal);
    assertTrue(byOrdinal.size() >= 2, byOrdinal.toString());
  }

  @Test
  void numericCastsAreExactAndRoundHalfAwayFromZero() throws SQLException {
    assertEquals(0, new BigDecimal("1911.6").compareTo(
        (BigDecimal) one("select cast(1911.6 as numeric) from \"TAB001\" limit 1")));
    assertEquals(new BigDecimal("2.50"),
        one("select cast(2.499 as numeric(10, 2)) from \"TAB001\" limit 1"));
    assertEquals(new BigDecimal("2.50"),
        one("select cast(2.495 as numeric(10, 2)) from \"TAB001\" limit 1"));
    assertEquals(new BigDecimal("-2.50"),
        one("select cast(-2.495 as decimal(10, 2)) from \"TAB001\" limit 1"));
  }
}
