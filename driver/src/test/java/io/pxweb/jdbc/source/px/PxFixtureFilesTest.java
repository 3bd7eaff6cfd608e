package io.pxweb.jdbc.source.px;

import static io.pxweb.jdbc.source.px.PxFixtures.fixture;
import static io.pxweb.jdbc.source.px.PxFixtures.json;
import static io.pxweb.jdbc.source.px.PxFixtures.layout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxweb.jdbc.model.Cube;
import io.pxweb.jdbc.source.v2.ApiDocuments;
import io.pxweb.jdbc.model.TableEntry;
import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.model.Value;
import io.pxweb.jdbc.model.Variable;
import io.pxweb.jdbc.model.VariableRole;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every fixture PX file parses and maps; the six files the test server serves map to exactly the
 * metadata, table entries and cells the server has for them (recorded from the reference server
 * for TAB001/3/4, derived by the fixture script for the others).
 */
class PxFixtureFilesTest {

  static Stream<Arguments> served() {
    return Stream.of(
        Arguments.of("pxwebapi-testdb/TAB001.px", "pxwebapi-server-expected/metadata-TAB001.json",
            "derived/cube-TAB001.json"),
        Arguments.of("pxwebapi-testdb/TAB003.px", "pxwebapi-server-expected/metadata-TAB003.json",
            "derived/cube-TAB003.json"),
        Arguments.of("pxwebapi-testdb/TAB004.px", "pxwebapi-server-expected/metadata-TAB004.json",
            "derived/cube-TAB004.json"),
        Arguments.of("px-files/TAB2936.px", "derived/metadata-TAB2936.json",
            "derived/cube-TAB2936.json"),
        Arguments.of("px-files/tab_12909_metaid.px", "derived/metadata-12909.json",
            "derived/cube-12909.json"),
        Arguments.of("px-files/WeeklyStatisticsWithTwoContent.px", "derived/metadata-03024.json",
            "derived/cube-03024.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"pxwebapi-testdb/TAB001.px", "pxwebapi-testdb/TAB002.px",
      "pxwebapi-testdb/TAB003.px", "pxwebapi-testdb/TAB004.px", "pxwebapi-testdb/TAB005.px",
      "px-files/BE0101A1_with_notes.px", "px-files/HalfYearStatistics.px",
      "px-files/MultipleContentSmall.px", "px-files/NAAC01_20230728-205316.px",
      "px-files/PR0101B3.px", "px-files/TAB2936.px", "px-files/WeeklyStatisticsWithTwoContent.px",
      "px-files/tab_12909_metaid.px", "pxwebapi-server-expected/data-TAB004-fewcells.px"})
  void everyFixtureParsesMapsAndReadsAllItsCells(String file) throws Exception {
    PxTableLayout t = layout(fixture(file));
    for (String lang : PxMetadataMapper.languages(t.file(), "en")) {
      TableMetadata m = PxMetadataMapper.metadata(t, lang);
      assertEquals(t.id(), m.id());
      assertTrue(m.label() != null && !m.label().isBlank(), "label of " + file);
      assertTrue(m.contentVariable() != null, "content variable of " + file);
      TableEntry e = PxMetadataMapper.entry(t, lang, List.of());
      assertEquals(m.variables().size(), e.variableNames().size());
    }
    Cube cube = new PxDataReader(t, PxMetadataMapper.symbols(t, null), () -> false)
        .read(all(t));
    long cells = 1;
    for (PxTableLayout.Dim d : t.variables()) {
      cells *= d.size();
    }
    assertEquals(cells, cube.cellCount());
  }

  @ParameterizedTest
  @MethodSource("served")
  void mapsAsTheServerDoes(String file, String metadataFile, String cubeFile) throws Exception {
    PxTableLayout t = layout(fixture(file));
    JsonNode expectedJson = json(metadataFile);
    TableMetadata expected = ApiDocuments.metadata(t.id(), expectedJson);
    TableMetadata actual = PxMetadataMapper.metadata(t, null);
    assertEquals(expected.label(), actual.label());
    assertEquals(expected.source(), actual.source());
    if (expected.updated().matches("\\d{4}-.*")) {
      assertEquals(expected.updated(), actual.updated());
    }
    assertEquals(expected.notes(), actual.notes());
    assertEquals(expected.variables().size(), actual.variables().size());
    for (int v = 0; v < expected.variables().size(); v++) {
      Variable e = expected.variables().get(v);
      Variable a = actual.variables().get(v);
      assertEquals(e.code(), a.code());
      assertEquals(e.label(), a.label(), e.code());
      assertEquals(e.role(), a.role(), e.code());
      assertEquals(e.elimination(), a.elimination(), e.code());
      assertEquals(e.eliminationValueCode(), a.eliminationValueCode(), e.code());
      assertEquals(e.size(), a.size(), e.code());
      for (int j = 0; j < e.size(); j++) {
        Value ev = e.values().get(j);
        Value av = a.values().get(j);
        assertEquals(List.of(ev.code(), ev.label(), String.valueOf(ev.unit())),
            List.of(av.code(), av.label(), String.valueOf(av.unit())), e.code());
        if (e.role() == VariableRole.CONTENT) {
          // The server's decimals are the shown ones; the folder reads the stored digits.
          assertEquals(ev.decimals(), av.showDecimals(), ev.code());
          assertTrue(av.decimals() >= ev.decimals(), ev.code());
        }
      }
    }

    // Every cell, value and status, as the server's cube has it.
    JsonNode cube = json(cubeFile);
    Cube read = new PxDataReader(t, PxMetadataMapper.symbols(t, null), () -> false).read(all(t));
    assertEquals(cube.path("value").size(), read.cellCount());
    for (int i = 0; i < read.cellCount(); i++) {
      JsonNode v = cube.path("value").get(i);
      if (v.isNull()) {
        assertTrue(read.isNull(i), "cell " + i);
      } else {
        assertEquals(v.asDouble(), read.value(i), "cell " + i);
      }
      JsonNode status = cube.path("status").get(Integer.toString(i));
      assertEquals(status == null ? null : status.asText(), read.status(i), "status of " + i);
    }
  }

  @Test
  void tableEntriesMatchTheServersList() throws Exception {
    JsonNode page = json("pxwebapi-server-expected/tables-page1.json").path("tables");
    for (JsonNode expected : page) {
      String id = expected.path("id").asText();
      check(ApiDocuments.tableEntry(expected), "pxwebapi-testdb/" + id + ".px");
    }
    check(ApiDocuments.tableEntry(json("derived/table-TAB2936.json")), "px-files/TAB2936.px");
    check(ApiDocuments.tableEntry(json("derived/table-12909.json")),
        "px-files/tab_12909_metaid.px");
    check(ApiDocuments.tableEntry(json("derived/table-03024.json")),
        "px-files/WeeklyStatisticsWithTwoContent.px");
  }

  private static void check(TableEntry expected, String file) throws Exception {
    PxTableLayout t = layout(fixture(file));
    TableEntry actual = PxMetadataMapper.entry(t, null, expected.paths());
    assertEquals(expected.id(), actual.id());
    assertEquals(expected.label(), actual.label());
    assertEquals(expected.description(), actual.description());
    assertEquals(expected.updated(), actual.updated(), file);
    assertEquals(expected.firstPeriod(), actual.firstPeriod());
    assertEquals(expected.lastPeriod(), actual.lastPeriod());
    assertEquals(expected.timeUnit(), actual.timeUnit());
    assertEquals(expected.variableNames(), actual.variableNames());
    assertEquals(expected.source(), actual.source());
  }

  @Test
  void secondLanguageTakesTranslatedTextsAndKeepsCodes() throws Exception {
    PxTableLayout t = layout(fixture("pxwebapi-testdb/TAB001.px"));
    TableMetadata sv = PxMetadataMapper.metadata(t, "sv");
    assertEquals("Befolkning efter region, kön, ålder, tabellinnehåll och år", sv.label());
    Variable sex = sv.variable("SEX");
    assertEquals("kön", sex.label());
    assertEquals(List.of(new Value("F", "Kvinnor", null, 0), new Value("M", "Män", null, 0),
        new Value("T", "Totalt", null, 0)), sex.values());
    assertEquals("TOTAL", sv.variable("AGE").eliminationValueCode());
    assertEquals(new Value("HNMGA", "Befolkning", "antal", 0, 0),
        sv.contentVariable().values().get(0));
    // A language the file lacks gives its own.
    assertEquals("Population by region, sex, age, contents and year",
        PxMetadataMapper.metadata(t, "no").label());
  }

  @Test
  void tableWithoutContentVariableGetsTheServersSyntheticOne() throws Exception {
    PxTableLayout t = layout(fixture("px-files/PR0101B3.px"));
    TableMetadata m = PxMetadataMapper.metadata(t, "en");
    Variable content = m.variables().get(0);
    assertEquals("CONTENTS", content.code());
    assertEquals(VariableRole.CONTENT, content.role());
    assertEquals(List.of(new Value("content",
        "Consumer Price Index (CPI) (by COICOP), 1980=100", "Index", 2, 1)), content.values());
    assertEquals(List.of("CONTENTS", "Product group", "period"),
        m.variables().stream().map(Variable::code).toList());
    // No CODES: the value texts are the codes; the TIMEVAL makes it monthly.
    assertEquals("2006M01", m.timeVariable().values().get(0).code());
    assertEquals("Monthly", PxMetadataMapper.entry(t, "en", List.of()).timeUnit());
    // No CONTVARIABLE and no LAST-UPDATED per value: the table's LAST-UPDATED.
    assertEquals("2006-06-11T12:31:00Z", m.updated());
  }

  @Test
  void halfYearTableIsOtherAndReadsTheStoredDecimals() throws Exception {
    PxTableLayout t = layout(fixture("px-files/HalfYearStatistics.px"));
    TableEntry e = PxMetadataMapper.entry(t, "en", List.of());
    assertEquals("statfin_ktps_pxt_111p", e.id());
    assertEquals("Other", e.timeUnit());
    assertEquals("1995H1", e.firstPeriod());
    TableMetadata m = PxMetadataMapper.metadata(t, "en");
    // DECIMALS=4, SHOWDECIMALS=1: cells keep their four stored decimals.
    assertEquals(new Value("alkuperainen", "Original index series", "Index point", 4, 1),
        m.contentVariable().values().get(0));
    assertEquals("Puolivuosi", m.timeVariable().code());
  }

  @Test
  void utf8FileWithLatin1HeaderReadsAsUtf8() throws Exception {
    PxTableLayout t = layout(fixture("pxwebapi-server-expected/data-TAB004-fewcells.px"));
    assertEquals("UTF-8", t.file().charset().name());
    assertEquals("Miljö", t.file().find("SUBJECT-AREA", "sv", List.of()).first());
    assertNull(t.timeList().periods().size() == 1 ? null : "one period");
  }

  static int[][] all(PxTableLayout t) {
    int[][] out = new int[t.variables().size()][];
    for (int v = 0; v < out.length; v++) {
      out[v] = java.util.stream.IntStream.range(0, t.variables().get(v).size()).toArray();
    }
    return out;
  }
}
