package io.pxweb.jdbc.source.px;

import static io.pxweb.jdbc.source.px.PxFixtures.write;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The defects of issue 23, each on a file of a few lines, read through SQL: stored digits,
 * case-sensitive codes, Windows code pages, PX-2013 syntax and the deviations PxWeb reads.
 */
class PxDeviationsTest {
  @TempDir
  Path dir;

  /** A one-variable table: MATRIX T, variable "v" with the given values, one cell each. */
  private static String table(String extra, String values, String data) {
    return "MATRIX=\"T\";\n" + extra + "TITLE=\"t\";\nCONTENTS=\"c\";\nUNITS=\"u\";\n"
        + "STUB=\"v\";\nVALUES(\"v\")=" + values + ";\nDATA=\n" + data + ";\n";
  }

  private List<String> rows(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:pxweb:file:" + dir);
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(i == 1 ? "" : "|").append(rs.getString(i));
        }
        out.add(b.toString());
      }
      return out;
    }
  }

  private void file(String name, String text, Charset charset) {
    write(dir.resolve(name), text, charset);
  }

  @Test
  void storedDigitsAreReadWhateverShowDecimalsSays() throws Exception {
    file("t.px", table("DECIMALS=4;\nSHOWDECIMALS=1;\n", "\"a\",\"b\"", "9.1091 0.0004"),
        ISO_8859_1);
    assertEquals(List.of("a|9.1091", "b|0.0004"), rows("SELECT v, content FROM \"T\""));
    assertEquals(List.of("9.1095"), rows("SELECT SUM(content) FROM \"T\""));
    assertEquals(List.of("content|4|1"), rows("SELECT code, decimals, show_decimals"
        + " FROM meta.\"values\" WHERE table_id = 'T' AND variable_code = 'CONTENTS'"));
  }

  @Test
  void precisionWidensTheScaleAndIsShownAsMetadata() throws Exception {
    file("t.px", "MATRIX=\"T\";\nDECIMALS=0;\nTITLE=\"t\";\nCONTENTS=\"c\";\nUNITS=\"u\";\n"
        + "STUB=\"v\";\nHEADING=\"m\";\nCONTVARIABLE=\"m\";\nVALUES(\"v\")=\"a\",\"avg\";\n"
        + "VALUES(\"m\")=\"n\",\"share\";\nPRECISION(\"m\",\"share\")=2;\n"
        + "PRECISION(\"v\",\"avg\")=1;\nDATA=\n1 0.25\n2.5 0.75;\n", ISO_8859_1);
    // PRECISION("v","avg")=1 stores a decimal in every content column of that row, and DATA
    // holds numbers with two decimals: every column keeps two.
    assertEquals(List.of("a|1.00|0.25", "avg|2.50|0.75"), rows("SELECT v, n, share FROM \"T\""));
    assertEquals(List.of("v|a|null|null", "v|avg|null|1", "m|n|2|0", "m|share|2|2"),
        rows("SELECT variable_code, code, decimals, show_decimals FROM meta.\"values\""
            + " WHERE table_id = 'T'"));
  }

  @Test
  void digitsBeyondDecimalsAreKept() throws Exception {
    // A real INE file (corpus icane/pyaxis 1001.px) says DECIMALS=1 and stores 0.86.
    file("t.px", table("DECIMALS=1;\n", "\"a\",\"b\"", "0.86 \"..\""), ISO_8859_1);
    assertEquals(List.of("a|0.86", "b|null"), rows("SELECT v, content FROM \"T\""));
  }

  @Test
  void aMissingDecimalsKeepsTheTableAndItsDigits() throws Exception {
    file("t.px", table("", "\"a\"", "12.125"), ISO_8859_1);
    assertEquals(List.of("a|12.125000"), rows("SELECT v, content FROM \"T\""));
  }

  @Test
  void codesDifferingOnlyInCaseAreTwoValues() throws Exception {
    file("t.px", table("DECIMALS=0;\n", "\"Hyundai I30\",\"Hyundai i30\",\"Kia\"", "1 2 3"),
        ISO_8859_1);
    assertEquals(List.of("Hyundai I30|1", "Hyundai i30|2", "Kia|3"),
        rows("SELECT v, content FROM \"T\""));
    assertEquals(List.of("2"), rows("SELECT content FROM \"T\" WHERE v = 'Hyundai i30'"));
    assertEquals(List.of("1"), rows("SELECT content FROM \"T\" WHERE v = 'Hyundai I30'"));
    assertEquals(List.of(), rows("SELECT content FROM \"T\" WHERE v = 'hyundai i30'"));
  }

  @Test
  void ansiWithoutCodepageIsWindows1252() throws Exception {
    // 0x80 is the euro sign in Windows-1252 and a control character in ISO-8859-1.
    file("t.px", table("CHARSET=\"ANSI\";\nDECIMALS=0;\n", "\"\u20ac\",\"\u0152uvre\"", "1 2"),
        Charset.forName("windows-1252"));
    assertEquals(List.of("\u20ac|1", "\u0152uvre|2"), rows("SELECT v, content FROM \"T\""));
  }

  @Test
  void codepageIsHonoured() throws Exception {
    file("t.px", table("CODEPAGE=\"iso-8859-2\";\nDECIMALS=0;\n", "\"\u0141\u00f3d\u017a\"",
        "1"), Charset.forName("iso-8859-2"));
    file("u.px", table("CODEPAGE=\"windows-1251\";\nDECIMALS=0;\n", "\"\u041c\u043e\u0441\"",
        "2").replace("\"T\"", "\"U\""), Charset.forName("windows-1251"));
    assertEquals(List.of("\u0141\u00f3d\u017a|1"), rows("SELECT v, content FROM \"T\""));
    assertEquals(List.of("\u041c\u043e\u0441|2"), rows("SELECT v, content FROM \"U\""));
  }

  @Test
  void hierarchiesDottedKeywordsAndTimevalRanges() throws Exception {
    file("t.px", "MATRIX=\"T\";\nCREATION.DATE=\"20200101 10:00\";\n"
        + "LAST.UPDATED=\"20230525 15:42\";\nDECIMALS=0;\nTITLE=\"t\";\nCONTENTS=\"c\";\n"
        + "UNITS=\"u\";\nSTUB=\"Region\";\nHEADING=\"year\";\n"
        + "VALUES(\"Region\")=\"SE\",\"SE1\";\nHIERARCHIES(\"Region\")=\"SE\",\"SE\":\"SE1\";\n"
        + "HIERARCHYLEVELS(\"Region\")=2;\nHIERARCHYNAMES(\"Region\")=\"Country\",\"Part\";\n"
        + "VALUES(\"year\")=\"2019\",\"2020\",\"2021\",\"2022\";\n"
        + "TIMEVAL(\"year\")=TLIST(A1),\"2019\"-\"2022\";\n"
        + "DATA=\n1 2 3 4\n5 6 7 8;\n", ISO_8859_1);
    assertEquals(List.of("SE1|2022|8"),
        rows("SELECT Region, \"year\", content FROM \"T\" WHERE Region = 'SE1' AND \"year\" = '2022'"));
    assertEquals(List.of("2019|2022|Annual|2023-05-25 13:42:00"), rows("SELECT first_period,"
        + " last_period, time_unit, updated FROM meta.tables WHERE id = 'T'"));
  }

  @Test
  void timevalRangeMakesTheValuesWhenThereAreNone() throws Exception {
    file("t.px", "MATRIX=\"T\";\nDECIMALS=0;\nTITLE=\"t\";\nCONTENTS=\"c\";\nUNITS=\"u\";\n"
        + "HEADING=\"q\";\nTIMEVAL(\"q\")=TLIST(Q1),\"2019Q4\",\"20201\"-\"20202\";\n"
        + "DATA=\n1 2 3;\n", ISO_8859_1);
    assertEquals(List.of("2019Q4|1", "2020Q1|2", "2020Q2|3"),
        rows("SELECT q, content FROM \"T\""));
  }

  @Test
  void multiLineTextsQuotedSymbolsAndKeys() throws Exception {
    file("t.px", "MATRIX=\"T\";\nDECIMALS=1;\nTITLE=\"a title over\"\n\" two lines\";\n"
        + "CONTENTS=\"c\";\nUNITS=\"u\";\nSTUB=\"v\";\nHEADING=\"w\";\nCONTVARIABLE=\"w\";\n"
        + "VALUES(\"v\")=\"a\",\"b\",\"c\";\nCODES(\"v\")=\"A\",\"B\",\"C\";\nKEYS(\"v\")=CODES;\n"
        + "VALUES(\"w\")=\"x\",\"y\";\nDATASYMBOL2=\"n/a\";\n"
        + "DATA=\n\"C\" \"..\" \"-\"\n\"A\" 1.5,\"...\";\n", ISO_8859_1);
    assertEquals(List.of("A|1.5|null|null|...", "B|0.0|null|0.0|null", "C|null|n/a|null|-"),
        rows("SELECT v, x, x_status, y, y_status FROM \"T\" ORDER BY v"));
    assertEquals(List.of("a title over two lines"),
        rows("SELECT label FROM meta.tables WHERE id = 'T'"));
  }

  @Test
  void aStrayQuoteIsReportedOnItsLine() {
    file("t.px", "MATRIX=\"T\";\nDECIMALS=0;\nTITLE=\"t;\nCONTENTS=\"c\";\nUNITS=\"u\";\n"
        + "STUB=\"v\";\nVALUES(\"v\")=\"a\";\nDATA=\n1;\n", ISO_8859_1);
    SQLException e = assertThrows(SQLException.class, () -> rows("SELECT * FROM \"T\""));
    assertEquals("08P01", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().startsWith("Malformed PX file t.px, line 3: a quotation mark"),
        e.getMessage());
  }

  @Test
  void aMalformedFileIsListedQueriedWith08P01AndInMetaProblems() throws Exception {
    file("good.px", table("DECIMALS=0;\nCREATION.DATE=\"20200101\";\n", "\"a\"", "1"),
        ISO_8859_1);
    file("sub/broken.px", "TITLE=\"t\";\nDECIMALS=0;\nUNITS \"u\";\nDATA=\n1;\n", ISO_8859_1);
    assertEquals(List.of("T|t", "broken|sub/broken.px"),
        rows("SELECT id, label FROM meta.tables ORDER BY id"));
    SQLException e = assertThrows(SQLException.class, () -> rows("SELECT * FROM \"broken\""));
    assertEquals("08P01", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("Malformed PX file sub/broken.px, line 3: expected '='"
        + " after keyword UNITS"), e.getMessage());
    assertEquals(List.of("sub/broken.px|3|broken|error|expected '=' after keyword UNITS, found"
            + " '\"'", "good.px|3|T|warning|keyword CREATION.DATE is read as CREATION-DATE"),
        rows("SELECT file, line, table_id, severity, message FROM meta.problems"
            + " ORDER BY severity, file"));
  }

  @Test
  void theConnectionWarnsOfEveryProblemWithoutALoggingBackend() throws Exception {
    file("good.px", table("DECIMALS=0;\nLAST.UPDATED=\"20200101\";\n", "\"a\"", "1"),
        ISO_8859_1);
    file("broken.px", "TITLE=\"t;\nDATA=\n1;\n", ISO_8859_1);
    try (Connection c = DriverManager.getConnection("jdbc:pxweb:file:" + dir)) {
      List<String> warnings = new ArrayList<>();
      for (java.sql.SQLWarning w = c.getWarnings(); w != null; w = w.getNextWarning()) {
        warnings.add(w.getSQLState() + " " + w.getMessage());
      }
      assertEquals(List.of("01000 Cannot read broken.px, line 1: a quotation mark opened on this"
          + " line is not closed on it, so the statements after it are read as text and DATA is"
          + " never found", "01000 Read by a lenient rule: good.px, line 3: keyword LAST.UPDATED"
          + " is read as LAST-UPDATED"), warnings);
      c.clearWarnings();
      assertEquals(null, c.getWarnings());
    }
  }
}
