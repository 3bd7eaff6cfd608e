package io.pxweb.jdbc.source.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalogue of v1 servers shipped in the driver. */
class ServerCatalogueTest {
  private final ServerCatalogue catalogue = ServerCatalogue.standard();

  @Test
  void requiredAliasesAreThere() {
    for (String alias : List.of("statfin", "scb-v1", "hagstofa", "hagstova", "statgl",
        "stat-ee", "bfs")) {
      ServerCatalogue.Server s = catalogue.find(alias).orElseThrow(() -> new AssertionError(alias));
      assertTrue(s.urlTemplate().startsWith("https://"), s.toString());
      assertTrue(s.urlTemplate().contains("{lang}"), s.toString());
      assertFalse(s.languages().isEmpty());
      assertTrue(s.limits().cellLimit() > 0, s.toString());
    }
  }

  @Test
  void aliasesAreUniqueAndVerificationNamed() {
    var seen = new HashSet<String>();
    for (ServerCatalogue.Server s : catalogue.servers()) {
      assertTrue(seen.add(s.alias().toLowerCase(java.util.Locale.ROOT)), s.alias());
      assertTrue(List.of("fixture", "docs").contains(s.verified()), s.alias());
    }
  }

  @Test
  void languageGoesIntoThePath() {
    ServerCatalogue.Server statfin = catalogue.find("STATFIN").orElseThrow();
    assertEquals("https://pxdata.stat.fi/PXWeb/api/v1/fi/StatFin", statfin.url(null));
    assertEquals("https://pxdata.stat.fi/PXWeb/api/v1/en/StatFin", statfin.url("en"));
    // Iceland switches the application name with the language.
    assertEquals("https://px.hagstofa.is/pxen/api/v1/en",
        catalogue.find("hagstofa").orElseThrow().url("en"));
  }

  @Test
  void limitsOfScbAreItsRecordedConfig() {
    V1Limits recorded = V1Documents.limits(
        V1DocumentsTest.fixture("pxwebapi-v1/scb-v1-config-BefolkningNy-en.json"));
    assertEquals(recorded, catalogue.find("scb-v1").orElseThrow().limits());
  }

  @Test
  void fullUrlsFindTheirServer() {
    assertEquals("scb-v1", catalogue.forUrl(
        "https://api.scb.se/OV0104/v1/doris/en/ssd/BE/BE0101").orElseThrow().alias());
    assertEquals("scb-v1", catalogue.forUrl("https://api.scb.se/OV0104/v1/doris/sv")
        .orElseThrow().alias());
    assertEquals("statfin", catalogue.forUrl("https://pxdata.stat.fi/PXWeb/api/v1/en/StatFin/")
        .orElseThrow().alias());
    assertTrue(catalogue.forUrl("https://data.ssb.no/api/pxwebapi/v2").isEmpty());
  }
}
