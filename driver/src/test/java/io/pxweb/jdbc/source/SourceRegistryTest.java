package io.pxweb.jdbc.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.PxWebDriver;
import io.pxweb.jdbc.PxWebProperty;
import io.pxweb.jdbc.model.CallBudget;
import io.pxweb.jdbc.model.Cube;
import io.pxweb.jdbc.model.DataRequest;
import io.pxweb.jdbc.model.SourceDescription;
import io.pxweb.jdbc.model.TableEntry;
import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.source.px.PxFolderSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Sources as plug-ins: a source registered by a test, and by no other file, is reached by its
 * alias and its URL form, is a choice of {@code apiVersion}, and serves queries; the built-in
 * sources are detected by their locations' forms as before.
 */
class SourceRegistryTest {

  /** A source of its own URL form ({@code mirror:<folder>}) that serves a PX folder, counting calls. */
  static class MirrorProvider implements SourceProvider {
    final AtomicInteger dataCalls = new AtomicInteger();
    final List<String> opened = new ArrayList<>();

    @Override public String name() {
      return "mirror";
    }

    @Override public String description() {
      return "a test's source: mirror:<folder of PX files>";
    }

    @Override public Map<String, String> aliases() {
      return Map.of("mirrorbank", "mirror:" + Path.of("../samples/db").toAbsolutePath());
    }

    @Override public Optional<String> accept(String location) {
      return location.startsWith("mirror:") ? Optional.of(location) : Optional.empty();
    }

    @Override public Optional<Boolean> recognise(String location) {
      return Optional.of(true);
    }

    @Override public StatbankSource open(String location, SourceOptions options)
        throws SQLException {
      opened.add(location);
      PxFolderSource folder = new PxFolderSource(Path.of(location.substring(7)));
      return new StatbankSource() {
        @Override public String location() {
          return location;
        }

        @Override public SourceDescription config() throws SQLException {
          return folder.config();
        }

        @Override public List<TableEntry> tables(String lang, int pageSize) throws SQLException {
          return folder.tables(lang, pageSize);
        }

        @Override public TableMetadata metadata(String tableId, String lang) throws SQLException {
          return folder.metadata(tableId, lang);
        }

        @Override public Cube data(DataRequest request, String lang, CallBudget budget)
            throws SQLException {
          dataCalls.incrementAndGet();
          return folder.data(request, lang, budget);
        }
      };
    }
  }

  @Test
  void aRegisteredSourceIsReachedByItsAliasAndServesQueries() throws SQLException {
    MirrorProvider mirror = new MirrorProvider();
    try (SourceRegistry.Registration r = SourceRegistry.register(mirror);
         Connection c = DriverManager.getConnection("jdbc:pxweb:mirrorbank;lang=en");
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT \"TIME\", \"Emission\" FROM \"TAB004\""
             + " WHERE GREENHOUSEGAS = 'CO2' AND SECTOR = '1.0' ORDER BY \"TIME\" DESC")) {
      assertTrue(rs.next());
      assertEquals("2017", rs.getString(1));
      assertEquals(1, mirror.dataCalls.get());
      assertEquals(List.of("mirror:" + Path.of("../samples/db").toAbsolutePath()), mirror.opened);
    }
  }

  @Test
  void aRegisteredSourceIsAChoiceOfApiVersionUntilItsRegistrationEnds() throws SQLException {
    MirrorProvider mirror = new MirrorProvider();
    try (SourceRegistry.Registration r = SourceRegistry.register(mirror)) {
      assertEquals(List.of("auto", "v1", "v2", "px", "mirror"),
          PxWebProperty.API_VERSION.choices());
      DriverPropertyInfo info = Arrays.stream(new PxWebDriver().getPropertyInfo(
          "jdbc:pxweb:mirrorbank;apiVersion=mirror", new Properties()))
          .filter(p -> p.name.equals("apiVersion")).findFirst().orElseThrow();
      assertEquals("mirror", info.value);
      assertTrue(Arrays.asList(info.choices).contains("mirror"));
    }
    assertEquals(List.of("auto", "v1", "v2", "px"), PxWebProperty.API_VERSION.choices());
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:pxweb:mirrorbank"));
    assertEquals("08001", e.getSQLState());
  }

  @Test
  void aNameIsRegisteredOnce() {
    assertThrows(IllegalArgumentException.class, () -> SourceRegistry.register(
        new MirrorProvider() {
          @Override public String name() {
            return "V2";
          }
        }));
  }

  @Test
  void builtInSourcesAreDetectedByTheirLocationsForm() throws SQLException {
    assertEquals("v1", SourceRegistry.detect(
        "https://pxdata.stat.fi/PXWeb/api/v1/en/StatFin", "auto", null).name());
    assertEquals("v1", SourceRegistry.detect("https://data.ssb.no/api/v0/en/table", "auto",
        null).name());
    assertEquals("v2", SourceRegistry.detect("https://api.stat.gov.lv/api/v2", "auto", null)
        .name());
    assertEquals("px", SourceRegistry.detect("file:///tmp/px", "auto", null).name());
    // Forced: a v2 path read as v1, and a folder whatever the version says.
    assertEquals("v1", SourceRegistry.detect("https://api.stat.gov.lv/api/v2", "v1", null)
        .name());
    assertEquals("px", SourceRegistry.detect("file:///tmp/px", "v1", null).name());
    SQLException e = assertThrows(SQLException.class,
        () -> SourceRegistry.detect("https://api.stat.gov.lv/api/v2", "px", null));
    assertEquals("08001", e.getSQLState());
  }

  @Test
  void aliasesComeFromTheSources() {
    Map<String, String> aliases = SourceRegistry.aliases();
    assertEquals("https://data.ssb.no/api/pxwebapi/v2", aliases.get("ssb"));
    assertEquals("https://statistikdatabasen.scb.se/api/v2", aliases.get("scb"));
    assertTrue(aliases.get("statfin").contains("/api/v1/"), aliases.get("statfin"));
  }
}
