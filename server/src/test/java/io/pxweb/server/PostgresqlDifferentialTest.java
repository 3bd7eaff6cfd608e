package io.pxweb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BI tools' query shapes run through pxweb-server and directly on a real PostgreSQL holding the
 * same table (the sample database's TAB004, copied through the server): rows, column names and
 * type names compared. Needs PXWEB_PG_URL (CI starts PostgreSQL, .ci/postgres.sh); skipped
 * without it. {@code -Dpxweb.differential.seed} and {@code -Dpxweb.differential.queries} run a
 * campaign with other values.
 */
class PostgresqlDifferentialTest {
  private static final String[] SECTORS = {"0.1", "1.0", "0.2", "1.1", "2.0"};
  private static final String[] GASES = {"CO2", "CH4", "N2O", "CO2-BIO"};
  private static final String[] AGGREGATES = {"count(*)", "sum(\"Emission\")",
      "max(\"Emission\")", "min(\"Emission\")", "count(\"Emission\")"};
  private static final String[] UNITS = {"year", "decade", "quarter", "month"};
  /** Time filter bounds as Grafana ($__timeFilter), Superset and hand-written SQL write them. */
  private static final String[] TIMES = {"2015-01-01T00:00:00Z", "2010-06-30 12:00",
      "2000-01-01 00:00:00", "2012-03-04T05:06:07.890Z", "1995-01-01", "2016-12-31T23:59:59+02"};
  private static final String[] STEPS = {"1 year", "2 years", "6 months", "1 month"};
  /** Shapes as Metabase, Superset, Grafana, Tableau, Power BI, psql and pandas write them. */
  private static final String[] SHAPES = {
      // Tableau and hand-written SQL: GROUP BY ordinal; Metabase: GROUP BY alias.
      "SELECT \"SECTOR\", {agg} FROM \"TAB004\" WHERE \"GREENHOUSEGAS\" = '{gas}' "
          + "GROUP BY 1 ORDER BY 1",
      "SELECT \"GREENHOUSEGAS\" AS g, {agg} FROM \"TAB004\" WHERE \"SECTOR\" = '{sector}' "
          + "GROUP BY g ORDER BY g",
      // Metabase's "source" subquery.
      "SELECT \"source\".\"TIME\" AS \"TIME\", {agg} AS \"m\" FROM (SELECT * FROM \"TAB004\" "
          + "WHERE \"SECTOR\" = '{sector}') AS \"source\" GROUP BY \"source\".\"TIME\" "
          + "ORDER BY \"source\".\"TIME\" ASC",
      // Superset: __timestamp bucketing with an inner row limit.
      "SELECT date_trunc('{unit}', \"TIME_date\") AS \"__timestamp\", {agg} AS \"metric\" "
          + "FROM \"TAB004\" WHERE \"GREENHOUSEGAS\" = '{gas}' GROUP BY "
          + "date_trunc('{unit}', \"TIME_date\") ORDER BY \"__timestamp\" LIMIT 10000",
      // Power BI: measures cast to numeric.
      "SELECT \"TIME\", CAST(\"Emission\" AS NUMERIC(18, 2)) AS e FROM \"TAB004\" "
          + "WHERE \"SECTOR\" = '{sector}' AND \"GREENHOUSEGAS\" = '{gas}' ORDER BY 1",
      // psql and pandas idioms: ::, ILIKE, IS DISTINCT FROM, FILTER, string_agg.
      "SELECT \"SECTOR\"::text, \"TIME\"::int AS y FROM \"TAB004\" WHERE \"GREENHOUSEGAS\" "
          + "ILIKE lower('{gas}') AND \"Emission\" IS DISTINCT FROM NULL AND \"TIME\" = '2010' "
          + "ORDER BY 1, 2",
      "SELECT \"SECTOR\", count(*) FILTER (WHERE \"GREENHOUSEGAS\" = '{gas}') FROM \"TAB004\" "
          + "GROUP BY 1 ORDER BY 1",
      "SELECT \"TIME\", string_agg(\"SECTOR\", ',' ORDER BY \"SECTOR\") FROM \"TAB004\" "
          + "WHERE \"GREENHOUSEGAS\" = '{gas}' GROUP BY 1 ORDER BY 1",
      // Window functions, CTEs, NULL order.
      "SELECT \"TIME\", \"Emission\", row_number() OVER (ORDER BY \"TIME\" DESC) FROM \"TAB004\" "
          + "WHERE \"SECTOR\" = '{sector}' AND \"GREENHOUSEGAS\" = '{gas}' ORDER BY 1",
      "WITH t AS (SELECT \"SECTOR\" AS s, {agg} AS v FROM \"TAB004\" GROUP BY \"SECTOR\") "
          + "SELECT s, v FROM t ORDER BY v DESC, s",
      "SELECT \"TIME\", \"Emission\" FROM \"TAB004\" WHERE \"SECTOR\" = '{sector}' "
          + "AND \"GREENHOUSEGAS\" = '{gas}' ORDER BY \"Emission\" DESC, \"TIME\"",
      // Unaliased expressions: PostgreSQL's column names and types.
      "SELECT extract(year FROM \"TIME_date\"), {agg}, CASE WHEN \"SECTOR\" = '{sector}' "
          + "THEN 'this' ELSE 'other' END FROM \"TAB004\" GROUP BY 1, 3 ORDER BY 1, 3",
      // LIMIT ALL and OFFSET without LIMIT under ORDER BY.
      "SELECT \"TIME\", \"Emission\" FROM \"TAB004\" WHERE \"SECTOR\" = '{sector}' AND "
          + "\"GREENHOUSEGAS\" = '{gas}' ORDER BY \"TIME\" LIMIT ALL OFFSET 20",
      // Grafana's and Superset's time filters: timestamp texts against a DATE column.
      "SELECT \"TIME_date\" AS \"time\", {agg} FROM \"TAB004\" WHERE \"TIME_date\" BETWEEN "
          + "'{from}' AND '{to}' AND \"GREENHOUSEGAS\" = '{gas}' GROUP BY 1 ORDER BY 1",
      "SELECT \"TIME\", \"Emission\" FROM \"TAB004\" WHERE \"TIME_date\" >= '{from}' AND "
          + "\"SECTOR\" = '{sector}' AND \"GREENHOUSEGAS\" = '{gas}' ORDER BY 1",
      "SELECT count(*) FROM \"TAB004\" WHERE \"TIME_date\" >= TO_TIMESTAMP('{year}-01-01 "
          + "00:00:00.000000', 'YYYY-MM-DD HH24:MI:SS.US') AND \"GREENHOUSEGAS\" = '{gas}'",
      // date_trunc of a column named like a unit.
      "SELECT date_trunc('{unit}', week) AS w, {agg} FROM (SELECT \"TIME_date\" AS week, "
          + "\"Emission\" FROM \"TAB004\" WHERE \"SECTOR\" = '{sector}') AS t GROUP BY 1 "
          + "ORDER BY 1",
      // Gap filling: generate_series joined LEFT to the table.
      "SELECT d::date, {agg} FROM generate_series('1985-01-01'::date, '2020-01-01'::date, "
          + "interval '{step}') d LEFT JOIN \"TAB004\" ON \"TIME_date\" = d::date AND "
          + "\"SECTOR\" = '{sector}' GROUP BY 1 ORDER BY 1",
      "SELECT n, n * 2 AS twice FROM generate_series(1, {n}) AS s(n) ORDER BY n DESC",
      // DISTINCT ON: each group's first row in the query's order.
      "SELECT DISTINCT ON (\"SECTOR\") \"SECTOR\", \"TIME\", \"Emission\" FROM \"TAB004\" "
          + "WHERE \"GREENHOUSEGAS\" = '{gas}' AND \"Emission\" IS NOT NULL "
          + "ORDER BY \"SECTOR\", \"Emission\" DESC, \"TIME\"",
      "SELECT DISTINCT ON (2) \"TIME\" AS y, \"GREENHOUSEGAS\" AS g, \"SECTOR\" FROM "
          + "\"TAB004\" WHERE \"SECTOR\" = '{sector}' ORDER BY g, y DESC",
      // A date plus or minus an interval is a timestamp.
      "SELECT \"TIME\", \"TIME_date\" - INTERVAL '1' DAY, \"TIME_date\" + interval '{step}' "
          + "AS later FROM \"TAB004\" WHERE \"SECTOR\" = '{sector}' AND \"GREENHOUSEGAS\" = "
          + "'{gas}' AND \"TIME_date\" >= DATE '2010-01-01' - INTERVAL '1' YEAR ORDER BY 1",
      // :: binds tighter than +, a parenthesised sum is cast as a whole.
      "SELECT (floor(\"Emission\") + \"TIME\"::int)::bigint, \"TIME\"::int + 1 FROM \"TAB004\" "
          + "WHERE \"SECTOR\" = '{sector}' AND \"GREENHOUSEGAS\" = '{gas}' ORDER BY 2",
  };

  /** This run's own schema: test runs of other worktrees may share the PostgreSQL. */
  private static final String SCHEMA = "pxweb_differential_" + ProcessHandle.current().pid();
  private static PxWebServer server;
  private static Connection px;
  private static Connection pg;

  @BeforeAll
  static void start() throws Exception {
    pg = ServerFixture.postgresOrSkip();
    server = ServerFixture.start();
    px = ServerFixture.pg(server, "");
    try (Statement s = pg.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      s.execute("CREATE SCHEMA " + SCHEMA);
      s.execute("SET search_path = " + SCHEMA);
      try (Statement r = px.createStatement();
           ResultSet rs = r.executeQuery("SELECT * FROM \"TAB004\"")) {
        ResultSetMetaData md = rs.getMetaData();
        StringBuilder ddl = new StringBuilder("CREATE TABLE \"TAB004\" (");
        StringBuilder insert = new StringBuilder("INSERT INTO \"TAB004\" VALUES (");
        for (int i = 1; i <= md.getColumnCount(); i++) {
          String type = md.getColumnTypeName(i).equals("varchar") ? "text"
              : md.getColumnTypeName(i);
          ddl.append(i > 1 ? ", " : "").append('"').append(md.getColumnName(i)).append("\" ")
              .append(type);
          insert.append(i > 1 ? ", " : "").append('?');
        }
        s.execute(ddl.append(')').toString());
        try (PreparedStatement ps = pg.prepareStatement(insert.append(')').toString())) {
          while (rs.next()) {
            for (int i = 1; i <= md.getColumnCount(); i++) {
              ps.setObject(i, rs.getObject(i));
            }
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
    }
  }

  @AfterAll
  static void stop() throws SQLException {
    if (pg != null) {
      try (Statement s = pg.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      }
      pg.close();
    }
    if (px != null) {
      px.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  /** Rows as text (numbers by value: 2 and 2.00 are one), after the names and type names. */
  private static List<String> result(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return result(rs);
    }
  }

  /** The rows of a statement prepared with text parameters ($1...), as Cube's driver sends. */
  private static List<String> result(Connection c, String sql, String... parameters)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setString(i + 1, parameters[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        return result(rs);
      }
    }
  }

  private static List<String> result(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    ResultSetMetaData md = rs.getMetaData();
    StringBuilder head = new StringBuilder();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      head.append(md.getColumnName(i)).append(':').append(md.getColumnTypeName(i)).append(' ');
    }
    out.add(head.toString());
    while (rs.next()) {
      StringBuilder row = new StringBuilder();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        String v = rs.getString(i);
        if (v != null && md.getColumnTypeName(i).equals("numeric")) {
          v = new BigDecimal(v).stripTrailingZeros().toPlainString();
        }
        row.append(v).append('|');
      }
      out.add(row.toString());
    }
    return out;
  }

  /** AT TIME ZONE as Cube and hand-written SQL write it, run at each session TimeZone. */
  private static final String[] ZONE_QUERIES = {
      // Cube's time dimension with a granularity (server/it/cube.sh), its names quoted.
      "SELECT \"t\".\"SECTOR_label\" \"t__sector_label\", date_trunc('year', "
          + "(\"t\".\"TIME_date\"::timestamptz AT TIME ZONE 'UTC')) \"t__time_date_year\", "
          + "sum(\"t\".\"Emission\") \"t__emission_sum\" FROM \"TAB004\" AS \"t\" WHERE "
          + "(\"t\".\"GREENHOUSEGAS\" = 'CO2') AND (\"t\".\"SECTOR\" IN ('1.0', '2.0', '3.0')) "
          + "GROUP BY 1, 2 ORDER BY 1 ASC, 2 ASC LIMIT 10000",
      "SELECT \"TIME_date\" AT TIME ZONE 'Europe/Oslo', (\"TIME_date\" AT TIME ZONE 'UTC')::date, "
          + "\"TIME_date\"::timestamp AT TIME ZONE 'UTC' AS back, timezone('America/New_York', "
          + "\"TIME_date\"::timestamp), \"TIME_date\"::timestamptz AS tz FROM \"TAB004\" "
          + "WHERE \"SECTOR\" = '1.0' AND \"GREENHOUSEGAS\" = 'CO2' ORDER BY \"TIME\"",
      "SELECT \"TIME\", \"TIME_date\" AT TIME ZONE 'Asia/Tokyo' AT TIME ZONE 'america/chicago', "
          + "\"TIME_date\" AT TIME ZONE '-05:30', date_trunc('month', \"TIME_date\"::timestamptz) "
          + "FROM \"TAB004\" WHERE (\"TIME_date\"::timestamptz AT TIME ZONE 'UTC') >= "
          + "'2015-01-01' AND \"SECTOR\" = '0.1' AND \"GREENHOUSEGAS\" = 'CH4' ORDER BY 1",
      "SELECT TIMESTAMP '2020-03-29 02:30:00' AT TIME ZONE 'Europe/Oslo', "
          + "TIMESTAMP '2020-10-25 02:30:00' AT TIME ZONE 'Europe/Oslo', "
          + "(DATE '2020-06-01' AT TIME ZONE 'UTC') AT TIME ZONE 'UTC+3'",
  };

  /** row_to_json of a whole row: Malloy's wrapping of every result, and a table's row. */
  private static final String[] JSON_QUERIES = {
      "WITH __stage0 AS (SELECT base.\"SECTOR_label\" as \"SECTOR_label\", base.\"TIME_date\" "
          + "as \"year\", DATE_TRUNC('year', base.\"TIME_date\") as \"period\", "
          + "SUM(base.\"Emission\") as \"total\", COUNT(*) as \"n\", "
          + "'q\"uote\\\\' as \"s\", max(CASE WHEN base.\"Emission\" > 1000 THEN 'big' END) as "
          + "\"big\" FROM \"TAB004\" as base WHERE base.\"GREENHOUSEGAS\" = 'CO2' GROUP BY 1, 2, 3 "
          + "ORDER BY 1, 2) SELECT row_to_json(finalStage) as row FROM __stage0 AS finalStage",
      "SELECT row_to_json(t) FROM \"TAB004\" t WHERE \"SECTOR\" = '1.0' AND \"GREENHOUSEGAS\" "
          + "= 'CO2' ORDER BY \"TIME\"",
      "SELECT \"TIME\", row_to_json(s) AS j FROM (SELECT \"TIME\", \"Emission\" * 2 AS e FROM "
          + "\"TAB004\" WHERE \"SECTOR\" = '0.1' AND \"GREENHOUSEGAS\" = 'N2O') AS s ORDER BY 1",
  };

  @Test
  void rowToJsonGivesWhatPostgresqlGives() throws Exception {
    List<String> differences = new ArrayList<>();
    inZones(zone -> {
      for (String sql : JSON_QUERIES) {
        // As sets: the driver drops a WITH query's ORDER BY (Calcite), and json has no order.
        List<String> expected = result(pg, sql);
        List<String> actual = result(px, sql);
        Collections.sort(expected.subList(1, expected.size()));
        Collections.sort(actual.subList(1, actual.size()));
        if (!expected.equals(actual)) {
          differences.add("TimeZone " + zone + ": " + sql + "\n  postgresql: "
              + expected.subList(0, Math.min(4, expected.size())) + "\n  server:     "
              + actual.subList(0, Math.min(4, actual.size())));
        }
      }
    });
    assertEquals(List.of(), differences);
  }

  @Test
  void atTimeZoneGivesWhatPostgresqlGives() throws Exception {
    List<String> differences = new ArrayList<>();
    inZones(zone -> {
      for (String sql : ZONE_QUERIES) {
        compare(sql, "TimeZone " + zone + ": ", differences);
      }
      // Cube's query as its driver sends it: the filter values bound, the zone a parameter too.
      String cube = ZONE_QUERIES[0].replace("'UTC'", "?").replace("'CO2'", "?")
          .replace("'1.0', '2.0', '3.0'", "?, ?, ?");
      String[] values = {"Europe/Oslo", "CO2", "1.0", "2.0", "3.0"};
      List<String> expected = result(pg, cube, values);
      List<String> actual = result(px, cube, values);
      if (!expected.equals(actual)) {
        differences.add("TimeZone " + zone + ", prepared: " + cube + "\n  postgresql: "
            + expected.subList(0, Math.min(4, expected.size())) + "\n  server:     "
            + actual.subList(0, Math.min(4, actual.size())));
      }
    });
    assertEquals(List.of(), differences);
  }

  /** A check run at each of the session TimeZones, set on both connections alike. */
  private interface ZoneCheck {
    void run(String zone) throws SQLException;
  }

  private static void inZones(ZoneCheck check) throws SQLException {
    String pgZone = setting(pg, "SHOW TimeZone");
    String pxZone = setting(px, "SHOW TimeZone");
    try {
      for (String zone : new String[] {"UTC", "Europe/Oslo", "America/Sao_Paulo"}) {
        for (Connection c : new Connection[] {pg, px}) {
          try (Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE '" + zone + "'");
          }
        }
        check.run(zone);
      }
    } finally {
      try (Statement s = pg.createStatement(); Statement r = px.createStatement()) {
        s.execute("SET TIME ZONE '" + pgZone + "'");
        r.execute("SET TIME ZONE '" + pxZone + "'");
      }
    }
  }

  private static String setting(Connection c, String show) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(show)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Runs sql on both; a difference (or the server's failure) is added to differences. */
  private static void compare(String sql, String context, List<String> differences)
      throws SQLException {
    List<String> expected = result(pg, sql);
    List<String> actual;
    try {
      actual = result(px, sql);
    } catch (SQLException e) {
      differences.add(context + sql + "\n  server: " + e.getSQLState() + " " + e.getMessage());
      return;
    }
    if (!expected.equals(actual)) {
      differences.add(context + sql + "\n  postgresql: " + expected.subList(0, Math.min(4,
          expected.size())) + "\n  server:     " + actual.subList(0, Math.min(4,
          actual.size())));
    }
  }

  @Test
  void biToolShapesGiveWhatPostgresqlGives() throws Exception {
    long seed = Long.getLong("pxweb.differential.seed", 22);
    int queries = Integer.getInteger("pxweb.differential.queries", 150);
    Random random = new Random(seed);
    List<String> differences = new ArrayList<>();
    for (int q = 0; q < queries; q++) {
      String sql = SHAPES[q % SHAPES.length].replace("{agg}", pick(random, AGGREGATES))
          .replace("{gas}", pick(random, GASES)).replace("{sector}", pick(random, SECTORS))
          .replace("{unit}", pick(random, UNITS)).replace("{from}", pick(random, TIMES))
          .replace("{to}", pick(random, TIMES)).replace("{step}", pick(random, STEPS))
          .replace("{n}", Integer.toString(1 + random.nextInt(50)))
          .replace("{year}", Integer.toString(1990 + random.nextInt(28)));
      compare(sql, "", differences);
    }
    System.out.printf("PostgreSQL differential (seed %d): %d queries, %d differences%n", seed,
        queries, differences.size());
    assertEquals(List.of(), differences);
  }
}
