package io.pxweb.jdbc.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The v1 test server answers as the v1 contract says, with the catalog's real values. */
class V1TestServerTest {
  @RegisterExtension
  static V1TestServer server = V1TestServer.builder().maxCells(1000)
      .calls(1000, 10, false).mount("PO/PO02", "TAB001", "TAB004").build();

  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  record Answer(int status, String body, String retryAfter) {
    JsonNode json() {
      try {
        return Json.parse(body);
      } catch (IOException e) {
        throw new UncheckedIOException(body, e);
      }
    }
  }

  static Answer get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  static Answer post(String url, String body) {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static Answer send(HttpRequest.Builder r) {
    try {
      HttpResponse<String> a = CLIENT.send(r.timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(a.statusCode(), a.body(), a.headers().firstValue("Retry-After").orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void navigationFromLanguageToTable() {
    JsonNode dbs = get(server.languageUrl("en")).json();
    assertEquals("testdb", dbs.path(0).path("dbid").asText());
    JsonNode top = get(server.baseUrl()).json();
    List<String> ids = new ArrayList<>();
    top.forEach(n -> ids.add(n.path("id").asText() + ":" + n.path("type").asText()));
    assertTrue(ids.contains("PO:l") && ids.contains("EN:l"), ids.toString());
    JsonNode po01 = get(server.baseUrl() + "/PO/PO01").json();
    assertEquals("TAB001", po01.path(0).path("id").asText());
    assertEquals("t", po01.path(0).path("type").asText());
    assertFalse(po01.path(0).path("updated").asText().endsWith("Z"));
    // The mounted clash: another table with the same file name in another folder.
    JsonNode po02 = get(server.baseUrl() + "/PO/PO02").json();
    assertEquals(server.table("TAB004").label(), po02.path(0).path("text").asText());
  }

  @Test
  void metadataHasNoUnitsOrRolesAndOmitsFalseFlags() {
    JsonNode m = get(server.baseUrl() + "/PO/PO01/TAB001").json();
    assertEquals(server.table("TAB001").label(), m.path("title").asText());
    JsonNode vars = m.path("variables");
    assertEquals(5, vars.size());
    assertEquals("REGION", vars.path(0).path("code").asText());
    assertFalse(vars.path(0).has("elimination"));
    assertTrue(vars.path(2).path("elimination").asBoolean());
    assertTrue(vars.path(4).path("time").asBoolean());
    assertEquals(vars.path(0).path("values").size(), vars.path(0).path("valueTexts").size());
  }

  @Test
  void config() {
    JsonNode c = get(server.baseUrl() + "/PO/PO01/TAB001?config").json();
    assertEquals(1000, c.path("maxCells").asInt());
    assertEquals(1000, c.path("maxCalls").asInt());
    assertEquals(10, c.path("timeWindow").asInt());
    // Above the handler route there is no config: an empty 200 (SCB /OV0104/v1/?config).
    Answer above = get(server.rootUrl() + server.prefix() + "?config");
    assertEquals(200, above.status());
    assertEquals("", above.body());
  }

  @Test
  void dataIsTheCatalogsCells() {
    Answer a = post(server.baseUrl() + "/EN/EN02/TAB004",
        "{\"query\":[{\"code\":\"SECTOR\",\"selection\":{\"filter\":\"item\",\"values\":[\"1.0\"]}},"
            + "{\"code\":\"GREENHOUSEGAS\",\"selection\":{\"filter\":\"item\",\"values\":[\"CO2\"]}},"
            + "{\"code\":\"TIME\",\"selection\":{\"filter\":\"top\",\"values\":[\"2\"]}}],"
            + "\"response\":{\"format\":\"json-stat2\"}}");
    assertEquals(200, a.status(), a.body());
    JsonNode ds = a.json();
    TestTable t = server.table("TAB004");
    List<String> times = t.valueCodes("TIME");
    JsonNode timeIndex = ds.path("dimension").path("TIME").path("category").path("index");
    assertEquals(2, timeIndex.size());
    assertTrue(timeIndex.has(times.get(times.size() - 1)));
    int timeDim = -1;
    for (int d = 0; d < ds.path("id").size(); d++) {
      if (ds.path("id").path(d).asText().equals("TIME")) {
        timeDim = d;
      }
    }
    assertTrue(timeDim >= 0);
    // Every other dimension has size 1, so the value array runs over TIME.
    String last = times.get(times.size() - 1);
    int pos = timeIndex.path(last).asInt();
    BigDecimal expected = t.value("1.0", "CO2", "Emission", last);
    JsonNode v = ds.path("value").path(pos);
    assertEquals(expected == null, v.isNull());
    if (expected != null) {
      assertEquals(0, expected.compareTo(v.decimalValue()));
    }
  }

  @Test
  void errorsAsV1AnswersThem() {
    String table = server.baseUrl() + "/PO/PO01/TAB001";
    // 30 regions x 3 sexes x 22 ages x 3 years = 5,940 cells; AGE omitted would be eliminated.
    Answer tooMany = post(table, "{\"query\":[{\"code\":\"AGE\",\"selection\":"
        + "{\"filter\":\"all\",\"values\":[\"*\"]}}],\"response\":{\"format\":\"json-stat2\"}}");
    assertEquals(403, tooMany.status());
    assertEquals("Too many values selected", tooMany.json().path("error").asText());
    Answer unknownVar = post(table, "{\"query\":[{\"code\":\"NOPE\",\"selection\":"
        + "{\"filter\":\"item\",\"values\":[\"x\"]}}],\"response\":{\"format\":\"json-stat2\"}}");
    assertEquals(400, unknownVar.status());
    assertEquals("Parameter error", unknownVar.json().path("error").asText());
    Answer unknownValue = post(table, "{\"query\":[{\"code\":\"SEX\",\"selection\":"
        + "{\"filter\":\"item\",\"values\":[\"x\"]}}],\"response\":{\"format\":\"json-stat2\"}}");
    assertEquals(400, unknownValue.status());
    assertTrue(unknownValue.json().path("error").asText().contains("'SEX'"));
    Answer infix = post(table, "{\"query\":[{\"code\":\"SEX\",\"selection\":"
        + "{\"filter\":\"all\",\"values\":[\"a*b\"]}}],\"response\":{\"format\":\"json-stat2\"}}");
    assertEquals(400, infix.status());
    assertEquals(400, post(table, "{\"query\":[],\"response\":{\"format\":\"jsonstat2\"}}")
        .status());
    assertEquals(400, get(server.rootUrl() + server.prefix() + "/de/testdb").status());
  }

  @Test
  void omittedEliminableVariablesVanish() {
    // AGE may be eliminated; SEX and REGION may not, so they get every value.
    Answer a = post(server.baseUrl() + "/PO/PO01/TAB001",
        "{\"query\":[{\"code\":\"REGION\",\"selection\":{\"filter\":\"all\",\"values\":[\"*\"]}},"
            + "{\"code\":\"TIME\",\"selection\":{\"filter\":\"top\",\"values\":[\"1\"]}}],"
            + "\"response\":{\"format\":\"json-stat2\"}}");
    assertEquals(200, a.status(), a.body());
    List<String> ids = new ArrayList<>();
    a.json().path("id").forEach(i -> ids.add(i.asText()));
    assertFalse(ids.contains("AGE"), ids.toString());
    assertTrue(ids.contains("SEX"), ids.toString());
  }
}
