package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.pxweb.jdbc.e2e.Sql.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pxweb.jdbc.testserver.PxWebTestServer;
import io.pxweb.jdbc.testserver.TestCatalog;
import io.pxweb.jdbc.testserver.V1TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.util.Util;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text in any alphabet: identifiers, codes, labels, string literals, LIKE patterns, prepared
 * parameters and {@code U&'...'} literals in Latvian, Cyrillic, Polish and Greek, over each
 * source (a PxWebApi 2.0 server, a v1 server, a folder of PX files) serving the same table,
 * {@code fixtures/unicode/UNI12909} (derived from SSB's 12909, see PROVENANCE.txt), and the
 * requests that carry such codes. Calcite's JVM-wide default charset is ISO-8859-1 and stays so:
 * a plain Calcite connection in the same JVM sees no change.
 */
class UnicodeTest {
  private static final String TABLE = "UNI12909";
  private static final TestCatalog CATALOG = TestCatalog.fromFolder("fixtures/unicode", TABLE);

  @RegisterExtension
  static PxWebTestServer v2 = PxWebTestServer.builder().catalog(CATALOG).build();

  @RegisterExtension
  static V1TestServer v1 = V1TestServer.builder().catalog(CATALOG).languages("lv").build();

  @TempDir
  static Path folder;

  @BeforeAll
  static void copyThePxFile() throws IOException {
    try (InputStream in = Objects.requireNonNull(UnicodeTest.class.getClassLoader()
        .getResourceAsStream("fixtures/unicode/" + TABLE + ".px"))) {
      Files.copy(in, folder.resolve(TABLE + ".px"));
    }
  }

  @BeforeEach
  void reset() {
    v2.resetRequests();
    v1.resetRequests();
  }

  private static Connection connect(String source) throws SQLException {
    return DriverManager.getConnection(switch (source) {
      case "v2" -> v2.jdbcUrl();
      case "v1" -> v1.jdbcUrl();
      default -> "jdbc:pxweb:file:" + folder;
    });
  }

  private static List<List<Object>> rows(String source, String sql) throws SQLException {
    try (Connection c = connect(source)) {
      return Sql.rows(c, sql);
    }
  }

  /** The data requests the source's server received, decoded (URL and body). */
  private static List<String> dataRequests(String source) {
    WireMockExtension server = source.equals("v2") ? v2 : v1;
    String path = source.equals("v2") ? ".*/tables/" + TABLE + "/data" : ".*/" + TABLE;
    return server.findAll(anyRequestedFor(urlPathMatching(path))).stream()
        .filter(r -> source.equals("v2") || r.getMethod().getName().equals("POST"))
        .map(UnicodeTest::decoded).toList();
  }

  private static String decoded(LoggedRequest r) {
    return URLDecoder.decode(r.getUrl(), StandardCharsets.UTF_8) + " " + r.getBodyAsString();
  }

  private static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v2", "v1", "px"})
  void latvianCodeInWhereIsSentToTheSource(String source) throws SQLException {
    String sql = "SELECT \"Teritorija_label\", \"Страна\", \"Wskaźnik\" FROM \"" + TABLE
        + "\" WHERE \"Teritorija\" = 'Rīga' ORDER BY \"Страна\"";
    assertEquals(List.of(
        row("Rīga (galvaspilsēta)", "00", dec("5.5")),
        row("Rīga (galvaspilsēta)", "015a", dec("7.3")),
        row("Rīga (galvaspilsēta)", "999", dec("6.4"))), rows(source, sql));
    try (Connection c = connect(source)) {
      assertTrue(Sql.explain(c, sql).contains("Teritorija=[Rīga]"), Sql.explain(c, sql));
    }
    if (!source.equals("px")) {
      // Counted on a second run: the first may also have read the table's metadata (v1 asks
      // for its units with a POST to the same URL) when no earlier test left it in the cache.
      reset();
      rows(source, sql);
      List<String> requests = dataRequests(source);
      assertEquals(1, requests.size(), requests.toString());
      String request = requests.get(0);
      assertTrue(source.equals("v2")
          ? request.contains("valueCodes[Teritorija]=Rīga") && !request.contains("Liepāja")
          : request.contains("\"values\":[\"Rīga\"]") && !request.contains("Liepāja"), request);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"v2", "v1", "px"})
  void cyrillicLikePatternOnLabels(String source) throws SQLException {
    assertEquals(List.of(row("Liepāja", "Северная Европа", dec("-8.9"))), rows(source,
        "SELECT \"Teritorija\", \"Страна_label\", \"Zmiana\" FROM \"" + TABLE + "\""
            + " WHERE \"Страна_label\" LIKE 'Сев%Евр_па' AND \"Teritorija\" <> 'Rīga'"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"v2", "v1", "px"})
  void greekLabelsAndPolishColumns(String source) throws SQLException {
    assertEquals(List.of(row("2025K4", "2025 Δ΄ τρίμηνο", dec("33.9"), dec("-0.8"))), rows(source,
        "SELECT \"Περίοδος\", \"Περίοδος_label\", SUM(\"Wskaźnik\"), SUM(\"Zmiana\")"
            + " FROM \"" + TABLE + "\" WHERE \"Περίοδος_label\" = '2025 Δ΄ τρίμηνο'"
            + " GROUP BY \"Περίοδος\", \"Περίοδος_label\""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"v2", "v1", "px"})
  void preparedParametersInAnyAlphabet(String source) throws SQLException {
    try (Connection c = connect(source); PreparedStatement p = c.prepareStatement(
        "SELECT \"Wskaźnik\" FROM \"" + TABLE + "\" WHERE \"Teritorija\" = ?"
            + " AND \"Страна_label\" = ?")) {
      p.setString(1, "Liepāja");
      p.setString(2, "Новые страны ЕС после 2004 г.");
      assertEquals(List.of(row(dec("6.0"))), Sql.rows(p.executeQuery()));
      p.setString(1, "Łódź");
      assertEquals(List.of(), Sql.rows(p.executeQuery()));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"v2", "v1", "px"})
  void unicodeEscapeLiteralsCompareWithColumns(String source) throws SQLException {
    // U&'Liep\0101ja' is 'Liepāja'; Calcite types U& literals UTF-16, as the driver's text.
    assertEquals(List.of(row(2L)), rows(source, "SELECT COUNT(DISTINCT \"Страна\") FROM \""
        + TABLE + "\" WHERE \"Teritorija\" = U&'Liep\\0101ja' AND \"Страна\" <> '999'"));
  }

  @Test
  void literalsOutsideLatin1() throws SQLException {
    assertEquals(List.of(row("Я", "€", "Œ", "ŁÓDŹ", "Ωμέγα", 4)), rows("px",
        "SELECT 'Я', '€', U&'\\0152', UPPER('łódź'), 'Ω' || 'μέγα', CHAR_LENGTH('Rīga')"));
  }

  @Test
  void catalogTextsInAnyAlphabet() throws SQLException {
    assertEquals(List.of(row(TABLE)), rows("v2",
        "SELECT id FROM meta.tables WHERE label LIKE '%Больничный%Απουσία%'"));
    try (Connection c = connect("v2");
        ResultSet rs = c.getMetaData().getColumns(null, "statbank", TABLE, "Стр%")) {
      assertEquals(List.of(row("Страна"), row("Страна_label")),
          Sql.rows(rs).stream().map(r -> row(r.get(3))).toList());
    }
  }

  /**
   * The driver's Unicode text is its connections' own: no system property is set, Calcite's
   * default charset stays ISO-8859-1, and a plain Calcite connection opened after the driver's
   * still rejects {@code 'Я'} as Calcite always has.
   */
  @Test
  void aPlainCalciteConnectionIsUnaffected() throws SQLException {
    assertEquals(List.of(row("Я")), rows("px", "SELECT 'Я'"));
    assertNull(System.getProperty("calcite.default.charset"));
    assertEquals(StandardCharsets.ISO_8859_1, Util.getDefaultCharset());
    try (Connection calcite = new org.apache.calcite.jdbc.Driver()
            .connect("jdbc:calcite:", new java.util.Properties());
        Statement s = calcite.createStatement()) {
      assertEquals(List.of(row("a")), Sql.rows(s.executeQuery("VALUES 'a'")));
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("VALUES 'Я'"));
      assertTrue(String.valueOf(e.getMessage()).contains("ISO-8859-1"), e.getMessage());
    }
    assertEquals(List.of(row("Rīga")), rows("px", "VALUES 'Rīga'"));
  }
}
