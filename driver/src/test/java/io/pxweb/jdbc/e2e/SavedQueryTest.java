package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.pxweb.jdbc.e2e.Sql.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pxweb.jdbc.testserver.PxWebTestServer;
import io.pxweb.jdbc.testserver.TestTable;
import io.pxweb.jdbc.testserver.V1TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A saved query ({@code /savedqueries/{id}}, PxWebApi 2.0) as the table
 * {@code savedquery."<id>"}: its selection (expanded by {@code /selection}) applied to its table,
 * its data read through the table's data endpoint. Fixtures: {@code fixtures/savedqueries/}
 * (built from the spec's schemas, see PROVENANCE.txt).
 */
class SavedQueryTest {
  private static final String ID = "3f9c2a";

  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder()
      .stub(get(urlPathEqualTo("/api/v2/savedqueries/" + ID)).willReturn(json(200,
          "savedquery-" + ID + ".json")))
      .stub(get(urlPathEqualTo("/api/v2/savedqueries/" + ID + "/selection")).willReturn(json(200,
          "selection-" + ID + ".json")))
      .stub(get(urlPathMatching("/api/v2/savedqueries/nosuch(/selection)?")).willReturn(json(404,
          "not-found.json")))
      .stub(get(urlPathMatching("/api/v2/savedqueries/broken(/selection)?")).willReturn(
          aResponse().withHeader("Content-Type", "application/json").withBody("{\"id\":1}")))
      .build();

  @RegisterExtension
  static V1TestServer v1 = V1TestServer.builder().build();

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status,
      String file) {
    try (InputStream in = Objects.requireNonNull(SavedQueryTest.class.getClassLoader()
        .getResourceAsStream("fixtures/savedqueries/" + file))) {
      return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
          .withBody(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @BeforeEach
  void reset() {
    server.resetRequests();
  }

  @Test
  void theSavedSelectionIsTheTable() throws SQLException {
    TableEntryValues t = new TableEntryValues(server.table("TAB003"));
    List<List<Object>> expected = new ArrayList<>();
    for (String treatment : List.of("10", "20")) {
      for (String waste : List.of("01.4,02,03.1", "05")) {
        for (String time : List.of("2014", "2016")) {
          expected.add(row(treatment, waste, time, t.value(treatment, waste, time)));
        }
      }
    }
    try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
      assertEquals(Sql.normalize(expected), Sql.normalize(Sql.rows(c,
          "SELECT TREATMENT_CAT, WASTE_CAT, \"TIME\", \"WasteHazard\" FROM savedquery.\"" + ID
              + "\" ORDER BY 1, 2, 3")));
      // Only the content it selects: WasteNonHazard is no column of the saved query.
      List<String> columns = Sql.columns(c, "SELECT * FROM savedquery.\"" + ID + "\"");
      assertTrue(columns.contains("WasteHazard_status") && !columns.contains("WasteNonHazard"),
          columns.toString());
    }
    List<LoggedRequest> data = server.findAll(anyRequestedFor(
        urlPathEqualTo("/api/v2/tables/TAB003/data")));
    // One request: the second statement reads no rows.
    assertEquals(1, data.size());
    for (LoggedRequest r : data) {
      assertEquals("10,20", r.queryParameter("valueCodes[TREATMENT_CAT]").firstValue());
      assertEquals("[01.4,02,03.1],05", r.queryParameter("valueCodes[WASTE_CAT]").firstValue());
      // The two latest periods, as the driver writes them for any table.
      assertEquals("top(2)", r.queryParameter("valueCodes[TIME]").firstValue());
    }
    // Read once per connection: the query, and its selection in the connection's language.
    assertEquals(1, server.findAll(getRequestedFor(
        urlPathEqualTo("/api/v2/savedqueries/" + ID))).size());
    assertEquals("en", server.findAll(getRequestedFor(urlPathEqualTo(
        "/api/v2/savedqueries/" + ID + "/selection"))).get(0).queryParameter("lang").firstValue());
  }

  @Test
  void aQueryNarrowsTheSavedSelection() throws SQLException {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
      TestTable t = server.table("TAB003");
      assertEquals(Sql.normalize(List.of(
              row("2014", t.value("20", "05", "WasteHazard", "2014")),
              row("2016", t.value("20", "05", "WasteHazard", "2016")))),
          Sql.normalize(Sql.rows(c, "SELECT \"TIME\", \"WasteHazard\" FROM savedquery.\"" + ID
              + "\" WHERE TREATMENT_CAT = '20' AND WASTE_CAT = '05' ORDER BY 1")));
    }
    LoggedRequest r = server.findAll(anyRequestedFor(
        urlPathEqualTo("/api/v2/tables/TAB003/data"))).get(0);
    assertEquals("20", r.queryParameter("valueCodes[TREATMENT_CAT]").firstValue());
    assertEquals("05", r.queryParameter("valueCodes[WASTE_CAT]").firstValue());
  }

  @Test
  void anUnknownSavedQueryIsNoTable() throws SQLException {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
      SQLException e = assertThrows(SQLException.class,
          () -> Sql.rows(c, "SELECT * FROM savedquery.\"nosuch\""));
      assertEquals("42S02", e.getSQLState());
      assertTrue(e.getMessage().contains("Saved query not found"), e.getMessage());
      SQLException bad = assertThrows(SQLException.class,
          () -> Sql.rows(c, "SELECT * FROM savedquery.\"..\""));
      assertEquals("42S02", bad.getSQLState());
      assertFalse(bad.getMessage().contains("Exception"), bad.getMessage());
    }
  }

  @Test
  void aSavedQueryWithoutTableIsAProtocolError() throws SQLException {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
      SQLException e = assertThrows(SQLException.class,
          () -> Sql.rows(c, "SELECT * FROM savedquery.\"broken\""));
      assertEquals("08P01", e.getSQLState());
      assertTrue(e.getMessage().contains("names no tableId"), e.getMessage());
    }
  }

  @Test
  void otherSourcesHaveNoSavedQueries() throws SQLException {
    try (Connection c = DriverManager.getConnection(v1.jdbcUrl())) {
      SQLException e = assertThrows(SQLException.class,
          () -> Sql.rows(c, "SELECT * FROM savedquery.\"" + ID + "\""));
      assertEquals("42S02", e.getSQLState());
      assertTrue(e.getMessage().contains("savedquery"), e.getMessage());
    }
  }

  /** TAB003's HazardWaste cells by treatment, waste category and year. */
  private record TableEntryValues(TestTable table) {
    Object value(String treatment, String waste, String time) {
      return table.value(treatment, waste, "WasteHazard", time);
    }
  }
}
