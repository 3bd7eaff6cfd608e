package io.pxweb.jdbc.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PxWebUrlTest {
  @Test
  void bareUrlIsStatisticsNorway() throws SQLException {
    assertEquals("https://data.ssb.no/api/pxwebapi/v2",
        PxWebUrl.parse("jdbc:pxweb:", new Properties()).location());
  }

  @Test
  void aliasesAreCaseInsensitive() throws SQLException {
    assertEquals("https://data.ssb.no/api/pxwebapi/v2",
        PxWebUrl.parse("jdbc:pxweb:SSB", null).location());
    assertEquals("https://statistikdatabasen.scb.se/api/v2",
        PxWebUrl.parse("jdbc:pxweb:scb;lang=sv", null).location());
  }

  @Test
  void anyBaseUrlWithTrailingSlashRemoved() throws SQLException {
    assertEquals("https://api.stat.gov.lv/api/v2",
        PxWebUrl.parse("jdbc:pxweb:https://api.stat.gov.lv/api/v2/", null).location());
  }

  @Test
  void urlPropertiesWinOverPropertiesObject() throws SQLException {
    Properties info = new Properties();
    info.setProperty("lang", "no");
    info.setProperty("readTimeout", "5s");
    info.setProperty("user", "ignored");
    Properties p = PxWebUrl.parse("jdbc:pxweb:ssb;LANG=en", info).properties();
    assertEquals("en", p.getProperty("lang"));
    assertEquals("5s", p.getProperty("readTimeout"));
    assertFalse(p.containsKey("user"));
  }

  @Test
  void unknownUrlPropertyIsAnError() {
    SQLException e = assertThrows(SQLException.class,
        () -> PxWebUrl.parse("jdbc:pxweb:ssb;langauge=en", null));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("langauge"), e.getMessage());
  }

  @Test
  void unknownServerNameIsAnError() {
    SQLException e = assertThrows(SQLException.class, () -> PxWebUrl.parse("jdbc:pxweb:xyz", null));
    assertTrue(e.getMessage().contains("jdbc:pxweb:ssb"), e.getMessage());
  }

  @Test
  void fileUrlsNameAFolder() throws SQLException {
    PxWebUrl u = PxWebUrl.parse("jdbc:pxweb:file:samples/db;lang=en", null);
    assertEquals(java.nio.file.Path.of("samples/db").toAbsolutePath().normalize().toUri()
        .toString().replaceFirst("/$", ""), u.location());
    assertEquals("en", u.properties().getProperty("lang"));
    assertEquals("file:///tmp/px", PxWebUrl.parse("jdbc:pxweb:file:///tmp/px", null).location());
    assertThrows(SQLException.class, () -> PxWebUrl.parse("jdbc:pxweb:file:", null));
  }

  @Test
  void userInfoIsRedacted() {
    assertEquals("jdbc:pxweb:https://***@host/api/v2",
        PxWebUrl.redact("jdbc:pxweb:https://bob:secret@host/api/v2"));
  }

  @Test
  void acceptsOnlyItsPrefix() {
    assertTrue(PxWebUrl.accepts("jdbc:pxweb:"));
    assertTrue(PxWebUrl.accepts("JDBC:PXWEB:ssb"));
    assertFalse(PxWebUrl.accepts("jdbc:postgresql://x"));
    assertFalse(PxWebUrl.accepts(null));
  }
}
