package io.pxweb.jdbc.klass;

import io.pxweb.jdbc.adapter.klass.KlassSchema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Settings from connection properties, and the language mapping. */
class KlassSettingsTest {
  @Test
  void connectionLanguagesMapToKlassLanguages() {
    assertEquals("nb", KlassSettings.klassLanguage("no"));
    assertEquals("nb", KlassSettings.klassLanguage("NO"));
    assertEquals("nb", KlassSettings.klassLanguage("nb"));
    assertEquals("nn", KlassSettings.klassLanguage("nn"));
    assertEquals("en", KlassSettings.klassLanguage("en"));
    assertEquals("en", KlassSettings.klassLanguage(" EN "));
    assertEquals("nb", KlassSettings.klassLanguage("sv"));
    assertEquals("nb", KlassSettings.klassLanguage(""));
    assertEquals("nb", KlassSettings.klassLanguage(null));
    assertEquals("nb", KlassSettings.of("http://x", "no").language());
  }

  @Test
  void defaultsComeFromTheDriversProperties() throws SQLException {
    Properties ua = new Properties();
    ua.setProperty("userAgent", "ua/1");
    KlassSettings s = io.pxweb.jdbc.config.ConnectionConfig.of(ua).klass();
    assertEquals("https://data.ssb.no/api/klass/v1", s.baseUrl());
    assertEquals("nb", s.language());
    assertEquals(Duration.ofSeconds(10), s.http().connectTimeout());
    assertEquals(Duration.ofSeconds(60), s.http().readTimeout());
    assertEquals(Duration.ofMinutes(5), s.http().callTimeout());
    assertEquals("ua/1", s.http().userAgent());
    assertEquals(5, s.http().maxAttempts());
    assertEquals(Duration.ofMillis(500), s.http().retryBackoff());
    assertEquals(Duration.ofMinutes(2), s.http().maxRetryTime());
  }

  @Test
  void propertiesOverrideTheDefaults() throws SQLException {
    Properties p = new Properties();
    p.setProperty("klassUrl", "http://klass.example/api/klass/v1");
    p.setProperty("lang", "en");
    p.setProperty("readTimeout", "5s");
    p.setProperty("retries", "0");
    p.setProperty("userAgent", "tool/2");
    KlassSettings s = io.pxweb.jdbc.config.ConnectionConfig.of(p).klass();
    assertEquals("http://klass.example/api/klass/v1", s.baseUrl());
    assertEquals("en", s.language());
    assertEquals(Duration.ofSeconds(5), s.http().readTimeout());
    assertEquals(1, s.http().maxAttempts());
    assertEquals("tool/2", s.http().userAgent());
  }

  @Test
  void invalidValuesNameTheirProperty() {
    Properties p = new Properties();
    p.setProperty("readTimeout", "soon");
    SQLException e = assertThrows(SQLException.class, () -> io.pxweb.jdbc.config.ConnectionConfig.of(p));
    assertEquals("22023", e.getSQLState());
    assertEquals("Invalid value 'soon' for connection property 'readTimeout': expected a"
        + " duration such as 500ms, 30s, 5m", e.getMessage());
  }

  @Test
  void aKlassUrlThatIsNoUrlIsAnInvalidValue() {
    SQLException e = assertThrows(SQLException.class,
        () -> KlassSchema.create(KlassSettings.of("not a url", "no")));
    assertEquals("22023", e.getSQLState());
    assertEquals("Invalid value 'not a url' for connection property 'klassUrl': expected an"
        + " http or https URL", e.getMessage());
  }

  @Test
  void listedIdsMustBeKlassIds() throws SQLException {
    KlassSettings s = KlassSettings.of("http://x/api/klass/v1", "no");
    assertEquals(Set.of("131", "17"), KlassSchema.create(s, Set.of("17", "131")).listedIds());
    assertThrows(IllegalArgumentException.class, () -> KlassSchema.create(s, Set.of("0131")));
    assertThrows(IllegalArgumentException.class, () -> KlassSchema.create(s, Set.of("x")));
  }
}
