package io.pxweb.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pxsql as a user runs it: arguments in, output and exit status out, on the sample database. */
class PxSqlTest {
  static final String SAMPLE = "jdbc:pxweb:file:"
      + Path.of("..", "samples", "db").toAbsolutePath().normalize();

  /** Output, error output and exit status of one run. */
  record Run(String out, String err, int status) {
  }

  static Run runWithInput(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = PxSql.run(args, SAMPLE,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), stdin.isEmpty(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
        status);
  }

  static Run run(String... args) {
    return runWithInput("", args);
  }

  private static final String LATEST = "SELECT SECTOR_label, \"TIME\", \"Emission\" FROM \"TAB004\""
      + " WHERE GREENHOUSEGAS = 'CO2' AND SECTOR = '1.0' ORDER BY \"TIME\" DESC"
      + " FETCH FIRST 2 ROWS ONLY";

  @Test
  void tableIsTheDefaultWithNumbersRightAligned() {
    Run r = run(LATEST);
    assertEquals(0, r.status(), r.err());
    assertEquals("""
        +----------------------------------------------+------+----------+
        | SECTOR_label                                 | TIME | Emission |
        +----------------------------------------------+------+----------+
        | OFF-ROAD VEHICLES AND OTHER MACHINERY, TOTAL | 2017 |     3298 |
        | OFF-ROAD VEHICLES AND OTHER MACHINERY, TOTAL | 2016 |     3262 |
        +----------------------------------------------+------+----------+
        """, r.out());
    assertEquals("", r.err());
  }

  @Test
  void aFoldersProblemsArePrintedAsWarnings(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("broken.px"), "TITLE=\"t;\nDATA=\n1;\n");
    Run r = run("--url", "jdbc:pxweb:file:" + dir, "--format", "csv", "SELECT id FROM meta.tables");
    assertEquals(0, r.status(), r.err());
    assertEquals("id\r\nbroken\r\n", r.out());
    assertEquals("pxsql: warning: Cannot read broken.px, line 1: a quotation mark opened on this"
        + " line is not closed on it, so the statements after it are read as text and DATA is"
        + " never found" + System.lineSeparator(), r.err());
  }

  @Test
  void csvFollowsRfc4180() {
    Run r = run("--format", "csv", LATEST);
    assertEquals("SECTOR_label,TIME,Emission\r\n"
        + "\"OFF-ROAD VEHICLES AND OTHER MACHINERY, TOTAL\",2017,3298\r\n"
        + "\"OFF-ROAD VEHICLES AND OTHER MACHINERY, TOTAL\",2016,3262\r\n", r.out());
  }

  @Test
  void csvQuotesQuotesAndTellsNullFromEmpty() {
    Run r = run("-o", "csv", "SELECT 'say \"hi\"' AS a, CAST(NULL AS VARCHAR) AS b, '' AS c,"
        + " CAST(NULL AS DECIMAL) AS d");
    assertEquals("a,b,c,d\r\n\"say \"\"hi\"\"\",,\"\",\r\n", r.out());
  }

  @Test
  void jsonIsAnArrayOfObjectsWithNumbersAndNulls() {
    Run r = run("--format=json", "SELECT 'x' AS s, 12.50 AS n, 3 AS i, CAST(NULL AS VARCHAR) AS"
        + " ns, CAST(NULL AS INTEGER) AS ni, DATE '2024-04-01' AS d");
    assertEquals("[\n{\"s\":\"x\",\"n\":12.50,\"i\":3,\"ns\":null,\"ni\":null,"
        + "\"d\":\"2024-04-01\"}\n]\n", r.out());
  }

  @Test
  void jsonPutsOneRowOnALine() {
    Run r = run("--format=json", "SELECT * FROM (VALUES (1, 'a'), (2, NULL)) AS t(x, y)");
    assertEquals("[\n{\"x\":1,\"y\":\"a\"},\n{\"x\":2,\"y\":null}\n]\n", r.out());
  }

  @Test
  void emptyJsonResultIsAnEmptyArray() {
    Run r = run("--format=json", "SELECT * FROM \"TAB004\" WHERE SECTOR = 'none'");
    assertEquals("[ ]\n", r.out());
  }

  @Test
  void markdownTable() {
    Run r = run("--format", "markdown", "SELECT 'a|b' AS x, 1 AS n, CAST(NULL AS VARCHAR) AS e");
    assertEquals("| x | n | e |\n|---|---:|---|\n| a\\|b | 1 |  |\n", r.out());
  }

  @Test
  void nullStringsAndNullNumbersPrintTheSame() {
    Run r = run("SELECT CAST(NULL AS VARCHAR) AS s, CAST(NULL AS DECIMAL(10,2)) AS n");
    assertTrue(r.out().contains("|   |   |"), r.out());
    assertFalse(r.out().toLowerCase().contains("null"), r.out());
  }

  @Test
  void explainIsNeverCut() {
    Run r = run("EXPLAIN PLAN FOR SELECT * FROM \"TAB001\" WHERE SEX <> 'T' AND REGION NOT IN"
        + " ('AT','BE') AND AGE = 'TOTAL'");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("requests=[1], cells=[168])"), r.out());
  }

  @Test
  void tablesCommandAsOneArgument() {
    Run r = run("--format", "csv", "!tables");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().startsWith("TABLE_SCHEM,TABLE_NAME,TABLE_TYPE,REMARKS\r\n"), r.out());
    assertTrue(r.out().contains("statbank,TAB004,TABLE,\"Total air emissions by sector,"), r.out());
    assertTrue(r.out().contains("environment,TAB004,TABLE,"), r.out());
    assertTrue(r.out().contains("meta,tables,"), r.out());
    assertFalse(r.out().contains("klass,"), "a PX folder has no Klass: " + r.out());
    assertFalse(r.out().contains("metadata,"), r.out());
  }

  @Test
  void columnsCommand() {
    Run r = run("--format", "tsv", "!columns TAB004");
    for (String column : List.of("SECTOR", "SECTOR_label", "GREENHOUSEGAS", "TIME", "TIME_date",
        "Emission", "Emission_status")) {
      assertTrue(r.out().contains("\tTAB004\t" + column + "\t"), column + " in " + r.out());
    }
  }

  @Test
  void severalStatementsAndCommandsFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("q.sql");
    Files.writeString(file, "-- a comment; with a semicolon\n!tables TAB00%\n"
        + "SELECT 'a;b' AS x;\nSELECT 2 AS y /* ; */;\n");
    Run r = run("-o", "csv", "-f", file.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("statbank,TAB004,"), r.out());
    assertTrue(r.out().endsWith("\nx\r\na;b\r\n" + System.lineSeparator() + "y\r\n2\r\n"),
        r.out());
  }

  @Test
  void statementsFromStandardInput() {
    Run r = runWithInput("SELECT 1 AS one;\n", "--format", "tsv");
    assertEquals("one\n1\n", r.out());
  }

  @Test
  void sqlErrorExitsOneWithOneLineAndStopsTheScript() {
    Run r = run("-o", "csv", "SELECT 1 AS a; SELECT * FROM nowhere; SELECT 2 AS b");
    assertEquals(PxSql.FAILED, r.status());
    assertEquals("a\r\n1\r\n" + System.lineSeparator(), r.out());
    assertTrue(r.err().startsWith("pxsql: ") && r.err().contains("NOWHERE")
        || r.err().contains("nowhere"), r.err());
    assertTrue(r.err().contains("(SQLState 42"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void unknownPropertyIsQuotedAsTyped() {
    Run r = run("--url", SAMPLE + ";foo=1", "SELECT 1");
    assertEquals(PxSql.FAILED, r.status());
    assertTrue(r.err().contains("Unknown connection property 'foo' in URL " + SAMPLE + ";foo=1;"
        + " known"), r.err());
    assertFalse(r.err().contains("progress=true"), r.err());
  }

  @Test
  void unknownShellCommandIsAnError() {
    Run r = run("!quit");
    assertEquals(PxSql.FAILED, r.status());
    assertTrue(r.err().contains("Unknown command !quit"), r.err());
  }

  @Test
  void badCommandLinesExitTwo() {
    assertEquals(PxSql.USAGE, run("--format", "xls", "x").status());
    assertEquals(PxSql.USAGE, run("--bogus").status());
    assertEquals(PxSql.USAGE, run("--url").status());
    assertEquals(PxSql.USAGE, run("-f", "/nonexistent/q.sql").status());
    assertEquals(PxSql.USAGE, run("--url", "jdbc:postgresql://x/y", "select 1").status());
    assertTrue(run("--format", "xls", "x").err().contains("one of table, csv, tsv, json,"
        + " markdown, vertical"));
  }

  @Test
  void helpListsOptionsFormatsUrlFormsAndExitCodes() {
    Run r = run("--help");
    assertEquals(0, r.status());
    for (String s : List.of("--url", "--format", "--file", "markdown", "RFC 4180",
        "jdbc:pxweb:file:", "jdbc:pxweb:ssb", "jdbc:pxweb:scb", "jdbc:pxweb:https://",
        "Exit status", "!tables")) {
      assertTrue(r.out().contains(s), s + " in " + r.out());
    }
  }
}
