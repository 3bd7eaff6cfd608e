package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.pxweb.jdbc.e2e.Sql.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import io.pxweb.jdbc.testserver.V1TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code meta.source_references}: the statbank's own citation text per language and its licence,
 * from {@code /config} (read when the connection opens, no request of its own).
 */
class SourceReferencesTest {
  @RegisterExtension
  static PxWebTestServer v2 = PxWebTestServer.builder().build();

  @RegisterExtension
  static V1TestServer v1 = V1TestServer.builder().build();

  private static final String LICENSE =
      "https://creativecommons.org/share-your-work/public-domain/cc0/";

  @Test
  void citationsPerLanguageFromTheConfig() throws SQLException {
    try (Connection c = DriverManager.getConnection(v2.jdbcUrl())) {
      v2.resetRequests();
      assertEquals(List.of(row("en", "Source: Statistics Sweden", LICENSE),
              row("sv", "Källa: SCB", LICENSE)),
          Sql.rows(c, "SELECT language, text, license FROM meta.source_references"
              + " ORDER BY language"));
      assertEquals(List.of(row("Källa: SCB")),
          Sql.rows(c, "SELECT text FROM meta.source_references WHERE language = 'sv'"));
      assertEquals(0, v2.findAll(anyRequestedFor(anyUrl())).size());
    }
  }

  @Test
  void sourcesThatNameNoCitationHaveNoRows() throws SQLException {
    try (Connection c = DriverManager.getConnection(v1.jdbcUrl())) {
      assertEquals(List.of(row(0L)),
          Sql.rows(c, "SELECT COUNT(*) FROM meta.source_references"));
    }
  }
}
