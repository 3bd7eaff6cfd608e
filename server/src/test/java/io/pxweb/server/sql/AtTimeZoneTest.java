package io.pxweb.server.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pxweb.server.catalog.TimeZones;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.TimeZone;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

/** AT TIME ZONE: its operands found by PostgreSQL's precedence, then typed and shifted. */
class AtTimeZoneTest {
  private static String tokens(String sql) {
    return LexicalForms.normalise(sql).text().replaceAll(" +", " ").trim();
  }

  private static String tree(String sql, String session) throws Exception {
    String text = LexicalForms.normalise(sql).text();
    return PgFrontEnd.unparse(AtTimeZone.rewrite(PgRewrites.castPrecedence(
        SqlParser.create(text, PgFrontEnd.PARSER).parseStmt(), text), session))
        .replaceAll("\\s+", " ");
  }

  @Test
  void operandsAreFoundByPrecedence() {
    // Cube's time dimension.
    assertEquals("SELECT date_trunc('year', (timezone('UTC',\"TIME_date\"::timestamptz)))",
        tokens("SELECT date_trunc('year', (\"TIME_date\"::timestamptz AT TIME ZONE 'UTC'))"));
    // :: binds tighter on both sides; the cast after the parentheses casts the result.
    assertEquals("SELECT (timezone('UTC'::text,t.x::timestamp with time zone))::date FROM t",
        tokens("SELECT (t.x::timestamp with time zone AT TIME ZONE 'UTC'::text)::date FROM t"));
    // Tighter than * and +, looser than unary minus; left-associative.
    assertEquals("SELECT a + b * timezone('UTC',c), timezone('x',- d), "
        + "timezone('Asia/Tokyo',timezone('UTC',e))",
        tokens("SELECT a + b * c AT TIME ZONE 'UTC', - d AT TIME ZONE 'x', "
            + "e AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Tokyo'"));
    // Calls, subscripts, typed constants, CASE, nested parentheses and a parameter as zone.
    assertEquals("SELECT timezone(?,pg_catalog.now()), timezone('UTC',a[1]), "
        + "timezone('UTC',TIMESTAMP '2020-01-01'), timezone('UTC',CASE WHEN x THEN "
        + "timezone('UTC',y) END), f((timezone(z,(g(h)))))",
        tokens("SELECT pg_catalog.now() AT TIME ZONE $1, a[1] AT TIME ZONE 'UTC', "
            + "TIMESTAMP '2020-01-01' AT TIME ZONE 'UTC', CASE WHEN x THEN y AT TIME ZONE 'UTC' "
            + "END AT TIME ZONE 'UTC', f(((g(h)) AT TIME ZONE z))"));
    // A column named at is not the operator.
    assertEquals("SELECT at, \"at\" FROM t WHERE at > 1",
        tokens("SELECT at, \"at\" FROM t WHERE at > 1"));
  }

  @Test
  void aTimestamptzGivesTheWallClockAndATimestampIsReadAsOne() throws Exception {
    // A date or timestamptz is held as the session's wall clock: shifted from it to the zone.
    assertEquals("SELECT pg_catalog.pxweb_zone_shift(CAST(d AS timestamptz), 'Europe/Oslo', "
        + "'UTC') FROM t", tree("SELECT d::timestamptz AT TIME ZONE 'UTC' FROM t",
            "Europe/Oslo"));
    // A timestamp is the zone's wall clock: shifted from the zone to the session's.
    assertEquals("SELECT pg_catalog.pxweb_zone_shift(CAST(d AS TIMESTAMP), 'UTC', "
        + "'Europe/Oslo') FROM t", tree("SELECT d::timestamp AT TIME ZONE 'UTC' FROM t",
            "Europe/Oslo"));
    // Twice: the first gives a timestamp, which the second reads as a wall clock.
    assertEquals("SELECT pg_catalog.pxweb_zone_shift(pg_catalog.pxweb_zone_shift(d, 'UTC', "
        + "'Asia/Tokyo'), 'America/Chicago', 'UTC') FROM t",
        tree("SELECT d AT TIME ZONE 'Asia/Tokyo' AT TIME ZONE 'America/Chicago' FROM t", "UTC"));
    // now() is the driver's clock, the JVM zone's wall clock.
    assertEquals("SELECT pg_catalog.pxweb_zone_shift(now(), '" + TimeZone.getDefault().getID()
        + "', 'UTC')", tree("SELECT now() AT TIME ZONE 'UTC'", "Europe/Oslo"));
    SQLException e = assertThrows(SQLException.class,
        () -> tree("SELECT d AT TIME ZONE 'Mars/Olympus' FROM t", "UTC"));
    assertEquals("22023", e.getSQLState());
    assertEquals("time zone \"Mars/Olympus\" not recognized", e.getMessage());
  }

  @Test
  void zonesAreNamesInAnyCaseOrPosixOffsets() {
    assertEquals(ZoneId.of("Europe/Oslo"), TimeZones.zone("europe/OSLO"));
    assertEquals(ZoneId.of("UTC"), TimeZones.zone("utc"));
    // POSIX: positive is west of Greenwich.
    assertEquals(ZoneOffset.ofHoursMinutes(5, 30), TimeZones.zone("-05:30"));
    assertEquals(ZoneOffset.ofHours(-3), TimeZones.zone("UTC+3"));
    assertNull(TimeZones.zone("Mars/Olympus"));
    assertNull(TimeZones.zone("+99"));
    // A time the spring-forward skips is read with the offset before the gap (PostgreSQL's).
    assertEquals(LocalDateTime.parse("2020-03-29T01:30"), TimeZones.shift(
        LocalDateTime.parse("2020-03-29T02:30"), ZoneId.of("Europe/Oslo"), ZoneOffset.UTC));
  }
}
