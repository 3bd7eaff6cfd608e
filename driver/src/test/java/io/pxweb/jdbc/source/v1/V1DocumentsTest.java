package io.pxweb.jdbc.source.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxweb.jdbc.model.MalformedDocumentException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The v1 document readers over the real recorded responses in {@code fixtures/pxwebapi-v1}. */
class V1DocumentsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static JsonNode fixture(String name) {
    try (InputStream in = V1DocumentsTest.class.getClassLoader()
        .getResourceAsStream("fixtures/" + name)) {
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new AssertionError(name, e);
    }
  }

  @Test
  void languageLevelListsDatabases() throws Exception {
    List<V1Node> dbs = V1Documents.listing(fixture("pxwebapi-v1/scb-v1-navigation-sv-root.json"));
    assertFalse(dbs.isEmpty());
    assertTrue(dbs.stream().allMatch(n -> n.type() == V1Node.Type.DATABASE));
    assertTrue(dbs.stream().anyMatch(n -> n.id().equals("ssd")), dbs.toString());
  }

  @Test
  void folderListingHasFoldersWithoutUpdated() throws Exception {
    List<V1Node> nodes = V1Documents.listing(
        fixture("pxwebapi-v1/scb-v1-navigation-sv-ssd-BE-BE0101.json"));
    assertEquals(20, nodes.size());
    assertTrue(nodes.stream().allMatch(n -> n.type() == V1Node.Type.FOLDER && n.updated() == null));
  }

  @Test
  void tableListingHasTablesWithLocalUpdated() throws Exception {
    List<V1Node> nodes = V1Documents.listing(
        fixture("pxwebapi-v1/scb-v1-navigation-en-ssd-BE-BE0101-BE0101A.json"));
    assertEquals(12, nodes.size());
    V1Node befolkning = nodes.stream().filter(n -> n.id().equals("BefolkningNy")).findFirst()
        .orElseThrow();
    assertEquals(V1Node.Type.TABLE, befolkning.type());
    assertEquals("2025-02-21T08:00:00", befolkning.updated());
    assertTrue(nodes.stream().anyMatch(n -> n.id().equals("BefolkManadCKM")));
  }

  @Test
  void metadataFlagsAbsentMeanFalse() throws Exception {
    V1Table t = V1Documents.table(fixture("pxwebapi-v1/scb-v1-metadata-BefolkningNy-sv.json"));
    assertEquals(List.of("Region", "Civilstand", "Alder", "Kon", "ContentsCode", "Tid"),
        t.variables().stream().map(V1Table.V1Variable::code).toList());
    V1Table.V1Variable region = t.variables().get(0);
    assertTrue(region.elimination());
    assertEquals(312, region.values().size());
    assertEquals(region.values().size(), region.valueTexts().size());
    V1Table.V1Variable contents = t.variables().get(4);
    assertFalse(contents.elimination());
    assertFalse(contents.time());
    V1Table.V1Variable tid = t.variables().get(5);
    assertTrue(tid.time());
    assertFalse(tid.elimination());
    assertTrue(t.variables().get(2).values().contains("100+"));
  }

  @Test
  void valueOrderDiffersByLanguageButCodesAgree() throws Exception {
    V1Table sv = V1Documents.table(fixture("pxwebapi-v1/scb-v1-metadata-BefolkningNy-sv.json"));
    V1Table en = V1Documents.table(fixture("pxwebapi-v1/scb-v1-metadata-BefolkningNy-en.json"));
    List<String> svCodes = sv.variables().get(1).values();
    List<String> enCodes = en.variables().get(1).values();
    assertEquals(List.of("OG", "G", "SK", "ÄNKL"), svCodes);
    assertEquals(List.of("OG", "G", "ÄNKL", "SK"), enCodes);
  }

  @Test
  void ssbMetadataReads() throws Exception {
    V1Table t = V1Documents.table(fixture("pxwebapi-v1/ssb-v1-metadata-13861-no.json"));
    assertTrue(t.variables().stream().anyMatch(V1Table.V1Variable::time));
    assertTrue(t.variables().stream().anyMatch(v -> v.code().equals("ContentsCode")));
  }

  @Test
  void configOfScb() {
    V1Limits l = V1Documents.limits(fixture("pxwebapi-v1/scb-v1-config-BefolkningNy-en.json"));
    assertEquals(new V1Limits(110000, 150000, 30, 10), l);
    assertEquals(150000, l.cellLimit());
  }

  @Test
  void noConfigIsUnknownAndFallsBack() {
    assertEquals(V1Limits.UNKNOWN, V1Documents.limits(MAPPER.missingNode()));
    assertEquals(V1Limits.UNKNOWN, V1Documents.limits(MAPPER.getNodeFactory().textNode("")));
    V1Limits partial = new V1Limits(1000, 0, 0, 0);
    assertEquals(new V1Limits(1000, 5000, 10, 10),
        partial.orElse(new V1Limits(5000, 5000, 10, 10)));
    assertEquals(1000, partial.cellLimit());
  }

  @Test
  void contentsFromDataResponses() {
    V1Documents.Contents fi = V1Documents.contents(
        fixture("pxwebapi-v1/statfin-v1-data-vaerak-11rc-sv-jsonstat2-response.json"));
    assertEquals("Tiedot", fi.variable());
    assertFalse(fi.units().isEmpty());
    V1Documents.Contents ssb = V1Documents.contents(fixture("ssb-v1-jsonstat2/data-13861.json"));
    assertEquals("ContentsCode", ssb.variable());
    assertTrue(ssb.units().values().stream().anyMatch(u -> u.decimals() == 3));
    assertTrue(ssb.units().values().stream().anyMatch(u -> u.decimals() == 1));
    // Greenland: no role.metric, and a synthetic ContentsCode outside "id".
    assertNull(V1Documents.contents(
        fixture("pxwebapi-v1/statgl-v1-data-UDXUMG3-en-jsonstat2-response.json")));
  }

  @Test
  void malformedDocumentsAreRejected() {
    assertThrows(MalformedDocumentException.class,
        () -> V1Documents.listing(MAPPER.readTree("{\"id\":\"x\"}")));
    assertThrows(MalformedDocumentException.class,
        () -> V1Documents.listing(MAPPER.readTree("[{\"id\":\"x\",\"type\":\"q\"}]")));
    assertThrows(MalformedDocumentException.class,
        () -> V1Documents.table(MAPPER.readTree("[]")));
    assertThrows(MalformedDocumentException.class, () -> V1Documents.table(MAPPER.readTree(
        "{\"title\":\"t\",\"variables\":[{\"code\":\"a\",\"values\":[\"1\",\"2\"],"
            + "\"valueTexts\":[\"one\"]}]}")));
  }
}
