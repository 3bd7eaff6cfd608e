package io.pxweb.jdbc.source.px;

import static io.pxweb.jdbc.source.px.PxFixtures.write;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.model.DataRequest;
import io.pxweb.jdbc.model.Selection;
import io.pxweb.jdbc.model.Cube;
import io.pxweb.jdbc.model.TableEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small PX files that declare huge shapes cost memory by the selection, never by the shape; and
 * files without dates are tables like any other. Runs with {@code -Xmx256m} (surefire execution
 * {@code hostile}).
 */
@Tag("hostile")
class PxHostileFilesTest {
  @TempDir
  Path dir;

  /** Codes "v0".."v{n-1}" as a PX list. */
  private static String list(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> "\"" + prefix + i + "\"")
        .collect(Collectors.joining(","));
  }

  /** A header with one STUB variable and three HEADING variables of 1290 values each. */
  private static String wideHeading(String data) {
    StringBuilder b = new StringBuilder("CHARSET=\"ANSI\";\nLANGUAGE=\"en\";\nMATRIX=\"WIDE\";\n"
        + "CREATION-DATE=\"20240101 10:00\";\nSUBJECT-CODE=\"X\";\nSUBJECT-AREA=\"X\";\n"
        + "DECIMALS=0;\nTITLE=\"wide\";\nCONTENTS=\"c\";\nUNITS=\"u\";\n"
        + "STUB=\"s\";\nHEADING=\"a\",\"b\",\"c\";\nVALUES(\"s\")=\"s0\";\n");
    for (String v : List.of("a", "b", "c")) {
      b.append("VALUES(\"").append(v).append("\")=").append(list(v, 1290)).append(";\n");
    }
    return b.append(data).toString();
  }

  /** Selects the value at {@code position} of every variable (the synthetic content too). */
  private static DataRequest cell(PxFolderSource source, String table, int position)
      throws SQLException {
    return new DataRequest(table, source.metadata(table, "en").variables().stream()
        .map(v -> {
          int p = Math.min(position, v.size() - 1);
          return new Selection(v.code(), false, List.of(v.values().get(p).code()), List.of(p));
        }).toList());
  }

  @Test
  void oneCellOfAHugeHeadingAllocatesByTheSelection() throws Exception {
    write(dir.resolve("wide.px"), wideHeading("DATA=\n1 2 3;\n"), ISO_8859_1);
    assertTrue(Files.size(dir.resolve("wide.px")) < 40_000);
    PxFolderSource source = new PxFolderSource(dir);
    // 2.1e9 cells declared, three in DATA: a malformed file, said so, without an int[2.1e9].
    SQLException e = assertThrows(SQLException.class, () -> source.data(
        cell(source, "WIDE", 0), "en", null));
    assertEquals("08P01", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("DATA has 3 values"), e.getMessage());
  }

  @Test
  void keyedFileWithAHugeStubChecksRowsWithoutAHugeBitSet() throws Exception {
    // KEYS rows for STUB positions near the end of a 1290^3 product: a bit set indexed by row
    // would take 256 MB.
    StringBuilder b = new StringBuilder("CHARSET=\"ANSI\";\nLANGUAGE=\"en\";\nMATRIX=\"KEYED\";\n"
        + "SUBJECT-CODE=\"X\";\nSUBJECT-AREA=\"X\";\nDECIMALS=0;\nTITLE=\"k\";\n"
        + "CONTENTS=\"c\";\nUNITS=\"u\";\nSTUB=\"a\",\"b\",\"c\";\nHEADING=\"h\";\n"
        + "VALUES(\"h\")=\"h0\";\n");
    for (String v : List.of("a", "b", "c")) {
      b.append("VALUES(\"").append(v).append("\")=").append(list(v, 1290)).append(";\n");
      b.append("KEYS(\"").append(v).append("\")=VALUES;\n");
    }
    b.append("DATA=\n\"a1289\",\"b1289\",\"c1288\",5\n\"a1289\",\"b1289\",\"c1289\",6\n"
        + "\"a0\",\"b0\",\"c0\",7;\n");
    write(dir.resolve("keyed.px"), b.toString(), ISO_8859_1);
    PxFolderSource source = new PxFolderSource(dir);
    Cube cube = source.data(cell(source, "KEYED", 1289), "en", null);
    assertEquals(6.0, cube.value(0));
  }

  @Test
  void fileWithoutCreationDateOrLastUpdatedIsQueryable() throws Exception {
    write(dir.resolve("nodate.px"), PxDataReaderTest.header("").replace("MATRIX=\"T1\"",
        "MATRIX=\"NODATE\"") + "DATA=\n1 2 3 4 5 6\n7 8 9 10 11 12;\n", ISO_8859_1);
    PxFolderSource source = new PxFolderSource(dir);
    TableEntry entry = source.tables("en", 100).get(0);
    assertNull(entry.updated());
    try (Connection c = DriverManager.getConnection("jdbc:pxweb:" + dir.toUri());
        ResultSet rs = c.createStatement().executeQuery("select count(*) from \"NODATE\"")) {
      assertTrue(rs.next());
      assertEquals(6, rs.getInt(1));
    }
  }
}
