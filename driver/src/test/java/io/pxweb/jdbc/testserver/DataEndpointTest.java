package io.pxweb.jdbc.testserver;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.pxweb.jdbc.testserver.SelectionGrammarTest.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tests of the data endpoint: elimination, limits, errors and the shape of the output. */
class DataEndpointTest {

  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().build();

  private final ApiClient api = new ApiClient(server);

  private static Map<String, String> map(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private JsonNode ok(String table, Map<String, String> valueCodes) {
    ApiClient.Response r = api.get("/tables/" + table + "/data" + query(valueCodes));
    assertEquals(200, r.status(), r.body());
    assertEquals("application/json; charset=UTF-8", r.contentType());
    return r.json();
  }

  /** Every cell of a response equals the catalog's cell for the same codes. */
  private static void assertMatchesCatalog(TestTable table, JsonNode dataset) {
    JsonStatCells reader = new JsonStatCells(dataset);
    List<String> ids = reader.ids();
    List<Map<String, String>> combos = new ArrayList<>();
    combos.add(new HashMap<>());
    for (String id : ids) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> c : combos) {
        for (String code : reader.codes(id)) {
          Map<String, String> m = new HashMap<>(c);
          m.put(id, code);
          next.add(m);
        }
      }
      combos = next;
    }
    assertEquals(combos.size(), dataset.path("value").size());
    for (Map<String, String> c : combos) {
      Cell expected = table.cell(c);
      Cell actual = reader.cell(c);
      assertEquals(expected.status(), actual.status(), c.toString());
      if (expected.value() == null) {
        assertNull(actual.value(), c.toString());
      } else {
        assertEquals(0, expected.value().compareTo(actual.value()), c + " " + actual);
      }
    }
  }

  @Test
  void tab001ValuesComeFromThePxFile() {
    JsonNode ds = ok("TAB001", map("REGION", "AT,SE", "SEX", "F,T", "AGE", "TOTAL",
        "ContentsCode", "*", "TIME", "*"));
    JsonStatCells r = new JsonStatCells(ds);
    Cell first = r.cell(map("REGION", "AT", "SEX", "F", "AGE", "TOTAL", "ContentsCode", "HNMGA",
        "TIME", "1981"));
    assertNull(first.value());
    assertEquals("..", first.status());
    assertEquals(new BigDecimal("4041797"), r.cell(map("REGION", "AT", "SEX", "F", "AGE",
        "TOTAL", "ContentsCode", "HNMGA", "TIME", "1991")).value());
    assertEquals(new BigDecimal("8882792"), r.cell(map("REGION", "SE", "SEX", "T", "AGE",
        "TOTAL", "ContentsCode", "HNMGA", "TIME", "2001")).value());
    assertMatchesCatalog(server.table("TAB001"), ds);
  }

  @Test
  void statusIsASparseObjectAfterValueAndNumbersHaveNoTrailingZero() {
    ApiClient.Response resp = api.get("/tables/TAB001/data" + query(map("REGION", "AT",
        "SEX", "F", "AGE", "TOTAL", "ContentsCode", "HNMGA", "TIME", "*")));
    JsonNode ds = resp.json();
    List<String> keys = new ArrayList<>();
    ds.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("version", "class", "label", "source", "updated", "link", "note", "role",
        "id", "size", "dimension", "extension", "value", "status"), keys);
    assertTrue(ds.path("status").isObject());
    assertEquals(1, ds.path("status").size());
    assertFalse(resp.body().contains(".0,"), resp.body());
    assertTrue(resp.body().contains("4041797"), resp.body());
    assertTrue(ds.path("extension").has("discontinued"));
    assertFalse(ds.path("dimension").path("TIME").path("extension").has("codelists"));
  }

  @Test
  void noStatusKeyWhenNoCellHasOne() {
    JsonNode ds = ok("13861", map("NACE2007", "A", "ContentsCode", "*", "Tid", "*"));
    assertFalse(ds.has("status"));
  }

  @Test
  void ssb13861ValuesAreTheRecordedOnes() {
    JsonNode ds = ok("13861", map("NACE2007", "*", "ContentsCode", "*", "Tid", "*"));
    JsonStatCells r = new JsonStatCells(ds);
    assertEquals(new BigDecimal("0.205"), r.cell(map("NACE2007", "A-Z", "ContentsCode",
        "Ginikoeffisient", "Tid", "2016")).value());
    assertEquals(new BigDecimal("0.233"), r.cell(map("NACE2007", "B", "ContentsCode",
        "Ginikoeffisient", "Tid", "2022")).value());
    assertEquals(new BigDecimal("2.3"), r.cell(map("NACE2007", "C", "ContentsCode", "P90P10",
        "Tid", "2022")).value());
    assertMatchesCatalog(server.table("13861"), ds);
  }

  @Test
  void eliminationWithAValueSelectsItAndDropsTheDimension() {
    JsonNode ds = ok("TAB001", map("REGION", "SE", "SEX", "T", "ContentsCode", "*", "TIME", "*"));
    assertFalse(new JsonStatCells(ds).ids().contains("AGE"));
    assertEquals(new BigDecimal("8587353"), new JsonStatCells(ds).cell(map("REGION", "SE",
        "SEX", "T", "ContentsCode", "HNMGA", "TIME", "1991")).value());
    // 13861: NACE2007 eliminates to "A-Z".
    JsonNode ssb = ok("13861", map("ContentsCode", "P90P10", "Tid", "2017"));
    assertEquals(List.of(new BigDecimal("2.3")), List.of(ssb.path("value").get(0).decimalValue()));
  }

  @Test
  void eliminationWithoutAValueSumsOverAllValues() {
    TestTable t = server.table("05810");
    JsonNode ds = ok("05810", map("ContentsCode", "Personer", "Tid", "top(3)"));
    assertEquals(List.of("Tid", "ContentsCode"), new JsonStatCells(ds).ids());
    assertMatchesCatalog(t, ds);
    // The sum is the plain sum of the 3 x 7 synthesized cells when none is a symbol cell.
    for (String year : List.of("2023", "2024", "2025")) {
      BigDecimal sum = BigDecimal.ZERO;
      boolean symbol = false;
      for (String k : t.valueCodes("Kjonn")) {
        for (String a : t.valueCodes("Alder")) {
          Cell c = t.cell(k, a, "Personer", year);
          symbol |= c.isMissing();
          sum = c.isMissing() ? sum : sum.add(c.value());
        }
      }
      Cell got = new JsonStatCells(ds).cell(map("ContentsCode", "Personer", "Tid", year));
      if (!symbol) {
        assertEquals(0, sum.compareTo(got.value()), year);
      } else {
        assertNull(got.value());
      }
    }
  }

  @Test
  void mandatoryVariableLeftOutIsMissingSelection() {
    ApiClient.Response r = api.get("/tables/TAB001/data" + query(map("REGION", "AT",
        "ContentsCode", "*", "TIME", "*")));
    assertEquals(400, r.status());
    assertEquals("Missing selection for mandantory variable", r.title());
    r = api.get("/tables/TAB001/data" + query(map("REGION", "AT", "SEX", "",
        "ContentsCode", "*", "TIME", "*")));
    assertEquals("Missing selection for mandantory variable", r.title());
  }

  @Test
  void noSelectionGivesTheDefaultSelection() {
    JsonNode ds = api.get("/tables/TAB004/data?lang=en").json();
    JsonStatCells r = new JsonStatCells(ds);
    assertEquals(List.of("2017"), r.codes("TIME"));
    assertEquals(14, r.codes("SECTOR").size());
    assertMatchesCatalog(server.table("TAB004"), ds);
  }

  @Test
  void unknownTableIsHttp400WithStatus404InTheBody() {
    ApiClient.Response r = api.get("/tables/NOPE/data?valueCodes%5BX%5D=1");
    assertEquals(400, r.status());
    assertEquals("Non-existent table", r.title());
    assertEquals(404, r.json().path("status").asInt());
  }

  @Test
  void tableIdIgnoresCase() {
    JsonNode ds = ok("tab004", map("SECTOR", "0.3", "GREENHOUSEGAS", "CO2", "ContentsCode", "*",
        "TIME", "1990,2017"));
    assertEquals(List.of(new BigDecimal("21283"), new BigDecimal("-3332")), List.of(
        new JsonStatCells(ds).cell(map("SECTOR", "0.3", "GREENHOUSEGAS", "CO2",
            "ContentsCode", "Emission", "TIME", "1990")).value(),
        new JsonStatCells(ds).cell(map("SECTOR", "0.3", "GREENHOUSEGAS", "CO2",
            "ContentsCode", "Emission", "TIME", "2017")).value()));
  }

  @Test
  void languageMustBeConfigured() {
    String q = query(map("NACE2007", "A", "ContentsCode", "*", "Tid", "*"));
    ApiClient.Response r = api.get("/tables/13861/data" + q.replace("lang=en", "lang=no"));
    assertEquals(400, r.status());
    assertEquals("{\"type\":\"Parameter error\",\"title\":\"Unsupported language\",\"status\":400}",
        r.body());
    assertEquals(200, api.get("/tables/13861/data" + q.replace("lang=en", "lang=SV")).status());
    assertEquals(200, api.get("/tables/13861/data" + q.replace("lang=en", "x=1")).status());
  }

  @Test
  void onlyJsonStat2IsServed() {
    String q = query(map("NACE2007", "A", "ContentsCode", "*", "Tid", "*"));
    assertEquals(200, api.get("/tables/13861/data" + q + "&outputformat=json-stat2").status());
    ApiClient.Response px = api.get("/tables/13861/data" + q + "&outputFormat=px");
    assertEquals("Unsupported output format", px.title());
    assertEquals("Unsupported output format", px.json().path("detail").asText());
    assertEquals("Unsupported output format",
        api.get("/tables/13861/data" + q + "&outputFormat=parquet").title());
    assertEquals(400, api.get("/tables/13861/data" + q + "&outputFormat=foo").status());
    assertEquals("Unsupported output format", api.get("/tables/13861/data" + q
        + "&outputFormat=json-stat2&outputFormatParams=UseCodes").title());
  }

  @Test
  void getUrlsLongerThan2100CharactersAreAnEmpty404() {
    String base = server.baseUrl() + "/tables/13861/data"
        + query(map("NACE2007", "A", "ContentsCode", "*", "Tid", "*")) + "&pad=";
    String exact = base + "x".repeat(2100 - base.length());
    assertEquals(2100, exact.length());
    assertEquals(200, api.getUrl(exact).status());
    ApiClient.Response r = api.getUrl(exact + "x");
    assertEquals(404, r.status());
    assertEquals("", r.body());
  }

  @Test
  void postHasNoUrlLimitAndNeedsJson() {
    String body = """
        {"selection":[{"variableCode":"Tid","valueCodes":["%s"]},
                      {"variableCode":"ContentsCode","valueCodes":["*"]}]}"""
        .formatted("2016\",\"".repeat(600) + "2017");
    // 600 copies of the same literal are duplicates: the body is long but the answer is 500.
    assertEquals(500, api.postJson("/tables/13861/data", body).status());
    String fine = """
        {"selection":[{"variableCode":"Tid","valueCodes":["2016","2017"]},
                      {"variableCode":"contentscode","valueCodes":["*"]}],
         "placement":{"heading":["Tid"],"stub":["ContentsCode"]}}""";
    ApiClient.Response r = api.postJson("/tables/13861/data?lang=en&outputFormat=json-stat2"
        + "&pad=" + "x".repeat(2100), fine);
    assertEquals(200, r.status(), r.body());
    assertEquals(List.of("ContentsCode", "Tid"), new JsonStatCells(r.json()).ids());
    assertEquals(415, api.post("/tables/13861/data", fine, "text/plain").status());
  }

  @Test
  void postWithoutBodyGivesTheDefaultSelection() {
    ApiClient.Response r = api.postJson("/tables/03024/data", "");
    assertEquals(200, r.status(), r.body());
  }

  @Test
  void dimensionsAreReorderedAndIndexKeysReversed() {
    JsonNode ds = ok("TAB001", map("REGION", "AT,BE,BG", "SEX", "*", "AGE", "TOTAL,Y_LT5",
        "ContentsCode", "*", "TIME", "*"));
    JsonStatCells r = new JsonStatCells(ds);
    assertEquals(List.of("TIME", "REGION", "SEX", "AGE", "ContentsCode"), r.ids());
    assertNotEquals(server.table("TAB001").variableCodes(), r.ids());
    assertEquals(List.of("AT", "BE", "BG"), r.codes("REGION"));
    assertEquals(List.of("BG", "BE", "AT"), r.indexKeyOrder("REGION"));
    assertEquals(List.of(3, 3, 3, 2, 1), List.of(ds.path("size").get(0).asInt(),
        ds.path("size").get(1).asInt(), ds.path("size").get(2).asInt(),
        ds.path("size").get(3).asInt(), ds.path("size").get(4).asInt()));
    assertMatchesCatalog(server.table("TAB001"), ds);
  }

  @Test
  void placementDecidesTheDimensionOrder() {
    String q = query(map("REGION", "AT,BE", "SEX", "F", "ContentsCode", "*", "TIME", "*"));
    JsonNode ds = api.get("/tables/TAB001/data" + q + "&heading=sex,time&stub=REGION,ContentsCode")
        .json();
    assertEquals(List.of("REGION", "ContentsCode", "SEX", "TIME"), new JsonStatCells(ds).ids());
    assertMatchesCatalog(server.table("TAB001"), ds);
    JsonNode onlyHeading = api.get("/tables/TAB001/data" + q + "&heading=REGION").json();
    assertEquals(List.of("SEX", "ContentsCode", "TIME", "REGION"),
        new JsonStatCells(onlyHeading).ids());
  }

  @Test
  void contentUnitsAndPerValueExtensionsFollowTheSelection() {
    JsonNode ds = ok("03024", map("VareGrupper2", "*", "ContentsCode", "Kilopris", "Tid", "*"));
    JsonNode content = ds.path("dimension").path("ContentsCode");
    assertEquals(2, content.path("category").path("unit").path("Kilopris").path("decimals")
        .asInt());
    assertFalse(content.path("category").path("unit").has("Vekt"));
    assertFalse(content.path("extension").path("measuringType").has("Vekt"));
    assertEquals(new BigDecimal("105.03"), new JsonStatCells(ds).cell(map("VareGrupper2", "02",
        "ContentsCode", "Kilopris", "Tid", "2023U29")).value());
  }

  @Test
  void periodCodesOfOtherTimeUnits() {
    JsonNode monthly = ok("TAB2936", map("Kon", "1", "FackligOrg", "LO", "ContentsCode", "*",
        "Tid", "*", "AnstForm", "ANSTTOT,TA"));
    JsonStatCells m = new JsonStatCells(monthly);
    assertEquals(List.of("2025M11", "2025M12", "2026M01"), m.codes("Tid"));
    assertEquals(new BigDecimal("494.8"), m.cell(map("Kon", "1", "FackligOrg", "LO",
        "ContentsCode", "AM0401RP", "Tid", "2025M11", "AnstForm", "ANSTTOT")).value());
    assertEquals("..", m.cell(map("Kon", "1", "FackligOrg", "LO", "ContentsCode", "AM0401RP",
        "Tid", "2026M01", "AnstForm", "TA")).status());
    assertMatchesCatalog(server.table("TAB2936"), monthly);
    JsonNode quarterly = ok("12909", map("ContentsCode", "*", "Tid", "top(1)"));
    assertEquals(List.of("2025K4"), new JsonStatCells(quarterly).codes("Tid"));
    assertEquals(new BigDecimal("6.4"), quarterly.path("value").get(0).decimalValue());
    JsonNode weekly = ok("03024", map("VareGrupper2", "01", "ContentsCode", "Vekt", "Tid", "*"));
    assertEquals(List.of("2023U29"), new JsonStatCells(weekly).codes("Tid"));
    assertEquals("17898", weekly.path("value").get(0).toString());
  }

  @Test
  void plusInAGetQueryIsASpace() {
    // TAB2936's code "1+2" must be sent as %2B; a raw '+' arrives as a space.
    String raw = server.baseUrl() + "/tables/TAB2936/data?valueCodes[Kon]=1+2"
        + "&valueCodes[ContentsCode]=*&valueCodes[Tid]=*";
    assertEquals("Non-existent value", api.getUrl(raw).title());
    assertEquals(200, api.getUrl(raw.replace("1+2", "1%2B2")).status());
  }

  @Test
  void requestsCanBeVerified() {
    ok("13861", map("NACE2007", "A", "ContentsCode", "*", "Tid", "*"));
    server.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/tables/13861/data")));
    assertEquals(1, server.getAllServeEvents().size());
  }
}
