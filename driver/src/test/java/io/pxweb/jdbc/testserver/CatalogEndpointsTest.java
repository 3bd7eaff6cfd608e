package io.pxweb.jdbc.testserver;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tests of {@code /config}, {@code /tables}, {@code /tables/{id}} and the metadata endpoint. */
class CatalogEndpointsTest {

  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().build();

  private final ApiClient api = new ApiClient(server);

  private static List<String> ids(JsonNode tablesResponse) {
    List<String> ids = new ArrayList<>();
    tablesResponse.path("tables").forEach(t -> ids.add(t.path("id").asText()));
    return ids;
  }

  @Test
  void urlsOfTheServer() {
    assertEquals("http://localhost:" + server.getPort() + "/api/v2", server.baseUrl());
    assertEquals("jdbc:pxweb:" + server.baseUrl(), server.jdbcUrl());
  }

  @Test
  void configIsTheFixture() {
    JsonNode config = api.get("/config").json();
    assertEquals(10000, config.path("maxDataCells").asInt());
    assertEquals(10000, server.maxDataCells());
    assertEquals("json-stat2", config.path("defaultDataFormat").asText());
    assertEquals(400, api.get("/config?lang=fi").status());
  }

  @Test
  void firstPageListsEveryTable() {
    JsonNode r = api.get("/tables?lang=en").json();
    assertEquals("en", r.path("language").asText());
    assertEquals(server.catalog().tableIds(), ids(r));
    assertEquals(8, r.path("page").path("totalElements").asInt());
    assertEquals(1, r.path("page").path("totalPages").asInt());
    assertEquals(0, r.path("page").path("links").size());
    assertEquals(server.baseUrl() + "/tables/?lang=en&pagesize=20&pageNumber=1",
        r.path("links").get(0).path("href").asText());
    JsonNode first = r.path("tables").get(0);
    assertEquals(List.of("self", "alternate", "metadata", "data"), List.of(
        first.path("links").get(0).path("rel").asText(),
        first.path("links").get(1).path("rel").asText(),
        first.path("links").get(2).path("rel").asText(),
        first.path("links").get(3).path("rel").asText()));
    assertEquals(server.baseUrl() + "/tables/TAB004/data?lang=en&outputFormat=json-stat2",
        first.path("links").get(3).path("href").asText());
  }

  @Test
  void pagingWithCaseInsensitiveParameters() {
    JsonNode p1 = api.get("/tables?lang=en&pagesize=3").json();
    assertEquals(List.of("TAB004", "TAB003", "TAB001"), ids(p1));
    JsonNode page = p1.path("page");
    assertEquals(3, page.path("totalPages").asInt());
    assertEquals("next", page.path("links").get(0).path("rel").asText());
    assertEquals(server.baseUrl() + "/tables/?lang=en&pagesize=3&pageNumber=2",
        page.path("links").get(0).path("href").asText());
    assertEquals("last", page.path("links").get(1).path("rel").asText());
    JsonNode p3 = api.getUrl(page.path("links").get(1).path("href").asText()).json();
    assertEquals(List.of("12909", "03024"), ids(p3));
    assertEquals("previous", p3.path("page").path("links").get(0).path("rel").asText());
    assertEquals(1, p3.path("page").path("links").size());
    assertEquals(List.of("05810", "13861", "TAB2936"),
        ids(api.get("/tables?PAGESIZE=3&PageNumber=2").json()));
  }

  @Test
  void pageBeyondTheLastIsNonExistentPage() {
    ApiClient.Response r = api.get("/tables?pageSize=3&pageNumber=4");
    assertEquals(404, r.status());
    assertEquals("{\"type\":\"Parameter error\",\"title\":\"Non-existent page\",\"status\":404,"
        + "\"detail\":\"Non-existent page\"}", r.body());
  }

  @Test
  void queryFiltersAndNoHitsIsOnePage() {
    assertEquals(List.of("TAB001", "05810"), ids(api.get("/tables?query=population").json()));
    assertEquals(List.of("TAB004"), ids(api.get("/tables?query=tab004").json()));
    JsonNode none = api.get("/tables?query=nothing%20here").json();
    assertEquals(0, none.path("tables").size());
    assertEquals(1, none.path("page").path("totalPages").asInt());
    assertEquals(8, ids(api.get("/tables?pastDays=100000").json()).size());
    assertEquals(List.of("05810"),
        ids(api.get("/tables?includeDiscontinued=true&query=05810").json()));
  }

  @Test
  void tableByIdIgnoresCase() {
    JsonNode t = api.get("/tables/tab004?lang=sv").json();
    assertEquals("sv", t.path("language").asText());
    assertEquals("TAB004", t.path("id").asText());
    assertEquals("Annual", t.path("timeUnit").asText());
    ApiClient.Response missing = api.get("/tables/NOPE");
    assertEquals(404, missing.status());
    assertEquals("{\"type\":\"Parameter error\",\"title\":\"Non-existent table\",\"status\":404}",
        missing.body());
  }

  @Test
  void derivedTablesHaveTheirTimeUnits() {
    assertEquals("Monthly", api.get("/tables/TAB2936").json().path("timeUnit").asText());
    assertEquals("Quarterly", api.get("/tables/12909").json().path("timeUnit").asText());
    assertEquals("Weekly", api.get("/tables/03024").json().path("timeUnit").asText());
    assertEquals("2016", api.get("/tables/13861").json().path("firstPeriod").asText());
  }

  @Test
  void metadataIsServedAsStored() {
    JsonNode m = api.get("/tables/05810/metadata?lang=en").json();
    JsonNode kjonn = m.path("dimension").path("Kjonn");
    assertTrue(kjonn.path("extension").has("codeLists"));
    assertEquals(2, kjonn.path("category").path("index").path("1").asInt());
    assertEquals(0, m.path("value").size());
    assertEquals(List.of("0", "2", "1"), server.table("05810").valueCodes("Kjonn"));
    assertEquals("TOTAL", api.get("/tables/TAB001/metadata").json().path("dimension")
        .path("AGE").path("extension").path("eliminationValueCode").asText());
    assertEquals(404, api.get("/tables/NOPE/metadata").status());
    assertEquals("Non-existent codelist",
        api.get("/tables/TAB001/metadata?codelist%5BREGION%5D=vs_x").title());
    assertEquals("Non-existent variable",
        api.get("/tables/TAB001/metadata?codelist%5BFOO%5D=vs_x").title());
    assertFalse(api.get("/tables/TAB004/metadata").json().path("updated").asText()
        .contains("REPLACED"));
  }

  @Test
  void otherPathsStayUnmatched() {
    assertEquals(404, api.get("/navigation").status());
    assertEquals(404, api.get("/tables/TAB001/defaultselection").status());
    assertEquals(2, server.findAllUnmatchedRequests().size());
    // Clear the journal so that failOnUnmatchedRequests does not fail this test.
    server.resetRequests();
  }

  @Test
  void aTestStubWithoutPriorityWinsOverTheEndpoints() {
    server.stubFor(get(urlPathEqualTo("/api/v2/config")).willReturn(aResponse().withStatus(503)));
    assertEquals(503, api.get("/config").status());
  }
}
