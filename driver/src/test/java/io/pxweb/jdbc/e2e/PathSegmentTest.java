package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Table ids {@code .} and {@code ..} never collapse the URL path into another resource. */
class PathSegmentTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  /** Serves the server's own table list with TAB004 and TAB003 renamed to "." and "..". */
  private static void hostileTableList() throws Exception {
    java.net.http.HttpResponse<String> list = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
            server.baseUrl() + "/tables?lang=en&pageSize=1000&pageNumber=1")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    String body = list.body().replace("\"TAB004\"", "\".\"").replace("\"TAB003\"", "\"..\"");
    server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v2/tables"))
        .atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
            .withHeader("Content-Type", "application/json").withBody(body)));
  }

  @Test
  void dotIdsAreNoTables() throws Exception {
    hostileTableList();
    try (Connection c = DriverManager.getConnection(server.jdbcUrl() + ";metadataTtl=0")) {
      server.resetRequests();
      for (String id : List.of(".", "..")) {
        SQLException e = assertThrows(SQLException.class,
            () -> Sql.rows(c, "select * from \"" + id + "\""));
        assertEquals("42S02", e.getSQLState(), e.getMessage());
      }
    }
    // Nothing left the driver: no /tables/metadata, /metadata or /api/v2/metadata.
    assertEquals(List.of(), server.findAll(anyRequestedFor(anyUrl())).stream()
        .map(r -> r.getUrl()).toList());
  }
}
