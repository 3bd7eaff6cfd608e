package io.pxweb.jdbc.source.px;

import static io.pxweb.jdbc.source.px.PxFixtures.write;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.model.TableMetadata;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Character sets of PX files: CODEPAGE, byte order marks, and files that belie their header. */
class PxEncodingTest {
  @TempDir
  Path dir;

  /** A small table whose texts hold non-ASCII letters, with a CODEPAGE line (or none). */
  static String table(String codepage) {
    return "CHARSET=\"ANSI\";\n"
        + (codepage == null ? "" : "CODEPAGE=\"" + codepage + "\";\n")
        + "LANGUAGE=\"sv\";\n"
        + "MATRIX=\"ENC01\";\n"
        + "SUBJECT-CODE=\"BE\";\n"
        + "SUBJECT-AREA=\"Befolkning\";\n"
        + "DECIMALS=0;\n"
        + "TITLE=\"Folkmängd efter kommun och år\";\n"
        + "CONTENTS=\"Folkmängd\";\n"
        + "UNITS=\"antal\";\n"
        + "STUB=\"kommun\";\n"
        + "HEADING=\"år\";\n"
        + "VALUES(\"kommun\")=\"Österåker\",\"Värmdö\";\n"
        + "CODES(\"kommun\")=\"0117\",\"0120\";\n"
        + "VALUES(\"år\")=\"2020\",\"2021\";\n"
        + "TIMEVAL(\"år\")=TLIST(A1),\"2020\",\"2021\";\n"
        + "DATA=\n"
        + "1 2\n"
        + "3 4;\n";
  }

  private TableMetadata read(String name, String text, Charset charset) throws Exception {
    Path file = write(dir.resolve(name), text, charset);
    return PxMetadataMapper.metadata(PxFixtures.layout(file), "sv");
  }

  private static List<String> kommuner(TableMetadata m) {
    return m.variable("kommun").values().stream().map(v -> v.label()).toList();
  }

  @Test
  void isoLatin1AsDeclared() throws Exception {
    TableMetadata m = read("latin1.px", table("iso-8859-1"), ISO_8859_1);
    assertEquals(List.of("Österåker", "Värmdö"), kommuner(m));
    assertEquals("Folkmängd efter kommun och år", m.label());
    assertEquals("år", m.timeVariable().code());
  }

  @Test
  void noCodepageMeansIsoLatin1() throws Exception {
    assertEquals(List.of("Österåker", "Värmdö"),
        kommuner(read("default.px", table(null), ISO_8859_1)));
  }

  @Test
  void utf8AsDeclared() throws Exception {
    assertEquals(List.of("Österåker", "Värmdö"),
        kommuner(read("utf8.px", table("utf-8"), UTF_8)));
  }

  @Test
  void utf8ByteOrderMarkWins() throws Exception {
    Path file = dir.resolve("bom.px");
    byte[] body = table("iso-8859-1").getBytes(UTF_8);
    byte[] bytes = new byte[body.length + 3];
    bytes[0] = (byte) 0xef;
    bytes[1] = (byte) 0xbb;
    bytes[2] = (byte) 0xbf;
    System.arraycopy(body, 0, bytes, 3, body.length);
    Files.write(file, bytes);
    PxTableLayout t = PxFixtures.layout(file);
    assertEquals(UTF_8, t.file().charset());
    assertEquals("Österåker", t.variables().get(1).labels().get(0));
  }

  @Test
  void utf8FileThatDeclaresLatin1IsReadAsUtf8() throws Exception {
    // As the reference server's own PX output (fixture data-TAB004-fewcells.px).
    assertEquals(List.of("Österåker", "Värmdö"),
        kommuner(read("liar.px", table("iso-8859-1"), UTF_8)));
  }

  @Test
  void latin1FileThatDeclaresUtf8IsReadAsWindows1252() throws Exception {
    assertEquals(List.of("Österåker", "Värmdö"),
        kommuner(read("liar2.px", table("utf-8"), ISO_8859_1)));
  }

  @Test
  void windows1252HasItsOwnLetters() throws Exception {
    String text = table("Windows-1252").replace("\"antal\"", "\"€ – euro\"");
    TableMetadata m = read("cp1252.px", text, Charset.forName("windows-1252"));
    assertEquals("€ – euro", m.contentVariable().values().get(0).unit());
  }

  @Test
  void otherCodePagesJavaKnows() throws Exception {
    // HalfYearStatistics.px declares iso-8859-15.
    assertEquals(List.of("Österåker", "Värmdö"),
        kommuner(read("latin9.px", table("iso-8859-15"), Charset.forName("ISO-8859-15"))));
    assertEquals(Charset.forName("ISO-8859-1"), PxEncoding.forName("iso8859-1"));
  }

  @Test
  void unknownCodepageIsAnErrorOnItsLine() {
    write(dir.resolve("klingon.px"), table("x-klingon"), ISO_8859_1);
    PxFormatException e = assertThrows(PxFormatException.class,
        () -> PxFixtures.layout(dir.resolve("klingon.px")));
    assertEquals(2, e.line());
    assertEquals("unknown CODEPAGE \"x-klingon\"", e.detail());
  }

  @Test
  void keysInDataAreDecodedInTheFilesCharacterSet() throws Exception {
    String text = table("iso-8859-1").replace("DATA=\n1 2\n3 4;\n",
        "KEYS(\"kommun\")=VALUES;\nDATA=\n\"Värmdö\",3 4\n;\n");
    Path file = write(dir.resolve("keys.px"), text, ISO_8859_1);
    PxTableLayout t = PxFixtures.layout(file);
    var cube = new PxDataReader(t, PxMetadataMapper.symbols(t, "sv"), () -> false)
        .read(PxFixtureFilesTest.all(t));
    double[] values = new double[4];
    for (int i = 0; i < 4; i++) {
      values[i] = cube.value(i);
    }
    // Österåker's row is left out: zeros.
    assertArrayEquals(new double[] {0, 0, 3, 4}, values);
    assertTrue(cube.status(0) == null);
  }
}
