package io.pxweb.jdbc.source.v2;

import io.pxweb.jdbc.model.DataRequest;
import io.pxweb.jdbc.model.Selection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class RequestEncoderTest {
  private static final HttpUrl BASE = HttpUrl.get("https://data.ssb.no/api/pxwebapi/v2/");

  @Test
  void allValuesGoAsStarAndRunsAsRanges() {
    Selection all = new Selection("Kjonn", true, List.of("0", "1", "2"), List.of(0, 1, 2));
    Selection run = new Selection("Tid", false, List.of("2020", "2021", "2022", "2024"),
        List.of(10, 11, 12, 14));
    assertEquals(List.of("*"), RequestEncoder.items(all, true));
    assertEquals(List.of("[range(2020,2022)]", "2024"), RequestEncoder.items(run, true));
    assertEquals(List.of("range(2020,2022)", "2024"), RequestEncoder.items(run, false));
  }

  @Test
  void latestPeriodsGoAsTop() {
    Selection latest = new Selection("Tid", false, List.of("2023", "2024"), List.of(48, 49), true);
    // No comma inside, so GET needs no brackets.
    assertEquals(List.of("top(2)"), RequestEncoder.items(latest, true));
    assertEquals(List.of("top(2)"), RequestEncoder.items(latest, false));
  }

  @Test
  void shortRunsAreListed() {
    Selection two = new Selection("Tid", false, List.of("2020", "2021"), List.of(3, 4));
    assertEquals(List.of("2020", "2021"), RequestEncoder.items(two, true));
  }

  @Test
  void codesWithCommasOrBracketsAreWrappedInGetOnly() {
    Selection s = new Selection("WASTE_CAT", false,
        List.of("01.4,02,03.1", "[ME01]", " x "), List.of(3, 7, 9));
    assertEquals(List.of("[01.4,02,03.1]", "[[ME01]]", "[ x ]"), RequestEncoder.items(s, true));
    assertEquals(List.of("01.4,02,03.1", "[ME01]", " x "), RequestEncoder.items(s, false));
  }

  @Test
  void runsWhoseEndsCannotStandInRangeAreListed() {
    Selection s = new Selection("V", false, List.of("a,b", "c", "d"), List.of(0, 1, 2));
    assertEquals(List.of("[a,b]", "c", "d"), RequestEncoder.items(s, true));
  }

  @Test
  void getUrlCarriesLanguageFormatAndEverySelection() {
    DataRequest r = new DataRequest("07459", List.of(
        new Selection("Region", false, List.of("0301"), List.of(5)),
        new Selection("Tid", true, List.of("2023", "2024"), List.of(0, 1))));
    HttpUrl url = RequestEncoder.getUrl(BASE, r, "en");
    assertEquals("/api/pxwebapi/v2/tables/07459/data", url.encodedPath());
    assertEquals("en", url.queryParameter("lang"));
    assertEquals("json-stat2", url.queryParameter("outputFormat"));
    assertEquals("0301", url.queryParameter("valueCodes[Region]"));
    assertEquals("*", url.queryParameter("valueCodes[Tid]"));
  }

  @Test
  void textThatLooksLikeParametersStaysInsideOneParameter() {
    // Codes come from metadata, but even a code with & and = must not add a parameter.
    DataRequest r = new DataRequest("T", List.of(
        new Selection("V", false, List.of("a&valueCodes[Tid]=*"), List.of(0))));
    HttpUrl url = RequestEncoder.getUrl(BASE, r, "en");
    assertEquals("a&valueCodes[Tid]=*", url.queryParameter("valueCodes[V]"));
    assertEquals(3, url.querySize());
  }

  @Test
  void postBodyListsSelectionsVerbatim() {
    DataRequest r = new DataRequest("T", List.of(
        new Selection("Region", false, List.of("0301", "01.4,02"), List.of(0, 4)),
        new Selection("Tid", true, List.of("2024"), List.of(0))));
    assertEquals("{\"selection\":[{\"variableCode\":\"Region\",\"valueCodes\":[\"0301\",\"01.4,02\"]},"
        + "{\"variableCode\":\"Tid\",\"valueCodes\":[\"*\"]}]}", RequestEncoder.postBody(r));
  }

  @Test
  void codesTheServerWouldSplitForceAPost() {
    // "[a],[b]" is two items to the server's splitter, however the code is bracketed.
    for (String code : List.of("a],[b", "[a],[b]", "a,[b", "x]", "a]b")) {
      Selection s = new Selection("V", false, List.of("plain", code), List.of(0, 5));
      DataRequest r = new DataRequest("T", List.of(s));
      assertEquals(false, RequestEncoder.fitsGet(r), code);
      assertEquals(List.of("plain", code), RequestEncoder.items(s, false));
    }
    Selection fine = new Selection("V", false, List.of("01.4,02", "[ME01]", " x ", "[x"),
        List.of(0, 2, 4, 6));
    assertEquals(true, RequestEncoder.fitsGet(new DataRequest("T", List.of(fine))));
  }

  @Test
  void serverSplitterAsTheContractStatesIt() {
    assertEquals(List.of("01.4,02", "[ME01]", "x", "range(1,2)"),
        RequestEncoder.serverItems("[01.4,02],[[ME01]], x ,[range(1,2)]"));
  }
}
