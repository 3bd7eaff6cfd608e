package io.pxweb.jdbc.source.px;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.model.CallBudget;
import io.pxweb.jdbc.model.TableEntry;
import java.io.BufferedWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folders of many PX files and headers of many values are read within the heap and the time
 * the user set: a folder of {@value PxDatabase#MAX_FILES} small files lists in a JVM of 256 MB
 * (it took 1.2 GB for 100,000 files, and threw an OutOfMemoryError at 256 MB), one file more is
 * 54000, a login or query timeout ends the scan between two files (HYT00), a cancel too
 * (57014); a 50 MB header of 5,000,000 values is 54000 naming the file, not an
 * OutOfMemoryError. Runs with {@code -Xmx256m -XX:+ExitOnOutOfMemoryError} (surefire execution
 * {@code hostile}), so an allocation beyond the bound ends the run.
 */
@Tag("hostile")
class PxFolderLimitsTest {
  @TempDir
  Path dir;

  /** Writes {@code n} small tables T0..T{n-1}, a thousand to a sub-folder. */
  private static void smallTables(Path root, int from, int n) throws Exception {
    for (int i = from; i < from + n; i++) {
      Path sub = root.resolve("s" + (i / 1000));
      Files.createDirectories(sub);
      Files.writeString(sub.resolve("t" + i + ".px"), "CHARSET=\"ANSI\";\nLANGUAGE=\"en\";\n"
          + "MATRIX=\"T" + i + "\";\nSUBJECT-CODE=\"X\";\nSUBJECT-AREA=\"X\";\nDECIMALS=0;\n"
          + "TITLE=\"table " + i + "\";\nCONTENTS=\"c\";\nUNITS=\"u\";\nSTUB=\"region\";\n"
          + "HEADING=\"year\";\nVALUES(\"region\")=\"a\",\"b\",\"c\";\n"
          + "VALUES(\"year\")=\"2020\",\"2021\";\nTIMEVAL(\"year\")=TLIST(A1),\"2020\",\"2021\";\n"
          + "DATA=\n1 2\n3 4\n5 6;\n", ISO_8859_1);
    }
  }

  private String url() {
    return "jdbc:pxweb:" + dir.toUri();
  }

  @Test
  void folderOfTheMostFilesListsInTheHeapAndWithinTheLoginTimeout() throws Exception {
    smallTables(dir, 0, PxDatabase.MAX_FILES);

    // Reading 20,000 headers takes seconds: a login timeout of 1 s ends the scan between files.
    DriverManager.setLoginTimeout(1);
    try {
      SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url()));
      assertInstanceOf(SQLTimeoutException.class, e, e.toString());
      assertEquals("HYT00", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("the login timeout of 1 s")
          && e.getMessage().contains("PX files"), e.getMessage());
    } finally {
      DriverManager.setLoginTimeout(0);
    }

    // One file more than the limit: a clear 54000 before any header is read.
    smallTables(dir, PxDatabase.MAX_FILES, 1);
    SQLException tooMany = assertThrows(SQLException.class,
        () -> DriverManager.getConnection(url()));
    assertEquals("54000", tooMany.getSQLState(), tooMany.getMessage());
    assertTrue(tooMany.getMessage().contains("more than 20000 PX files"), tooMany.getMessage());
    Files.delete(dir.resolve("s20").resolve("t20000.px"));

    // At the limit the folder lists, in this JVM of 256 MB, and a table is queryable.
    try (Connection c = DriverManager.getConnection(url())) {
      try (ResultSet rs = c.createStatement().executeQuery("select count(*) from meta.tables")) {
        assertTrue(rs.next());
        assertEquals(PxDatabase.MAX_FILES, rs.getInt(1));
      }
      try (ResultSet rs = c.createStatement().executeQuery(
          "select count(*) from \"T19999\" where \"region\" = 'c'")) {
        assertTrue(rs.next());
        assertEquals(2, rs.getInt(1));
      }
    }
  }

  @Test
  void scanStopsWhenTheQueryTimeoutIsSpentOrTheStatementCancelled() throws Exception {
    smallTables(dir, 0, 3);
    CallBudget spent = CallBudget.start(1, "the query timeout of 1 s");
    Thread.sleep(5);
    try (CallBudget.Scope ignored = spent.enter()) {
      SQLException e = assertThrows(SQLException.class,
          () -> new PxFolderSource(dir).tables("en", 0));
      assertEquals("HYT00", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().startsWith("Ran out of time (the query timeout of 1 s)"),
          e.getMessage());
    }
    CallBudget cancelled = CallBudget.start(0, "none");
    cancelled.cancel();
    try (CallBudget.Scope ignored = cancelled.enter()) {
      SQLException e = assertThrows(SQLException.class,
          () -> new PxFolderSource(dir).tables("en", 0));
      assertEquals("57014", e.getSQLState(), e.getMessage());
    }
    assertEquals(3, new PxFolderSource(dir).tables("en", 0).size());
  }

  /** Writes a table whose variable "v" has {@code values} values, CODES and VALUES alike. */
  private static void wideTable(Path file, int values) throws Exception {
    try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, ISO_8859_1), 1 << 16)) {
      w.write("CHARSET=\"ANSI\";\nLANGUAGE=\"en\";\nMATRIX=\"WIDE\";\nSUBJECT-CODE=\"X\";\n"
          + "SUBJECT-AREA=\"X\";\nDECIMALS=0;\nTITLE=\"wide\";\nCONTENTS=\"c\";\nUNITS=\"u\";\n"
          + "STUB=\"v\";\nVALUES(\"v\")=");
      for (int i = 0; i < values; i++) {
        w.write(i == 0 ? "\"" : ",\"");
        w.write(Integer.toString(i));
        w.write(i % 8 == 7 ? "\"\n" : "\"");
      }
      w.write(";\nDATA=\n1;\n");
    }
  }

  @Test
  void headerOfFiveMillionValuesIsTooLargeNotAnOutOfMemoryError() throws Exception {
    Path wide = dir.resolve("wide.px");
    wideTable(wide, 5_000_000);
    assertTrue(Files.size(wide) > 45_000_000 && Files.size(wide) < PxTableFile.MAX_HEADER_BYTES,
        "size " + Files.size(wide));
    smallTables(dir, 0, 1);

    PxFolderSource source = new PxFolderSource(dir);
    List<TableEntry> tables = source.tables("en", 0);
    assertEquals(2, tables.size(), tables.toString());
    TableEntry listed = tables.get(1);
    assertEquals("WIDE", listed.id());
    assertTrue(listed.description().startsWith("PX file wide.px is too large to read"),
        listed.description());
    SQLException e = assertThrows(SQLException.class, () -> source.metadata("WIDE", "en"));
    assertEquals("54000", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().startsWith("PX file wide.px is too large to read, line ")
        && e.getMessage().contains("more than 500000 values"), e.getMessage());

    // The other table of the folder is as usable as ever.
    assertEquals("T0", tables.get(0).id());
    assertEquals(3, source.metadata("T0", "en").variables().get(1).size());
  }

  @Test
  void headerOfTheMostValuesIsReadInTheHeap() throws Exception {
    wideTable(dir.resolve("wide.px"), PxTableFile.MAX_HEADER_VALUES - 100);
    PxFolderSource source = new PxFolderSource(dir);
    assertEquals(PxTableFile.MAX_HEADER_VALUES - 100,
        source.metadata("WIDE", "en").variables().get(1).size());
  }
}
