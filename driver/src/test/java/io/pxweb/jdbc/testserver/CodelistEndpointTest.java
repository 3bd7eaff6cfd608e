package io.pxweb.jdbc.testserver;

import static io.pxweb.jdbc.testserver.SelectionGrammarTest.enc;
import static io.pxweb.jdbc.testserver.SelectionGrammarTest.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

/**
 * Tests of codelists: {@code extension.codelists} and {@code codelist[VAR]} on the metadata
 * endpoint, {@code GET /codelists/{id}}, and codelists applied by the data endpoint (GET and
 * POST), against TAB001's hand-made {@code agg_NordicBaltic} and {@code vs_Nordic}.
 */
class CodelistEndpointTest {

  /** 45 = 5 Nordic countries x 3 sexes x 3 years: the value set fits exactly. */
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().maxDataCells(45).build();

  private static final String AGG = "agg_NordicBaltic";
  private static final String VS = "vs_Nordic";
  private static final List<String> NORDIC = List.of("DK", "FI", "IS", "NO", "SE");
  private static final List<String> BALTIC = List.of("EE", "LT", "LV");

  private final ApiClient api = new ApiClient(server);

  private static Map<String, String> map(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static String codelistParam(String variable, String id) {
    return "&" + enc("codelist[" + variable + "]") + "=" + enc(id);
  }

  private ApiClient.Response data(Map<String, String> valueCodes, String codelist) {
    return api.get("/tables/TAB001/data" + query(valueCodes)
        + (codelist == null ? "" : codelistParam("REGION", codelist)));
  }

  private JsonNode ok(ApiClient.Response r) {
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  private static List<String> codes(JsonNode dimension) {
    List<String> keys = new ArrayList<>();
    dimension.path("category").path("index").fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  // ---------------------------------------------------------------- the catalog

  @Test
  void catalogExposesTheCodelists() {
    TestTable t = server.table("TAB001");
    assertEquals(List.of(AGG, VS), t.codelists().stream().map(TestCodelist::id).toList());
    assertEquals(2, t.codelists("region").size());
    assertEquals(List.of(), t.codelists("SEX"));
    TestCodelist agg = server.catalog().codelist(AGG);
    assertEquals("TAB001", agg.tableId());
    assertEquals("REGION", agg.variableCode());
    assertEquals(TestCodelist.Type.AGGREGATION, agg.type());
    assertEquals("Nordic and Baltic countries", agg.label());
    assertEquals(List.of("NORDIC", "BALTIC"), agg.valueCodes());
    assertEquals(NORDIC, agg.value("NORDIC").valueMap());
    assertEquals(BALTIC, agg.value("baltic").valueMap());
    assertEquals("Baltiska länder", agg.value("BALTIC").label("sv"));
    TestCodelist vs = server.catalog().codelist(VS);
    assertFalse(vs.isAggregation());
    assertEquals(NORDIC, vs.valueCodes());
    assertEquals("Iceland", vs.value("IS").label());
    assertTrue(server.catalog().findCodelist("agg_nordicbaltic").isEmpty());
    assertTrue(t.findCodelist("REGION", "NordicBaltic").isEmpty());
    assertTrue(t.findCodelist("SEX", AGG).isEmpty());
  }

  @Test
  void catalogCellsUnderACodelist() {
    TestTable t = server.table("TAB001");
    Map<String, String> agg = Map.of("REGION", AGG);
    // 1991: every Nordic cell has a number.
    BigDecimal sum = BigDecimal.ZERO;
    for (String c : NORDIC) {
      sum = sum.add(t.cell(map("REGION", c, "SEX", "T", "ContentsCode", "HNMGA", "TIME", "1991"))
          .value());
    }
    assertEquals(new BigDecimal("23235712"), sum);
    assertEquals(new Cell(sum, null), t.cell(map("REGION", "NORDIC", "SEX", "T",
        "ContentsCode", "HNMGA", "TIME", "1991"), agg));
    // 1991: the Baltic cells are "..", so is the group; 1981: FI is "..".
    assertEquals(new Cell(null, ".."), t.cell(map("REGION", "BALTIC", "SEX", "T",
        "ContentsCode", "HNMGA", "TIME", "1991"), agg));
    assertEquals(new Cell(null, ".."), t.cell(map("REGION", "NORDIC", "SEX", "T",
        "ContentsCode", "HNMGA", "TIME", "1981"), agg));
    // A value-set cell is the member cell, symbols included.
    Map<String, String> se = map("REGION", "SE", "SEX", "F", "AGE", "Y5-9", "ContentsCode",
        "HNMGA", "TIME", "2001");
    assertEquals(t.cell(se), t.cell(se, Map.of("REGION", VS)));
    assertEquals(t.cell(map("REGION", "FI", "SEX", "T", "ContentsCode", "HNMGA", "TIME", "1981")),
        t.cell(map("REGION", "FI", "SEX", "T", "ContentsCode", "HNMGA", "TIME", "1981"),
            Map.of("REGION", VS)));
    assertEquals(t.cell(se), t.cell(se, Map.of()));
    assertThrows(IllegalArgumentException.class, () -> t.cell(se, agg));
    assertThrows(IllegalArgumentException.class, () -> t.cell(se, Map.of("REGION", "vs_x")));
  }

  // ---------------------------------------------------------------- metadata

  @Test
  void metadataListsTheCodelistsWithLinks() {
    JsonNode m = ok(api.get("/tables/TAB001/metadata?lang=sv"));
    JsonNode lists = m.path("dimension").path("REGION").path("extension").path("codelists");
    assertEquals(2, lists.size());
    JsonNode first = lists.get(0);
    List<String> keys = new ArrayList<>();
    first.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("id", "label", "type", "links"), keys);
    assertEquals(AGG, first.path("id").asText());
    assertEquals("Nordic and Baltic countries", first.path("label").asText());
    assertEquals("Aggregation", first.path("type").asText());
    assertEquals(1, first.path("links").size());
    assertEquals("metadata", first.path("links").get(0).path("rel").asText());
    assertEquals("sv", first.path("links").get(0).path("hreflang").asText());
    assertEquals(server.baseUrl() + "/codeLists/agg_NordicBaltic?lang=sv",
        first.path("links").get(0).path("href").asText());
    assertEquals(VS, lists.get(1).path("id").asText());
    assertEquals("Valueset", lists.get(1).path("type").asText());
    // The link leads to the codelist.
    assertEquals(200, api.getUrl(first.path("links").get(0).path("href").asText()).status());
    for (String other : List.of("SEX", "AGE", "ContentsCode", "TIME")) {
      assertEquals(0, m.path("dimension").path(other).path("extension").path("codelists")
          .size(), other);
    }
    // Without codelist[..] the values are the table's.
    assertEquals(server.table("TAB001").valueCodes("REGION"),
        codes(m.path("dimension").path("REGION")));
    assertEquals(30, m.path("size").get(0).asInt());
    // Tables without codelist resources keep their empty lists.
    assertEquals(0, api.get("/tables/TAB004/metadata").json().path("dimension").path("SECTOR")
        .path("extension").path("codelists").size());
  }

  @Test
  void metadataWithACodelistShowsItsValues() {
    JsonNode m = ok(api.get("/tables/TAB001/metadata?lang=en" + codelistParam("region", AGG)));
    JsonNode region = m.path("dimension").path("REGION");
    assertEquals(List.of("NORDIC", "BALTIC"), codes(region));
    assertEquals(0, region.path("category").path("index").path("NORDIC").asInt());
    assertEquals(1, region.path("category").path("index").path("BALTIC").asInt());
    assertEquals("Nordic countries", region.path("category").path("label").path("NORDIC")
        .asText());
    assertEquals("Baltic countries", region.path("category").path("label").path("BALTIC")
        .asText());
    assertEquals("region", region.path("label").asText());
    assertEquals(2, region.path("extension").path("codelists").size());
    assertEquals(List.of(2, 3, 22, 1, 3), sizes(m));
    assertEquals(0, m.path("value").size());
    JsonNode vs = ok(api.get("/tables/TAB001/metadata" + "?" + codelistParam("REGION", VS)
        .substring(1))).path("dimension").path("REGION");
    assertEquals(NORDIC, codes(vs));
    assertEquals("Norway", vs.path("category").path("label").path("NO").asText());
    // The catalog's copy is unchanged.
    assertEquals(30, server.table("TAB001").metadata().path("size").get(0).asInt());
  }

  private static List<Integer> sizes(JsonNode dataset) {
    List<Integer> sizes = new ArrayList<>();
    dataset.path("size").forEach(s -> sizes.add(s.asInt()));
    return sizes;
  }

  @Test
  void metadataCodelistErrors() {
    for (String bad : List.of("agg_nordicbaltic", "AGG_NordicBaltic", "NordicBaltic", "vs_x",
        "agg_Counties")) {
      ApiClient.Response r = api.get("/tables/TAB001/metadata" + "?lang=en"
          + codelistParam("REGION", bad));
      assertEquals(400, r.status(), bad);
      assertEquals("{\"type\":\"Parameter error\",\"title\":\"Non-existent codelist\","
          + "\"status\":400}", r.body(), bad);
    }
    assertEquals("Non-existent codelist",
        api.get("/tables/TAB001/metadata?" + codelistParam("SEX", AGG).substring(1)).title());
    assertEquals("Non-existent codelist",
        api.get("/tables/TAB004/metadata?" + codelistParam("SECTOR", AGG).substring(1)).title());
    ApiClient.Response unknown = api.get("/tables/TAB001/metadata?"
        + codelistParam("FOO", AGG).substring(1));
    assertEquals(400, unknown.status());
    assertEquals("Non-existent variable", unknown.title());
  }

  // ---------------------------------------------------------------- /codelists/{id}

  @Test
  void codelistResponseShape() {
    ApiClient.Response r = api.get("/codelists/agg_NordicBaltic?lang=en");
    assertEquals(200, r.status(), r.body());
    assertEquals("application/json; charset=utf-8", r.contentType());
    JsonNode c = r.json();
    List<String> keys = new ArrayList<>();
    c.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("id", "label", "language", "languages", "elimination", "type",
        "values", "links"), keys);
    assertEquals(AGG, c.path("id").asText());
    assertEquals("Nordic and Baltic countries", c.path("label").asText());
    assertEquals("en", c.path("language").asText());
    assertEquals("[\"en\",\"sv\"]", c.path("languages").toString());
    assertFalse(c.path("elimination").asBoolean(true));
    assertEquals("Aggregation", c.path("type").asText());
    assertEquals("[{\"code\":\"NORDIC\",\"label\":\"Nordic countries\","
        + "\"valueMap\":[\"DK\",\"FI\",\"IS\",\"NO\",\"SE\"]},"
        + "{\"code\":\"BALTIC\",\"label\":\"Baltic countries\","
        + "\"valueMap\":[\"EE\",\"LT\",\"LV\"]}]", c.path("values").toString());
    assertEquals("[{\"rel\":\"self\",\"hreflang\":\"en\",\"href\":\"" + server.baseUrl()
        + "/codeLists/agg_NordicBaltic?lang=en\"},{\"rel\":\"alternate\",\"hreflang\":\"sv\","
        + "\"href\":\"" + server.baseUrl() + "/codeLists/agg_NordicBaltic?lang=sv\"}]",
        c.path("links").toString());
  }

  @Test
  void valuesetInSwedishUnderTheOtherSpelling() {
    JsonNode c = ok(api.get("/codeLists/vs_Nordic?lang=SV"));
    assertEquals("sv", c.path("language").asText());
    assertEquals("Nordiska länder", c.path("label").asText());
    assertEquals("Valueset", c.path("type").asText());
    assertEquals(5, c.path("values").size());
    for (JsonNode v : c.path("values")) {
      assertEquals("[\"" + v.path("code").asText() + "\"]", v.path("valueMap").toString());
    }
    assertEquals("Norge", c.path("values").get(3).path("label").asText());
    assertEquals("alternate", c.path("links").get(1).path("rel").asText());
    assertEquals("en", c.path("links").get(1).path("hreflang").asText());
    // No lang: the default language.
    assertEquals("en", ok(api.get("/codelists/vs_Nordic")).path("language").asText());
  }

  @Test
  void unknownCodelistIsHttp404WithStatus400() {
    for (String id : List.of("agg_Nope", "agg_nordicbaltic", "NordicBaltic", "VS_Nordic",
        "Nordic")) {
      ApiClient.Response r = api.get("/codelists/" + id + "?lang=en");
      assertEquals(404, r.status(), id);
      assertEquals("{\"type\":\"Parameter error\",\"title\":\"Non-existent codelist\","
          + "\"status\":400}", r.body(), id);
    }
    assertEquals("Unsupported language", api.get("/codelists/vs_Nordic?lang=fi").title());
  }

  // ---------------------------------------------------------------- data

  /** Every cell of a response equals the catalog's cell under the same codelists. */
  private static void assertMatchesCatalog(JsonNode dataset, Map<String, String> codelists) {
    TestTable table = server.table("TAB001");
    JsonStatCells reader = new JsonStatCells(dataset);
    List<Map<String, String>> combos = new ArrayList<>();
    combos.add(new HashMap<>());
    for (String id : reader.ids()) {
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
      assertCell(table.cell(c, codelists), reader.cell(c), c.toString());
    }
  }

  private static void assertCell(Cell expected, Cell actual, String where) {
    assertEquals(expected.status(), actual.status(), where);
    if (expected.value() == null) {
      assertNull(actual.value(), where);
    } else {
      assertNotNull(actual.value(), where);
      assertEquals(0, expected.value().compareTo(actual.value()), where + " " + actual);
    }
  }

  /** The group cell computed straight from the member cells of the table. */
  private static Cell memberSum(List<String> members, Map<String, String> others) {
    TestTable t = server.table("TAB001");
    BigDecimal sum = BigDecimal.ZERO;
    for (String member : members) {
      Map<String, String> codes = new HashMap<>(others);
      codes.put("REGION", member);
      Cell c = t.cell(codes);
      if (c.isMissing()) {
        return new Cell(null, c.status());
      }
      sum = sum.add(c.value());
    }
    return new Cell(sum, null);
  }

  @Test
  void aggregationSumsTheMemberCells() {
    JsonNode ds = ok(data(map("REGION", "*", "SEX", "*", "ContentsCode", "*", "TIME", "*"), AGG));
    JsonStatCells r = new JsonStatCells(ds);
    assertEquals(List.of("NORDIC", "BALTIC"), r.codes("REGION"));
    JsonNode region = ds.path("dimension").path("REGION");
    assertEquals("region", region.path("label").asText());
    assertEquals("Nordic countries", region.path("category").path("label").path("NORDIC")
        .asText());
    assertEquals("Baltic countries", region.path("category").path("label").path("BALTIC")
        .asText());
    assertFalse(region.path("extension").has("codelists"));
    assertEquals(18, ds.path("value").size());
    int numbers = 0;
    for (String sex : List.of("F", "M", "T")) {
      for (String year : List.of("1981", "1991", "2001")) {
        Map<String, String> others = map("SEX", sex, "ContentsCode", "HNMGA", "TIME", year);
        for (String group : List.of("NORDIC", "BALTIC")) {
          Map<String, String> codes = new HashMap<>(others);
          codes.put("REGION", group);
          Cell got = r.cell(codes);
          assertCell(memberSum(group.equals("NORDIC") ? NORDIC : BALTIC, others), got,
              codes.toString());
          numbers += got.isMissing() ? 0 : 1;
        }
      }
    }
    assertTrue(numbers >= 6, "some groups have numbers: " + numbers);
    assertEquals(new BigDecimal("23235712"), r.cell(map("REGION", "NORDIC", "SEX", "T",
        "ContentsCode", "HNMGA", "TIME", "1991")).value());
    Cell baltic1991 = r.cell(map("REGION", "BALTIC", "SEX", "T", "ContentsCode", "HNMGA",
        "TIME", "1991"));
    assertNull(baltic1991.value());
    assertEquals("..", baltic1991.status());
    assertEquals(new BigDecimal("7231407"), r.cell(map("REGION", "BALTIC", "SEX", "T",
        "ContentsCode", "HNMGA", "TIME", "2001")).value());
    assertMatchesCatalog(ds, Map.of("REGION", AGG));
  }

  @Test
  void valuesetCellsAreTheMemberCells() {
    JsonNode ds = ok(data(map("REGION", "*", "SEX", "*", "ContentsCode", "*", "TIME", "*"), VS));
    JsonStatCells r = new JsonStatCells(ds);
    assertEquals(NORDIC, r.codes("REGION"));
    assertEquals("Sweden", ds.path("dimension").path("REGION").path("category").path("label")
        .path("SE").asText());
    TestTable t = server.table("TAB001");
    for (String c : NORDIC) {
      for (String year : List.of("1981", "1991", "2001")) {
        Map<String, String> codes = map("REGION", c, "SEX", "T", "ContentsCode", "HNMGA",
            "TIME", year);
        assertCell(t.cell(codes), r.cell(codes), codes.toString());
      }
    }
    assertEquals("..", r.cell(map("REGION", "FI", "SEX", "T", "ContentsCode", "HNMGA",
        "TIME", "1981")).status());
    assertEquals(new BigDecimal("8587353"), r.cell(map("REGION", "SE", "SEX", "T",
        "ContentsCode", "HNMGA", "TIME", "1991")).value());
    assertMatchesCatalog(ds, Map.of("REGION", VS));
  }

  @Test
  void expressionsResolveAgainstTheCodelistCodes() {
    Map<String, String> rest = map("SEX", "T", "ContentsCode", "*", "TIME", "2001");
    Map<String, List<String>> cases = new LinkedHashMap<>();
    cases.put("top(2)", List.of("DK", "FI"));
    cases.put("[bottom(2)]", List.of("NO", "SE"));
    cases.put("[range(FI,NO)]", List.of("FI", "IS", "NO"));
    cases.put("from(no)", List.of("NO", "SE"));
    cases.put("SE,dk", List.of("DK", "SE"));
    cases.put("?S", List.of("IS"));
    cases.put("*S*", List.of("IS", "SE"));
    for (Map.Entry<String, List<String>> e : cases.entrySet()) {
      Map<String, String> q = new LinkedHashMap<>(rest);
      q.put("REGION", e.getKey());
      assertEquals(e.getValue(), new JsonStatCells(ok(data(q, VS))).codes("REGION"),
          e.getKey());
    }
    Map<String, String> q = new LinkedHashMap<>(rest);
    q.put("REGION", "B*");
    assertEquals(List.of("BALTIC"), new JsonStatCells(ok(data(q, AGG))).codes("REGION"));
    q.put("REGION", "baltic,nordic");
    assertEquals(List.of("NORDIC", "BALTIC"),
        new JsonStatCells(ok(data(q, AGG))).codes("REGION"));
    // Table codes outside the codelist do not exist under it.
    q.put("REGION", "AT");
    assertEquals("Non-existent value", data(q, VS).title());
    q.put("REGION", "SE");
    assertEquals("Non-existent value", data(q, AGG).title());
    q.put("REGION", "[range(AT,SE)]");
    assertEquals("Non-existent value", data(q, VS).title());
    q.put("REGION", "NORDIC,NORDIC");
    assertEquals(500, data(q, AGG).status());
  }

  @Test
  void postSelectionItemsCarryTheCodelist() {
    String body = """
        {"selection":[{"variableCode":"REGION","codelist":"%s","valueCodes":["*"]},
                      {"variableCode":"SEX","valueCodes":["F","M"]},
                      {"variableCode":"ContentsCode","valueCodes":["*"]},
                      {"variableCode":"TIME","valueCodes":["range(1991,2001)"]}],
         "placement":{"heading":["TIME"],"stub":["REGION","SEX","ContentsCode"]}}""";
    JsonNode agg = ok(api.postJson("/tables/TAB001/data?lang=en", body.formatted(AGG)));
    JsonStatCells r = new JsonStatCells(agg);
    assertEquals(List.of("REGION", "SEX", "ContentsCode", "TIME"), r.ids());
    assertEquals(List.of("NORDIC", "BALTIC"), r.codes("REGION"));
    assertMatchesCatalog(agg, Map.of("REGION", AGG));
    assertCell(memberSum(NORDIC, map("SEX", "M", "ContentsCode", "HNMGA", "TIME", "2001")),
        r.cell(map("REGION", "NORDIC", "SEX", "M", "ContentsCode", "HNMGA", "TIME", "2001")),
        "NORDIC M 2001");
    JsonNode vs = ok(api.postJson("/tables/TAB001/data",
        body.formatted(VS).replace("\"codelist\"", "\"codeList\"")));
    assertEquals(NORDIC, new JsonStatCells(vs).codes("REGION"));
    assertMatchesCatalog(vs, Map.of("REGION", VS));
    // GET and POST give the same dataset.
    JsonNode get = ok(api.get("/tables/TAB001/data" + query(map("REGION", "*", "SEX", "F,M",
        "ContentsCode", "*", "TIME", "[range(1991,2001)]")) + codelistParam("REGION", AGG)
        + "&stub=REGION,SEX,ContentsCode&heading=TIME"));
    assertEquals(agg, get);
  }

  @Test
  void codelistErrorsOnTheDataEndpoint() {
    Map<String, String> q = map("REGION", "*", "SEX", "T", "ContentsCode", "*", "TIME", "2001");
    for (String bad : List.of("agg_nordicbaltic", "AGG_NordicBaltic", "NordicBaltic", "vs_x")) {
      ApiClient.Response r = data(q, bad);
      assertEquals(400, r.status(), bad);
      assertEquals("{\"type\":\"Parameter error\",\"title\":\"Non-existent codelist\","
          + "\"status\":400}", r.body(), bad);
    }
    // A codelist of another variable.
    assertEquals("Non-existent codelist", api.get("/tables/TAB001/data" + query(q)
        + codelistParam("SEX", AGG)).title());
    // codelist[VAR] without valuecodes[VAR] is silently ignored, even an unknown one.
    assertEquals(200, api.get("/tables/TAB001/data" + query(map("REGION", "SE", "SEX", "T",
        "ContentsCode", "*", "TIME", "2001")) + codelistParam("AGE", "agg_Nope")).status());
    assertEquals(200, api.get("/tables/TAB001/data" + query(map("REGION", "SE", "SEX", "T",
        "ContentsCode", "*", "TIME", "2001")) + codelistParam("FOO", "agg_Nope")).status());
    // POST: unknown variable, unknown codelist, and a mandatory variable left empty.
    String post = """
        {"selection":[{"variableCode":"%s","codelist":"%s","valueCodes":[%s]},
                      {"variableCode":"SEX","valueCodes":["T"]},
                      {"variableCode":"ContentsCode","valueCodes":["*"]},
                      {"variableCode":"TIME","valueCodes":["2001"]}]}""";
    assertEquals("Non-existent variable",
        api.postJson("/tables/TAB001/data", post.formatted("FOO", AGG, "\"*\"")).title());
    assertEquals("Non-existent codelist",
        api.postJson("/tables/TAB001/data", post.formatted("REGION", "vs_NORDIC", "\"*\""))
            .title());
    assertEquals("Missing selection for mandantory variable",
        api.postJson("/tables/TAB001/data", post.formatted("REGION", AGG, "")).title());
  }

  @Test
  void theCellLimitCountsCodelistValues() {
    // 5 x 3 x 3 = 45 = the limit; 30 regions x 3 x 3 is over it.
    Map<String, String> q = map("REGION", "*", "SEX", "*", "ContentsCode", "*", "TIME", "*");
    assertEquals(200, data(q, VS).status());
    assertEquals("Too many cells selected", data(q, null).title());
    q.put("AGE", "TOTAL,Y_LT5");
    assertEquals("Too many cells selected", data(q, VS).title());
    assertEquals(200, data(q, AGG).status()); // 2 x 3 x 2 x 3 = 36
  }
}
