package io.pxweb.jdbc.config;

import io.pxweb.jdbc.PxWebProperty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The short form {@code jdbc:pxweb:a+b+c} and {@code mount.<name>} properties. */
class MountUrlTest {

  @Test
  void plusMountsTheOtherStatbanksByAlias() throws SQLException {
    PxWebUrl url = PxWebUrl.parse("jdbc:pxweb:ssb+scb-v1+statfin;lang=en", null);
    assertEquals(PxWebUrl.DEFAULT_BASE_URL, url.location());
    assertEquals(Map.of("scb-v1", "scb-v1", "statfin", "statfin"),
        PxWebProperty.mounts(url.properties()));
  }

  @Test
  void anExplicitMountWinsOverThePlusForm() throws SQLException {
    PxWebUrl url = PxWebUrl.parse("jdbc:pxweb:ssb+statfin;mount.statfin={statfin;lang=sv}",
        null);
    assertEquals(Map.of("statfin", "statfin;lang=sv"), PxWebProperty.mounts(url.properties()));
  }

  @Test
  void mountsFromProperties() throws SQLException {
    Properties info = new Properties();
    info.setProperty("mount.fi", "https://pxdata.stat.fi/PXWeb/api/v1/en/StatFin");
    PxWebUrl url = PxWebUrl.parse("jdbc:pxweb:ssb", info);
    assertEquals(Map.of("fi", new ConnectionConfig.Mount(
        "https://pxdata.stat.fi/PXWeb/api/v1/en/StatFin", null, "auto", Map.of())),
        ConnectionConfig.of(url).mounts());
  }

  @Test
  void anUnknownAliasInThePlusFormFails() {
    SQLException e = assertThrows(SQLException.class,
        () -> PxWebUrl.parse("jdbc:pxweb:ssb+nowhere", null));
    assertEquals("08001", e.getSQLState());
  }
}
