package io.pxweb.jdbc.testserver;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.pxweb.jdbc.testserver.SelectionGrammarTest.query;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tests of the builder options: cell limit, page size, plain order and fixed responses. */
class ServerOptionsTest {

  @RegisterExtension
  static PxWebTestServer limited = PxWebTestServer.builder()
      .maxDataCells(990)
      .pageSize(3)
      .reorderDimensions(false)
      .respondTo(RequestMethod.GET, "/tables/TAB003/data",
          aResponse().withStatus(503).withBody("maintenance"))
      .build();

  private final ApiClient api = new ApiClient(limited);

  @Test
  void configReportsTheOverriddenCellLimit() {
    JsonNode config = api.get("/config").json();
    assertEquals(990, config.path("maxDataCells").asInt());
    assertEquals("en", config.path("defaultLanguage").asText());
  }

  @Test
  void cellCountAboveTheLimitIsTooManyCells() {
    // 30 regions x 3 sexes x 11 ages x 1 content x 1 year = 990: exactly the limit.
    String ages = "TOTAL,Y_LT5,Y5-9,Y10-14,Y_LT15,Y15-19,Y15-64,Y20-24,Y25-29,Y30-34,Y35-39";
    assertEquals(200, api.get("/tables/TAB001/data" + query(Map.of("REGION", "*", "SEX", "*",
        "AGE", ages, "ContentsCode", "*", "TIME", "2001"))).status());
    ApiClient.Response r = api.get("/tables/TAB001/data" + query(Map.of("REGION", "*",
        "SEX", "*", "AGE", ages + ",Y40-44", "ContentsCode", "*", "TIME", "2001")));
    assertEquals(400, r.status());
    assertEquals("{\"type\":\"Parameter error\",\"title\":\"Too many cells selected\","
        + "\"status\":400,\"detail\":\"Too many cells selected\"}", r.body());
  }

  @Test
  void withoutReorderingTheMetadataOrderIsKept() {
    JsonNode ds = api.get("/tables/TAB001/data" + query(Map.of("REGION", "AT,BE", "SEX", "*",
        "AGE", "*", "ContentsCode", "*", "TIME", "*"))).json();
    JsonStatCells r = new JsonStatCells(ds);
    assertEquals(limited.table("TAB001").variableCodes(), r.ids());
    assertEquals(List.of("AT", "BE"), r.indexKeyOrder("REGION"));
  }

  @Test
  void defaultPageSizeComesFromTheBuilder() {
    JsonNode page = api.get("/tables").json().path("page");
    assertEquals(3, page.path("pageSize").asInt());
    assertEquals(3, page.path("totalPages").asInt());
  }

  @Test
  void fixedResponsesOverrideAnEndpoint() {
    ApiClient.Response r = api.get("/tables/TAB003/data?valueCodes%5BTIME%5D=2010");
    assertEquals(503, r.status());
    assertEquals("maintenance", r.body());
    limited.respondTo(RequestMethod.GET, "/tables/TAB004/metadata",
        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    try {
      api.get("/tables/TAB004/metadata");
      throw new AssertionError("expected a connection failure");
    } catch (UncheckedIOException expected) {
      // the fault stub answered
    }
    assertEquals(200, api.get("/tables/TAB003/metadata").status());
  }
}
