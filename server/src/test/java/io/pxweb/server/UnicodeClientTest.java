package io.pxweb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text outside ISO-8859-1 through the server with pgjdbc: literals, LIKE patterns, parameters
 * (bound by the extended protocol) and quoted identifiers in Latvian, Cyrillic, Polish and Greek,
 * over the driver's Unicode test table (driver/src/test/resources/fixtures/unicode, a UTF-8 PX
 * file; see PROVENANCE.txt there).
 */
class UnicodeClientTest {
  @TempDir
  static Path folder;

  private static PxWebServer server;

  @BeforeAll
  static void start() throws Exception {
    Files.copy(Path.of("..", "driver", "src", "test", "resources", "fixtures", "unicode",
        "UNI12909.px"), folder.resolve("UNI12909.px"));
    server = PxWebServer.start(new String[] {"--port", "0", "--url", "jdbc:pxweb:file:" + folder});
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<List<String>> query(String sql) throws Exception {
    try (Connection c = ServerFixture.pg(server, ""); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return ServerFixture.rows(rs);
    }
  }

  @Test
  void literalsAndLikePatternsInAnyAlphabet() throws Exception {
    assertEquals(List.of(List.of("Rīga (galvaspilsēta)", ServerFixture.cell("00"), "5.5"),
            List.of("Rīga (galvaspilsēta)", "015a", "7.3"),
            List.of("Rīga (galvaspilsēta)", "999", "6.4")),
        query("SELECT \"Teritorija_label\", \"Страна\", \"Wskaźnik\" FROM \"UNI12909\""
            + " WHERE \"Teritorija\" = 'Rīga' ORDER BY 2"));
    assertEquals(List.of(List.of("Liepāja", "-8.9")),
        query("SELECT \"Teritorija\", \"Zmiana\" FROM \"UNI12909\""
            + " WHERE \"Страна_label\" LIKE 'Сев%' AND \"Περίοδος_label\" = '2025 Δ΄ τρίμηνο'"
            + " AND \"Teritorija\" <> 'Rīga'"));
    assertEquals(List.of(List.of("Я", "€", "Œ", "ŁÓDŹ")),
        query("SELECT 'Я', '€', 'Œ', UPPER('łódź')"));
  }

  @Test
  void parametersInAnyAlphabet() throws Exception {
    try (Connection c = ServerFixture.pg(server, "prepareThreshold=1");
        PreparedStatement p = c.prepareStatement("SELECT \"Wskaźnik\" FROM \"UNI12909\""
            + " WHERE \"Teritorija\" = ? AND \"Страна_label\" = ?")) {
      p.setString(1, "Liepāja");
      p.setString(2, "Новые страны ЕС после 2004 г.");
      for (int run = 0; run < 2; run++) {
        try (ResultSet rs = p.executeQuery()) {
          assertEquals(List.of(List.of("6")), ServerFixture.rows(rs));
        }
      }
    }
  }
}
