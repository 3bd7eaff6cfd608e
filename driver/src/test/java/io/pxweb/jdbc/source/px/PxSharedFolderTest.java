package io.pxweb.jdbc.source.px;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every connection of the JVM to a folder shares its headers (pxweb-server opens a connection
 * per client session): a second connection reads no header, a changed file is read again, a
 * folder reached by another path shares, another folder does not, and threads connecting at
 * once read each header once and all see the right tables. {@code metadataTtl=0} keeps the
 * catalog cache out of the way, so each connection asks the source.
 */
class PxSharedFolderTest {
  @TempDir
  Path dir;

  /** An hour ago: older than {@link PxDatabase#RACY_MILLIS}, so summaries are trusted. */
  private static final FileTime HOUR_AGO = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));

  /** Writes a one-region table {@code id} titled {@code title}, last modified at {@code time}. */
  private static Path table(Path file, String id, String title, FileTime time) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "CHARSET=\"ANSI\";\nLANGUAGE=\"en\";\nMATRIX=\"" + id + "\";\n"
        + "DECIMALS=0;\nTITLE=\"" + title + "\";\nCONTENTS=\"c\";\nUNITS=\"u\";\n"
        + "STUB=\"region\";\nHEADING=\"year\";\nVALUES(\"region\")=\"" + id + "\";\n"
        + "VALUES(\"year\")=\"2020\",\"2021\";\nTIMEVAL(\"year\")=TLIST(A1),\"2020\",\"2021\";\n"
        + "DATA=\n1 2;\n", ISO_8859_1);
    Files.setLastModifiedTime(file, time);
    return file;
  }

  private String url(Path folder, String properties) {
    return "jdbc:pxweb:" + folder.toUri() + ";metadataTtl=0" + properties;
  }

  private static PxDatabase database(Path folder) throws Exception {
    return PxFolderCache.of(folder.toRealPath());
  }

  private static List<String> titles(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, label FROM meta.tables ORDER BY id")) {
      while (rs.next()) {
        out.add(rs.getString(1) + " " + rs.getString(2));
      }
    }
    return out;
  }

  @Test
  void secondConnectionReadsNoHeaderAndConnectingScansOnce() throws Exception {
    table(dir.resolve("a/t1.px"), "T1", "one", HOUR_AGO);
    table(dir.resolve("b/t2.px"), "T2", "two", HOUR_AGO);
    try (Connection first = DriverManager.getConnection(url(dir, ""))) {
      PxDatabase db = database(dir);
      assertEquals(2, db.headersRead());
      // Configuration, table list and problems all from one walk of the folder.
      assertEquals(1, db.scans());
      try (Connection second = DriverManager.getConnection(url(dir, ""))) {
        assertSame(db, database(dir));
        assertEquals(2, db.headersRead(), "the second connection read no header");
        assertEquals(2, db.scans());
        assertEquals(List.of("T1 one", "T2 two"), titles(second));
        assertEquals(List.of("T1 one", "T2 two"), titles(first));
        assertEquals(2, db.scans(), "meta.tables is the list read when connecting");
        // A statement that lists the folder again walks it once, and reads no header.
        try (Statement s = first.createStatement();
            ResultSet rs = s.executeQuery("SELECT count(*) FROM meta.problems")) {
          rs.next();
          assertEquals(0, rs.getInt(1));
        }
        assertEquals(3, db.scans());
        assertEquals(2, db.headersRead());
      }
    }
    // Two sources of the folder list the very same summaries, in the very same snapshot.
    PxFolderSource one = new PxFolderSource(dir);
    PxFolderSource two = new PxFolderSource(dir);
    assertSame(one.database(), two.database());
    assertSame(one.tables("en", 0).get(0).label(), two.tables("en", 0).get(0).label());
  }

  @Test
  void changedFileIsReadAgainByTheNextConnection() throws Exception {
    table(dir.resolve("t1.px"), "T1", "one", HOUR_AGO);
    Path t2 = table(dir.resolve("t2.px"), "T2", "two", HOUR_AGO);
    PxDatabase db;
    try (Connection c = DriverManager.getConnection(url(dir, ""))) {
      assertEquals(List.of("T1 one", "T2 two"), titles(c));
      // Held here, so the next connections share it whatever the cache keeps.
      db = database(dir);
    }
    long read = db.headersRead();

    // The same size, a later time: read again.
    table(t2, "T2", "TWO", FileTime.from(HOUR_AGO.toInstant().plusSeconds(60)));
    try (Connection c = DriverManager.getConnection(url(dir, ""))) {
      assertEquals(List.of("T1 one", "T2 TWO"), titles(c));
    }
    assertEquals(read + 1, db.headersRead());

    // Another size, the same time: read again.
    table(t2, "T2", "second", FileTime.from(HOUR_AGO.toInstant().plusSeconds(60)));
    try (Connection c = DriverManager.getConnection(url(dir, ""))) {
      assertEquals(List.of("T1 one", "T2 second"), titles(c));
    }
    assertEquals(read + 2, db.headersRead());
  }

  @Test
  void fileReadWithinTheTimeGranularityOfItsChangeIsNotTrusted() throws Exception {
    // A time after the read: a rewrite at the same size and time must still be seen.
    FileTime soon = FileTime.from(Instant.now().plusSeconds(60));
    Path t1 = table(dir.resolve("t1.px"), "T1", "one", soon);
    try (Connection c = DriverManager.getConnection(url(dir, ""))) {
      assertEquals(List.of("T1 one"), titles(c));
    }
    table(t1, "T1", "ONE", soon);
    try (Connection c = DriverManager.getConnection(url(dir, ""))) {
      assertEquals(List.of("T1 ONE"), titles(c));
    }
  }

  @Test
  void propertiesShareTheFolderAndOtherFoldersDoNot() throws Exception {
    table(dir.resolve("db/t1.px"), "T1", "one", HOUR_AGO);
    table(dir.resolve("db/sub/t2.px"), "T2", "two", HOUR_AGO);
    Path db = dir.resolve("db");
    Path link = Files.createSymbolicLink(dir.resolve("link"), db);
    try (Connection c = DriverManager.getConnection(url(db, ""))) {
      PxDatabase shared = database(db);
      assertEquals(2, shared.headersRead());
      // No property changes what is read from the files: another language, cell limit or
      // scope shares the headers, and so does a path through a symbolic link.
      try (Connection other = DriverManager.getConnection(
              url(db, ";lang=en;maxDataCells=5;subjects=sub"));
          Connection viaLink = DriverManager.getConnection(url(link, ""))) {
        assertEquals(List.of("T2 two"), titles(other));
        assertEquals(List.of("T1 one", "T2 two"), titles(viaLink));
        assertSame(shared, database(link));
        assertEquals(2, shared.headersRead());
      }
      // A sub-folder is another statbank (its files' paths, hence schemas, differ).
      try (Connection sub = DriverManager.getConnection(url(db.resolve("sub"), ""))) {
        assertEquals(List.of("T2 two"), titles(sub));
        assertNotSame(shared, database(db.resolve("sub")));
        assertEquals(1, database(db.resolve("sub")).headersRead());
      }
      assertEquals(List.of("T1 one", "T2 two"), titles(c));
    }
  }

  @Test
  void threadsConnectingAtOnceReadEachHeaderOnceAndSeeTheirTables() throws Exception {
    int files = PxDatabase.LAYOUTS_KEPT; // all parsed headers stay, so none is read twice
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      String id = String.format("T%02d", i);
      table(dir.resolve("s" + i % 4).resolve(id + ".px"), id, "table " + i, HOUR_AGO);
      expected.add(id + " table " + i);
    }
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<String>>> seen = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int region = t % files;
        seen.add(pool.submit(() -> {
          start.await();
          try (Connection c = DriverManager.getConnection(url(dir, ""));
              Statement s = c.createStatement();
              ResultSet rs = s.executeQuery(String.format(
                  "SELECT \"region\", \"content\" FROM \"T%02d\" WHERE \"year\" = '2021'",
                  region))) {
            List<String> out = titles(c);
            rs.next();
            out.add(rs.getString(1) + " " + rs.getInt(2));
            return out;
          }
        }));
      }
      start.countDown();
      for (int t = 0; t < threads; t++) {
        List<String> want = new ArrayList<>(expected);
        want.add(String.format("T%02d 2", t % files));
        assertEquals(want, seen.get(t).get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(files, database(dir).headersRead(), "each header read once");
  }
}
