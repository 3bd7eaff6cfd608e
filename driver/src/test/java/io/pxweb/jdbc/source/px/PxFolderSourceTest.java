package io.pxweb.jdbc.source.px;

import static io.pxweb.jdbc.source.px.PxFixtures.copy;
import static io.pxweb.jdbc.source.px.PxFixtures.write;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.model.DataRequest;
import io.pxweb.jdbc.model.Selection;
import io.pxweb.jdbc.model.Cube;
import io.pxweb.jdbc.model.SourceDescription;
import io.pxweb.jdbc.model.TableEntry;
import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.model.Variable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder as a statbank: listing, subject paths, languages, requests, and bad files. */
class PxFolderSourceTest {
  @TempDir
  Path dir;

  private static List<String> ids(List<TableEntry> entries) {
    return entries.stream().map(TableEntry::id).toList();
  }

  /** A request for every value of every variable. */
  static DataRequest all(TableMetadata m) {
    List<Selection> s = new ArrayList<>();
    for (Variable v : m.variables()) {
      s.add(new Selection(v.code(), true, v.values().stream().map(x -> x.code()).toList(),
          IntStream.range(0, v.size()).boxed().toList()));
    }
    return new DataRequest(m.id(), s);
  }

  @Test
  void aMissingFolderIs08001() {
    SQLException e = assertThrows(SQLException.class,
        () -> new PxFolderSource(dir.resolve("nowhere")));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
    Path file = write(dir.resolve("a.px"), "x", ISO_8859_1);
    assertEquals("08001", assertThrows(SQLException.class, () -> new PxFolderSource(file))
        .getSQLState());
  }

  @Test
  void subFoldersAreSubjectPathsAndConfigOffersEveryLanguage() throws Exception {
    copy("pxwebapi-testdb/TAB001.px", dir, "population/census");
    copy("px-files/TAB2936.px", dir, "labour");
    copy("px-files/WeeklyStatisticsWithTwoContent.px", dir, "");
    copy("px-files/tab_12909_metaid.px", dir, "");
    PxFolderSource source = new PxFolderSource(dir);
    assertEquals(dir.toUri().toString().replaceAll("/$", ""), source.location());

    SourceDescription config = source.config();
    // Two files say LANGUAGE="no", two "en" (one of them also has "sv"): the first most common
    // is the default, then every other language in the order the files bring them.
    assertEquals("no", config.defaultLanguage());
    assertEquals(List.of("no", "en", "sv"), config.languages());
    assertEquals(PxFolderSource.MAX_DATA_CELLS, config.maxDataCells());
    assertEquals(0, config.maxCallsPerTimeWindow());
    assertEquals(List.of("px"), config.dataFormats());

    List<TableEntry> tables = source.tables("en", 20);
    // Path order: upper case before lower case.
    assertEquals(List.of("03024", "TAB2936", "TAB001", "12909"), ids(tables));
    assertEquals(List.of(List.of(new TableEntry.Folder("labour", "labour"))),
        tables.get(1).paths());
    assertEquals(List.of(List.of(new TableEntry.Folder("population", "population"),
        new TableEntry.Folder("census", "census"))), tables.get(2).paths());
    // A file at the root has its SUBJECT-CODE and SUBJECT-AREA.
    assertEquals(List.of(List.of(new TableEntry.Folder("al", "Arbeid og lønn"))),
        tables.get(3).paths());
    assertEquals("Population by region, sex, age, contents and year", tables.get(2).label());
    assertEquals("Befolkning efter region, kön, ålder, tabellinnehåll och år",
        source.tables("sv", 20).get(2).label());
  }

  @Test
  void menuGivesIdsAndLabelsEvenForAFlatCopy() throws Exception {
    for (String f : List.of("TAB001.px", "TAB003.px", "TAB004.px", "Menu2.xml")) {
      copy("pxwebapi-testdb/" + f, dir, "");
    }
    PxFolderSource source = new PxFolderSource(dir);
    List<TableEntry> en = source.tables("en", 20);
    assertEquals(List.of("TAB001", "TAB003", "TAB004"), ids(en));
    assertEquals(List.of(List.of(new TableEntry.Folder("EN", "Environment"),
        new TableEntry.Folder("EN02", "Miscellaneous"))), en.get(2).paths());
    List<TableEntry> sv = source.tables("sv", 20);
    assertEquals("Befolkning", sv.get(0).paths().get(0).get(0).label());
    assertEquals("PO", sv.get(0).paths().get(0).get(0).id());
  }

  @Test
  void menuPathsFollowTheFolderStructureWhenItMatches() throws Exception {
    copy("pxwebapi-testdb/TAB004.px", dir, "Database/EN/EN02");
    copy("pxwebapi-testdb/Menu2.xml", dir, "");
    assertEquals(List.of(List.of(new TableEntry.Folder("EN", "Environment"),
        new TableEntry.Folder("EN02", "Miscellaneous"))),
        new PxFolderSource(dir).tables("en", 20).get(0).paths());
  }

  @Test
  void dataStreamsTheSelectedCells() throws Exception {
    copy("px-files/TAB2936.px", dir, "labour");
    PxFolderSource source = new PxFolderSource(dir);
    TableMetadata m = source.metadata("tab2936", "en");
    List<Selection> s = new ArrayList<>(all(m).selections());
    // Kon = 1+2 (position 2), Tid = 2026M01 (position 2), everything else.
    s.set(0, new Selection("Kon", false, List.of("1+2"), List.of(2)));
    s.set(3, new Selection("Tid", false, List.of("2026M01"), List.of(2)));
    Cube c = source.data(new DataRequest("TAB2936", s), "en", null);
    assertEquals(List.of("Kon", "FackligOrg", "ContentsCode", "Tid", "AnstForm"),
        c.dimensionIds());
    assertEquals(7 * 3, c.cellCount());
    assertEquals(4704.2, c.value(0));
  }

  @Test
  void aCancelledBudgetStopsTheRead() throws Exception {
    copy("px-files/TAB2936.px", dir, "");
    PxFolderSource source = new PxFolderSource(dir);
    DataRequest request = all(source.metadata("TAB2936", "en"));
    // Another thread would cancel while the rows are read; here it is cancelled before.
    io.pxweb.jdbc.model.CallBudget budget = io.pxweb.jdbc.model.CallBudget.start(0, "none");
    budget.cancel();
    SQLException e = assertThrows(SQLException.class, () -> source.data(request, "en", budget));
    assertEquals("57014", e.getSQLState());
  }

  @Test
  void unknownTablesVariablesAndValues() throws Exception {
    copy("px-files/TAB2936.px", dir, "");
    PxFolderSource source = new PxFolderSource(dir);
    assertEquals("42S02", assertThrows(SQLException.class,
        () -> source.metadata("NOPE", "en")).getSQLState());
    TableMetadata m = source.metadata("TAB2936", "en");
    List<Selection> s = new ArrayList<>(all(m).selections());
    s.set(1, new Selection("FackligOrg", false, List.of("nope"), List.of(0)));
    SQLException e = assertThrows(SQLException.class,
        () -> source.data(new DataRequest("TAB2936", s), "en", null));
    assertEquals("22023", e.getSQLState());
    s.set(1, new Selection("Other", true, List.of("LO"), List.of(1)));
    assertEquals("42S22", assertThrows(SQLException.class,
        () -> source.data(new DataRequest("TAB2936", s), "en", null)).getSQLState());
  }

  @Test
  void aChangedFileIsReadAgain() throws Exception {
    Path file = write(dir.resolve("t.px"), PxDataReaderTest.header("DATA=\n1 2 3 4 5 6\n"
        + "7 8 9 10 11 12;"), ISO_8859_1);
    PxFolderSource source = new PxFolderSource(dir);
    assertEquals("t", source.tables("en", 20).get(0).label());
    write(file, PxDataReaderTest.header("DATA=\n1 2 3 4 5 6\n7 8 9 10 11 12;")
        .replace("TITLE=\"t\"", "TITLE=\"changed\""), ISO_8859_1);
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000));
    assertEquals("changed", source.metadata("T1", "en").label());
  }

  @Test
  void aSecondFileWithTheSameIdIsSkipped() throws Exception {
    copy("px-files/TAB2936.px", dir, "a");
    copy("px-files/TAB2936.px", dir, "b");
    List<TableEntry> tables = new PxFolderSource(dir).tables("en", 20);
    assertEquals(1, tables.size());
    assertEquals("a", tables.get(0).paths().get(0).get(0).id());
  }

  @Test
  void aLanguageTheFileLacksGivesItsOwnAndMissingTranslationsComeFromIt() throws Exception {
    write(dir.resolve("t.px"), PxDataReaderTest.header("LANGUAGES=\"sv\",\"en\";\n"
        + "TITLE[sv]=\"tabell\";\nSTUB[sv]=\"region\";\nHEADING[sv]=\"innehåll\",\"år\";\n"
        + "VALUES[sv](\"region\")=\"Norr\",\"Söder\";\n"
        + "VALUES[sv](\"innehåll\")=\"Antal\",\"Andel\";\nUNITS[sv]=\"st\";\n"
        + "DATA=\n1 2 3 4 5 6\n7 8 9 10 11 12;"), ISO_8859_1);
    PxFolderSource source = new PxFolderSource(dir);
    assertEquals(List.of("en", "sv"), source.config().languages());
    TableMetadata sv = source.metadata("T1", "sv");
    assertEquals("tabell", sv.label());
    assertEquals("Söder", sv.variable("region").values().get(1).label());
    assertEquals("innehåll", sv.variable("contents").label());
    assertEquals("Andel", sv.contentVariable().values().get(1).label());
    assertEquals("st", sv.contentVariable().values().get(1).unit());
    // No VALUES[sv] for the year: the default language's.
    assertEquals("2001", sv.variable("year").values().get(0).label());
    assertEquals("t", source.metadata("T1", "de").label());
    assertEquals("South", source.metadata("T1", "en").variable("region").values().get(1).label());
  }
}
