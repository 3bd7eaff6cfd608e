package io.pxweb.jdbc.source.px;

import static io.pxweb.jdbc.source.px.PxFixtures.copy;
import static io.pxweb.jdbc.source.px.PxFixtures.write;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.model.TableEntry;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad files in a folder: the listing skips them without hiding the good ones, and a request
 * for one fails with SQLState 08P01 and a message naming the file and the line.
 */
class PxBadFilesTest {
  @TempDir
  Path dir;
  PxFolderSource source;

  /** The header of PxDataReaderTest with another MATRIX. */
  private static String header(String matrix) {
    return PxDataReaderTest.header("").replace("MATRIX=\"T1\"", "MATRIX=\"" + matrix + "\"");
  }

  @BeforeEach
  void folder() throws Exception {
    copy("px-files/TAB2936.px", dir, "good");
    copy("pxwebapi-testdb/TAB003.px", dir, "good");
    // Line 3 of a header: TITLE without '='.
    write(dir.resolve("bad/syntax.px"), "CHARSET=\"ANSI\";\nMATRIX=\"SYN\";\nTITLE \"x\";\n"
        + "DATA=\n1;\n", ISO_8859_1);
    write(dir.resolve("bad/nodata.px"), header("NODATA"), ISO_8859_1);
    write(dir.resolve("bad/encoding.px"), "CODEPAGE=\"x-unknown\";\n" + header("ENC")
        + "DATA=\n1 2 3 4 5 6 7 8 9 10 11 12;", ISO_8859_1);
    write(dir.resolve("bad/missing.px"), header("MISS").replace("DECIMALS=1;\n", "")
        + "DATA=\n1 2 3 4 5 6 7 8 9 10 11 12;", ISO_8859_1);
    write(dir.resolve("bad/codes.px"), header("CODES").replace(
        "CODES(\"region\")=\"N\",\"S\";", "CODES(\"region\")=\"N\";")
        + "DATA=\n1 2 3 4 5 6 7 8 9 10 11 12;", ISO_8859_1);
    // A header that is fine and DATA that is one value short: listed, fails when read.
    write(dir.resolve("bad/short.px"), header("SHORT") + "DATA=\n1 2 3 4 5 6\n7 8 9 10 11;",
        ISO_8859_1);
    // A menu that is no XML is ignored; folders give the paths.
    write(dir.resolve("Menu.xml"), "<Menu><Language", ISO_8859_1);
    source = new PxFolderSource(dir);
  }

  private SQLException metadataError(String id) {
    SQLException e = assertThrows(SQLException.class, () -> source.metadata(id, "en"));
    assertEquals("08P01", e.getSQLState(), e.getMessage());
    return e;
  }

  @Test
  void listingKeepsTheGoodTablesAndListsTheBadOnesAfterThem() throws Exception {
    List<TableEntry> tables = source.tables("en", 20);
    // MISS lacks only DECIMALS, which PxWeb reads without.
    assertEquals(List.of("MISS", "SHORT", "TAB003", "TAB2936", "CODES", "ENC", "NODATA", "SYN"),
        tables.stream().map(TableEntry::id).toList());
    assertEquals("good", tables.get(2).paths().get(0).get(0).id());
    assertEquals("bad/syntax.px", tables.get(7).label());
    assertEquals("Malformed PX file bad/syntax.px, line 3: expected '=' after keyword TITLE,"
        + " found '\"'", tables.get(7).description());
    assertEquals(List.of(List.of(new TableEntry.Folder("bad", "bad"))), tables.get(7).paths());
    assertEquals(List.of("bad/codes.px:14:error", "bad/encoding.px:1:error",
        "bad/nodata.px:19:error", "bad/syntax.px:3:error", "bad/missing.px:18:warning"),
        source.problems().stream().map(p -> p.file() + ":" + p.line() + ":" + p.severity())
            .toList());
    assertEquals(List.of("en", "sv"), source.config().languages());
  }

  @Test
  void syntaxError() {
    assertEquals("Malformed PX file bad/syntax.px, line 3: expected '=' after keyword TITLE,"
        + " found '\"' (in " + source.location() + ")", metadataError("SYN").getMessage());
  }

  @Test
  void missingData() {
    String message = metadataError("NODATA").getMessage();
    assertTrue(message.startsWith("Malformed PX file bad/nodata.px, line 19: no DATA keyword"),
        message);
  }

  @Test
  void unknownEncoding() {
    assertEquals("Malformed PX file bad/encoding.px, line 1: unknown CODEPAGE \"x-unknown\" (in "
        + source.location() + ")", metadataError("ENC").getMessage());
  }

  @Test
  void missingMandatoryKeyword() throws Exception {
    // DECIMALS is no longer one: PxWeb reads a file without it.
    assertEquals(6, source.metadata("MISS", "en").contentVariable().values().get(0).decimals());
    write(dir.resolve("bad/missing.px"), header("MISS").replace("UNITS=\"u\";\n", "")
        + "DATA=\n1 2 3 4 5 6 7 8 9 10 11 12;", ISO_8859_1);
    String message = metadataError("MISS").getMessage();
    assertTrue(message.startsWith("Malformed PX file bad/missing.px, line 18: missing mandatory"
        + " keyword UNITS"), message);
  }

  @Test
  void codesThatDoNotFitTheirValues() {
    String message = metadataError("CODES").getMessage();
    assertTrue(message.startsWith("Malformed PX file bad/codes.px, line 14: CODES(\"region\") has"
        + " 1 codes but VALUES(\"region\") has 2 values"), message);
  }

  @Test
  void badDataFailsWhenRead() throws Exception {
    var m = source.metadata("SHORT", "en");
    SQLException e = assertThrows(SQLException.class,
        () -> source.data(PxFolderSourceTest.all(m), "en", null));
    assertEquals("08P01", e.getSQLState());
    assertTrue(e.getMessage().startsWith("Malformed PX file bad/short.px, line 21: DATA has 11"
        + " values, but the table has 12 cells"), e.getMessage());
  }
}
