package io.pxweb.jdbc.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tests of the selection grammar (PxAPI-2.yml) through GET and POST data requests. */
class SelectionGrammarTest {

  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().build();

  private final ApiClient api = new ApiClient(server);

  /** A TAB004 query: every variable is mandatory; one override per call. */
  private static Map<String, String> tab004(String variable, String codes) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("SECTOR", "0.1");
    q.put("GREENHOUSEGAS", "CO2");
    q.put("ContentsCode", "Emission");
    q.put("TIME", "1990");
    q.remove(variable);
    q.put(variable, codes);
    return q;
  }

  private static Map<String, String> tab001(String variable, String codes) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("REGION", "AT");
    q.put("SEX", "F");
    q.put("ContentsCode", "HNMGA");
    q.put("TIME", "1981");
    q.remove(variable);
    q.put(variable, codes);
    return q;
  }

  static String query(Map<String, String> valueCodes) {
    StringBuilder s = new StringBuilder("?lang=en");
    valueCodes.forEach((k, v) -> s.append("&").append(enc("valueCodes[" + k + "]")).append("=")
        .append(enc(v)));
    return s.toString();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private ApiClient.Response data(String table, Map<String, String> valueCodes) {
    return api.get("/tables/" + table + "/data" + query(valueCodes));
  }

  private List<String> selected(String table, Map<String, String> valueCodes, String dim) {
    ApiClient.Response r = data(table, valueCodes);
    assertEquals(200, r.status(), r.body());
    return new JsonStatCells(r.json()).codes(dim);
  }

  private void assertProblem(String title, ApiClient.Response r) {
    assertEquals(400, r.status(), r.body());
    assertEquals(title, r.title(), r.body());
    assertEquals(400, r.json().path("status").asInt());
    assertEquals("Parameter error", r.json().path("type").asText());
  }

  @Test
  void literalCodesIgnoreCaseAndComeBackInCanonicalSpelling() {
    assertEquals(List.of("F", "T"), selected("TAB001", tab001("SEX", "t,f"), "SEX"));
  }

  @Test
  void valuesComeInTableOrderNotRequestOrder() {
    assertEquals(List.of("1990", "2005", "2017"),
        selected("TAB004", tab004("TIME", "2017,1990,2005"), "TIME"));
  }

  @Test
  void starSelectsAll() {
    assertEquals(server.table("TAB004").valueCodes("TIME"),
        selected("TAB004", tab004("TIME", "*"), "TIME"));
  }

  @Test
  void wildcardsMatchCodeStartEndOrMiddleIgnoringCase() {
    assertEquals(List.of("BE", "DE", "EE", "IE", "SE"),
        selected("TAB001", tab001("REGION", "*e"), "REGION"));
    assertEquals(List.of("LI", "LT", "LU", "LV", "NL", "PL"),
        selected("TAB001", tab001("REGION", "*L*"), "REGION"));
    assertEquals(List.of("CH4", "CH4_CO2-ekv."),
        selected("TAB004", tab004("GREENHOUSEGAS", "ch4*"), "GREENHOUSEGAS"));
  }

  @Test
  void starInTheMiddleIsIllegal() {
    assertProblem("Illegal selection expression", data("TAB001", tab001("REGION", "A*T")));
    assertProblem("Illegal selection expression", data("TAB001", tab001("REGION", "*A*T")));
  }

  @Test
  void questionMarkMatchesExactlyOneCharacter() {
    assertEquals(List.of("BE", "DE", "EE", "IE", "SE"),
        selected("TAB001", tab001("REGION", "?e"), "REGION"));
    assertEquals(List.of("1990", "1991", "1992", "1993", "1994", "1995", "1996", "1997", "1998",
        "1999"), selected("TAB004", tab004("TIME", "199?"), "TIME"));
  }

  @Test
  void topOnTheTimeVariableTakesTheLatestPeriods() {
    assertEquals(List.of("2015", "2016", "2017"),
        selected("TAB004", tab004("TIME", "top(3)"), "TIME"));
    assertEquals(List.of("2014", "2015"),
        selected("TAB004", tab004("TIME", "[TOP(2,2)]"), "TIME"));
  }

  @Test
  void bottomOnTheTimeVariableTakesTheOldestPeriods() {
    assertEquals(List.of("1990", "1991"), selected("TAB004", tab004("TIME", "bottom(2)"), "TIME"));
    assertEquals(List.of("1993", "1994"),
        selected("TAB004", tab004("TIME", "[bottom(2,3)]"), "TIME"));
  }

  @Test
  void topAndBottomOnOtherVariablesCountFromStartAndEnd() {
    assertEquals(List.of("F", "M"), selected("TAB001", tab001("SEX", "top(2)"), "SEX"));
    assertEquals(List.of("M"), selected("TAB001", tab001("SEX", "[top(1,1)]"), "SEX"));
    assertEquals(List.of("T"), selected("TAB001", tab001("SEX", "bottom(1)"), "SEX"));
    assertEquals(List.of("F", "M"), selected("TAB001", tab001("SEX", "[bottom(5,1)]"), "SEX"));
  }

  @Test
  void unbracketedCommaExpressionsAreSplitAndIllegalInGet() {
    assertProblem("Illegal selection expression", data("TAB004", tab004("TIME", "top(2,1)")));
    assertProblem("Illegal selection expression",
        data("TAB004", tab004("TIME", "range(1995,1997)")));
  }

  @Test
  void malformedTopAndBottomAreIllegal() {
    for (String bad : List.of("top(0)", "[top(2, 1)]", "top(x)", "top()", "bottom(-1)")) {
      assertProblem("Illegal selection expression", data("TAB004", tab004("TIME", bad)));
    }
  }

  @Test
  void rangeIsInclusiveByTablePositionAndSwapsReversedBounds() {
    List<String> expected = List.of("1995", "1996", "1997");
    assertEquals(expected, selected("TAB004", tab004("TIME", "[range(1995,1997)]"), "TIME"));
    assertEquals(expected, selected("TAB004", tab004("TIME", "[RANGE(1997,1995)]"), "TIME"));
    assertEquals(List.of("0.4", "1.0", "10.0"),
        selected("TAB004", tab004("SECTOR", "[range(0.4,10.0)]"), "SECTOR"));
  }

  @Test
  void rangeCodesAreNotTrimmedAndMustExist() {
    assertProblem("Non-existent value", data("TAB004", tab004("TIME", "[range(1995, 1997)]")));
    assertProblem("Non-existent value", data("TAB004", tab004("TIME", "[range(1995,3000)]")));
  }

  @Test
  void fromAndToRunToTheEndsOfTheTableOrder() {
    assertEquals(List.of("2015", "2016", "2017"),
        selected("TAB004", tab004("TIME", "from(2015)"), "TIME"));
    assertEquals(List.of("1990", "1991", "1992"),
        selected("TAB004", tab004("TIME", "TO(1992)"), "TIME"));
    assertProblem("Non-existent value", data("TAB004", tab004("TIME", "from(1850)")));
  }

  @Test
  void bracketsProtectCodesThatContainCommas() {
    assertEquals(List.of("01.1", "01.4,02,03.1"), selected("TAB003",
        Map.of("TREATMENT_CAT", "05", "WASTE_CAT", "[01.4,02,03.1],01.1",
            "ContentsCode", "WasteHazard", "TIME", "2010"), "WASTE_CAT"));
    assertProblem("Non-existent value", data("TAB003",
        Map.of("TREATMENT_CAT", "05", "WASTE_CAT", "01.4,02,03.1",
            "ContentsCode", "WasteHazard", "TIME", "2010")));
  }

  @Test
  void literalsAndExpressionsMixAndOverlapIsMerged() {
    assertEquals(List.of("2015", "2016", "2017"),
        selected("TAB004", tab004("TIME", "2015,top(2)"), "TIME"));
    assertEquals(List.of("2010", "2011", "2012", "2013", "2014", "2015", "2016", "2017"),
        selected("TAB004", tab004("TIME", "top(2),2017,201*"), "TIME"));
  }

  @Test
  void unknownValuesAndEmptyItemsAreNonExistentValues() {
    assertProblem("Non-existent value", data("TAB001", tab001("SEX", "X")));
    assertProblem("Non-existent value", data("TAB001", tab001("SEX", "F,,M")));
  }

  @Test
  void unknownVariableIsNonExistentVariable() {
    Map<String, String> q = tab001("SEX", "F");
    q.put("NOPE", "1");
    assertProblem("Non-existent variable", data("TAB001", q));
  }

  @Test
  void variableCodesIgnoreCaseAndTimeIsAnAlias() {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("region", "AT");
    q.put("Sex", "F");
    q.put("contentscode", "HNMGA");
    q.put("time", "2001");
    assertEquals(List.of("2001"), selected("TAB001", q, "TIME"));
    // 05810's time variable is "Tid": the alias still reaches it.
    assertEquals(List.of("2024", "2025"), selected("05810",
        Map.of("ContentsCode", "Personer", "TIME", "top(2)"), "Tid"));
  }

  @Test
  void sameLiteralTwiceIsAnEmpty500() {
    for (String twice : List.of("F,F", "F,f")) {
      ApiClient.Response r = data("TAB001", tab001("SEX", twice));
      assertEquals(500, r.status());
      assertEquals("", r.body());
    }
  }

  @Test
  void rawBracketsAndParameterNameCaseAreAccepted() {
    ApiClient.Response r = api.getUrl(server.baseUrl() + "/tables/TAB004/data?lang=en"
        + "&valuecodes[SECTOR]=0.1&VALUECODES[greenhousegas]=CO2&valueCodes[ContentsCode]=*"
        + "&valueCodes[TIME]=[range(2000,2002)]");
    assertEquals(200, r.status(), r.body());
    assertEquals(List.of("2000", "2001", "2002"), new JsonStatCells(r.json()).codes("TIME"));
  }

  @Test
  void bareValueCodesIsAModelBindingError() {
    ApiClient.Response r = api.get("/tables/TAB001/data?valueCodes=F");
    assertEquals(400, r.status());
    assertTrue(r.body().contains("One or more validation errors occurred."), r.body());
  }

  @Test
  void codelistIsUnknownOnlyWhenTheVariableIsSelected() {
    assertProblem("Non-existent codelist",
        api.get("/tables/TAB001/data" + query(tab001("SEX", "F")) + "&codelist%5BSEX%5D=agg_x"));
    assertEquals(200, api.get("/tables/TAB001/data" + query(tab001("SEX", "F"))
        + "&codelist%5BAGE%5D=agg_x").status());
  }

  @Test
  void postUsesItemsVerbatim() {
    String body = """
        {"selection":[
          {"variableCode":"SECTOR","valueCodes":["0.1"]},
          {"variableCode":"GREENHOUSEGAS","codelist":null,"valueCodes":["CO2"]},
          {"variableCode":"ContentsCode","valueCodes":["*"]},
          {"variableCode":"TIME","valueCodes":["range(1995,1997)","top(1,1)"]}]}""";
    ApiClient.Response r = api.postJson("/tables/TAB004/data?lang=en&outputFormat=json-stat2",
        body);
    assertEquals(200, r.status(), r.body());
    assertEquals(List.of("1995", "1996", "1997", "2016"),
        new JsonStatCells(r.json()).codes("TIME"));
    // No bracket unwrapping and no comma splitting in POST.
    for (String item : List.of("\"[1995]\"", "\"1995,1996\"")) {
      ApiClient.Response bad = api.postJson("/tables/TAB004/data", body
          .replace("\"range(1995,1997)\",\"top(1,1)\"", item));
      assertProblem("Non-existent value", bad);
    }
  }
}
