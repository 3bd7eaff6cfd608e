package io.pxweb.jdbc.source.px;

import static io.pxweb.jdbc.source.px.PxFixtures.write;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.model.Cube;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DATA section: selections, symbols, the KEYS form, and files whose DATA is wrong. */
class PxDataReaderTest {
  @TempDir
  Path dir;

  /** A 2 (region) x 2 (contents) x 3 (year) table; STUB region, HEADING contents and year. */
  static String header(String extra) {
    return "CHARSET=\"ANSI\";\nLANGUAGE=\"en\";\nMATRIX=\"T1\";\nSUBJECT-CODE=\"X\";\n"
        + "SUBJECT-AREA=\"X\";\nDECIMALS=1;\nTITLE=\"t\";\nCONTENTS=\"c\";\nUNITS=\"u\";\n"
        + "STUB=\"region\";\nHEADING=\"contents\",\"year\";\nCONTVARIABLE=\"contents\";\n"
        + "VALUES(\"region\")=\"North\",\"South\";\nCODES(\"region\")=\"N\",\"S\";\n"
        + "VALUES(\"contents\")=\"Count\",\"Share\";\nCODES(\"contents\")=\"C\",\"P\";\n"
        + "VALUES(\"year\")=\"2001\",\"2002\",\"2003\";\n"
        + "TIMEVAL(\"year\")=TLIST(A1),\"2001\",\"2002\",\"2003\";\n"
        + extra;
  }

  private PxTableLayout table(String text) throws Exception {
    return PxFixtures.layout(write(dir.resolve("t.px"), text, ISO_8859_1));
  }

  private static Cube read(PxTableLayout t, int[][] selected) throws Exception {
    return new PxDataReader(t, PxMetadataMapper.symbols(t, "en"), () -> false).read(selected);
  }

  private static String cells(Cube c) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < c.cellCount(); i++) {
      b.append(i == 0 ? "" : " ").append(c.isNull(i) ? String.valueOf(c.status(i))
          : c.value(i) == Math.rint(c.value(i)) ? Long.toString((long) c.value(i))
          : Double.toString(c.value(i)));
    }
    return b.toString();
  }

  @Test
  void keepsOnlyTheSelectedCellsInSelectionOrder() throws Exception {
    PxTableLayout t = table(header("DATA=\n1 2 3 4 5 6\n7 8 9 10 11 12\n;"));
    Cube all = read(t, PxFixtureFilesTest.all(t));
    assertEquals("1 2 3 4 5 6 7 8 9 10 11 12", cells(all));
    assertEquals(List.of("region", "contents", "year"), all.dimensionIds());
    // South only, Share only, years 2003 and 2001 (in that order).
    Cube some = read(t, new int[][] {{1}, {1}, {2, 0}});
    assertEquals("12 10", cells(some));
    assertEquals(Map.of("2003", 0, "2001", 1), some.positions(2));
    assertEquals(Map.of("S", 0), some.positions(0));
  }

  @Test
  void delimitersAreSpaceTabCommaSemicolonAndLineBreaks() throws Exception {
    PxTableLayout t = table(header("DATA=\n1,2;3\t4\r\n5 ,6 7\n\n8;9,10\t11 12;\n"));
    assertEquals("1 2 3 4 5 6 7 8 9 10 11 12", cells(read(t, PxFixtureFilesTest.all(t))));
  }

  @Test
  void numbersKeepTheirValue() throws Exception {
    PxTableLayout t = table(header("DATA=\n-4.2 +3 0.1 1e3 2.50 123456789012.345\n"
        + "0.000001 -0 12345678901234567890 .5 5. 007\n;"));
    Cube c = read(t, PxFixtureFilesTest.all(t));
    double[] expected = {-4.2, 3, 0.1, 1000, 2.5, 123456789012.345, 0.000001, -0.0,
        12345678901234567890.0, 0.5, 5, 7};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], c.value(i), "cell " + i);
    }
    assertEquals(Double.parseDouble("2382.7"), PxDataReader.parseNumber("2382.7"));
    assertTrue(Double.isNaN(PxDataReader.parseNumber("1.2.3")));
    assertTrue(Double.isNaN(PxDataReader.parseNumber("0x10")));
    assertTrue(Double.isNaN(PxDataReader.parseNumber("1.5d")));
  }

  @Test
  void symbolsBecomeStatusesWithTheirDisplayText() throws Exception {
    // SSB's remapping: stored "." shows "..", ".." shows "...", "..." shows ":".
    PxTableLayout t = table(header("DATASYMBOL1=\"..\";\nDATASYMBOL2=\"...\";\n"
        + "DATASYMBOL3=\":\";\nDATASYMBOLNIL=\"nil\";\nDATASYMBOLSUM=\"sum\";\nDATA=\n"
        + "\".\" \"..\" \"...\" \"....\" \"-\" \".......\"\n"
        + ".. - \"x\" 4 5 6\n;"));
    Cube c = read(t, PxFixtureFilesTest.all(t));
    assertEquals(".. ... : .... nil sum ... nil x 4 5 6", cells(c));
    for (int i = 0; i < 9; i++) {
      assertTrue(c.isNull(i), "cell " + i);
    }
    assertNull(c.status(9));
  }

  @Test
  void withoutDataSymbolsTheStoredTextIsTheStatus() throws Exception {
    PxTableLayout t = table(header("DATA=\n\".\" \"..\" \"......\" \"-\" \".......\" 1\n"
        + "1 2 3 4 5 6;"));
    assertEquals(". .. ...... - ....... 1 1 2 3 4 5 6",
        cells(read(t, PxFixtureFilesTest.all(t))));
  }

  @Test
  void keysFormWithCodesAndValuesInAnyOrderMissingRowsAreZero() throws Exception {
    String twoStub = header("").replace("STUB=\"region\";", "STUB=\"region\",\"sex\";")
        .replace("HEADING=\"contents\",\"year\";", "HEADING=\"contents\",\"year\";\n"
            + "VALUES(\"sex\")=\"men\",\"women\";\nCODES(\"sex\")=\"1\",\"2\";");
    PxTableLayout t = table(twoStub + "KEYS(\"region\")=CODES;\nKEYS(\"sex\")=VALUES;\nDATA=\n"
        + "\"S\",\"women\",1 2 3 4 5 6\n"
        + "\"N\",\"men\",7 8 9 10 \"..\" 12\n;");
    assertTrue(t.keyed());
    Cube c = read(t, PxFixtureFilesTest.all(t));
    assertEquals(List.of("region", "sex", "contents", "year"), c.dimensionIds());
    assertEquals("7 8 9 10 .. 12 0 0 0 0 0 0 0 0 0 0 0 0 1 2 3 4 5 6", cells(c));
    assertEquals("3 6", cells(read(t, new int[][] {{1}, {1}, {0, 1}, {2}})));
  }

  @Test
  void keysErrorsNameTheLine() throws Exception {
    String keys = "KEYS(\"region\")=CODES;\nDATA=\n";
    int dataLine = header(keys).split("\n").length;
    PxTableLayout unknown = table(header(keys + "\"N\",1 2 3 4 5 6\n\"E\",1 2 3 4 5 6\n;"));
    PxFormatException e = assertThrows(PxFormatException.class,
        () -> read(unknown, PxFixtureFilesTest.all(unknown)));
    assertEquals(dataLine + 2, e.line());
    assertTrue(e.detail().startsWith("unknown key \"E\" for variable \"region\""), e.detail());

    PxTableLayout twice = table(header(keys + "\"N\",1 2 3 4 5 6\n\"N\",1 2 3 4 5 6\n;"));
    e = assertThrows(PxFormatException.class, () -> read(twice, PxFixtureFilesTest.all(twice)));
    assertEquals(dataLine + 2, e.line());

    PxTableLayout shortRow = table(header(keys + "\"N\",1 2 3 4 5\n;"));
    e = assertThrows(PxFormatException.class,
        () -> read(shortRow, PxFixtureFilesTest.all(shortRow)));
    assertTrue(e.detail().contains("has 5 values, but the HEADING has 6"), e.detail());

    PxFormatException missing = assertThrows(PxFormatException.class, () -> table(
        header("").replace("STUB=\"region\";", "STUB=\"region\",\"sex\";")
            .replace("CONTVARIABLE", "VALUES(\"sex\")=\"m\";\nCONTVARIABLE")
            + keys + "\"N\",\"m\",1 2 3 4 5 6;"));
    assertTrue(missing.detail().contains("KEYS(\"sex\")"), missing.detail());
  }

  @Test
  void tooFewValuesNameTheLastLine() throws Exception {
    PxTableLayout t = table(header("DATA=\n1 2 3 4 5 6\n7 8 9 10 11\n;"));
    int dataLine = header("DATA=\n").split("\n").length;
    PxFormatException e = assertThrows(PxFormatException.class,
        () -> read(t, PxFixtureFilesTest.all(t)));
    assertEquals(dataLine + 2, e.line());
    assertEquals("DATA has 11 values, but the table has 12 cells (STUB 2 by HEADING 2x3)",
        e.detail());
  }

  @Test
  void tooManyValuesNameTheLineOfTheFirstExtraValue() throws Exception {
    PxTableLayout t = table(header("DATA=\n1 2 3 4 5 6\n7 8 9 10 11 12\n13\n;"));
    int dataLine = header("DATA=\n").split("\n").length;
    PxFormatException e = assertThrows(PxFormatException.class,
        () -> read(t, PxFixtureFilesTest.all(t)));
    assertEquals(dataLine + 3, e.line());
    assertTrue(e.detail().startsWith("DATA has more values than the 12 cells"), e.detail());
    // Even when only some cells are selected, the whole section is checked.
    assertThrows(PxFormatException.class, () -> read(t, new int[][] {{0}, {0}, {0}}));
  }

  @Test
  void aValueThatIsNoNumberNamesItsLine() throws Exception {
    PxTableLayout t = table(header("DATA=\n1 2 3 4 5 6\n7 8 nine 10 11 12\n;"));
    int dataLine = header("DATA=\n").split("\n").length;
    PxFormatException e = assertThrows(PxFormatException.class,
        () -> read(t, PxFixtureFilesTest.all(t)));
    assertEquals(dataLine + 2, e.line());
    assertEquals("not a number: 'nine'", e.detail());
  }

  @Test
  void cancellationStopsTheReadBetweenRows() throws Exception {
    PxTableLayout t = table(header("DATA=\n1 2 3 4 5 6\n7 8 9 10 11 12\n;"));
    AtomicInteger checks = new AtomicInteger();
    PxDataReader reader = new PxDataReader(t, PxMetadataMapper.symbols(t, "en"),
        () -> checks.incrementAndGet() > 1);
    assertThrows(CancellationException.class, () -> reader.read(PxFixtureFilesTest.all(t)));
    assertEquals(2, checks.get());
  }
}
