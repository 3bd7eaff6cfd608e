package io.pxweb.jdbc;

import io.pxweb.jdbc.config.PropertyDocs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Meta-tests over the property enum, and its agreement with the user documentation. */
class PxWebPropertyTest {
  @Test
  void keysAreUniqueIgnoringCaseAndDescribed() {
    Set<String> keys = new HashSet<>();
    for (PxWebProperty p : PxWebProperty.values()) {
      assertTrue(keys.add(p.key().toLowerCase(Locale.ROOT)), "duplicate key " + p.key());
      assertFalse(p.description().isBlank(), p.key());
      assertEquals(p, PxWebProperty.forKey(p.key().toUpperCase(Locale.ROOT)));
    }
  }

  @Test
  void defaultsParseAsTheirType() throws SQLException {
    Properties empty = new Properties();
    for (PxWebProperty p : PxWebProperty.values()) {
      switch (p.type()) {
        case INTEGER -> p.getInteger(empty);
        case DURATION -> p.getDuration(empty);
        default -> p.getString(empty);
      }
    }
  }

  @Test
  void durationsAcceptUnits() throws SQLException {
    Properties props = new Properties();
    props.setProperty("readTimeout", "1500ms");
    assertEquals(Duration.ofMillis(1500), PxWebProperty.READ_TIMEOUT.getDuration(props));
    props.setProperty("readTimeout", "2m");
    assertEquals(Duration.ofMinutes(2), PxWebProperty.READ_TIMEOUT.getDuration(props));
    props.setProperty("readTimeout", "45");
    assertEquals(Duration.ofSeconds(45), PxWebProperty.READ_TIMEOUT.getDuration(props));
  }

  @Test
  void badValuesNameTheProperty() {
    Properties props = new Properties();
    props.setProperty("maxDataCells", "lots");
    SQLException e = assertThrows(SQLException.class,
        () -> PxWebProperty.MAX_DATA_CELLS.getInteger(props));
    assertEquals("22023", e.getSQLState());
    assertTrue(e.getMessage().contains("maxDataCells"), e.getMessage());
    props.setProperty("readTimeout", "soon");
    assertThrows(SQLException.class, () -> PxWebProperty.READ_TIMEOUT.getDuration(props));
  }

  @Test
  void propertyInfoListsEveryPropertyWithoutConnecting() throws SQLException {
    Properties info = new Properties();
    info.setProperty("lang", "en");
    // An unreachable host: getPropertyInfo must not connect.
    DriverPropertyInfo[] infos = new PxWebDriver().getPropertyInfo(
        "jdbc:pxweb:http://unreachable.invalid/api/v2;readTimeout=5s", info);
    assertEquals(PxWebProperty.values().length, infos.length);
    for (DriverPropertyInfo i : infos) {
      assertNotNull(PxWebProperty.forKey(i.name));
      assertNotNull(i.description);
    }
    assertEquals("en", infos[PxWebProperty.LANG.ordinal()].value);
    assertEquals("5s", infos[PxWebProperty.READ_TIMEOUT.ordinal()].value);
    assertEquals(PxWebProperty.CONNECT_TIMEOUT.defaultValue(),
        infos[PxWebProperty.CONNECT_TIMEOUT.ordinal()].value);
  }

  @Test
  void documentationIsGeneratedFromTheEnum() throws IOException {
    Path doc = Path.of("..", "docs", "connection-properties.md");
    String expected = PropertyDocs.markdown();
    String actual = Files.readString(doc, StandardCharsets.UTF_8);
    assertEquals(expected, actual,
        "docs/connection-properties.md is stale: regenerate it with"
            + " java -cp driver/target/classes io.pxweb.jdbc.config.PropertyDocs > docs/connection-properties.md");
  }
}
