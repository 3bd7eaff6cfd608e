package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A hostile or broken server cannot hurt the host application: tiny responses that claim huge
 * shapes, gzip bombs, responses that are not the answer to the request, and absurd headers all
 * end in one SQLException with a SQLState, never an {@link Error} or a wrong row.
 *
 * <p>Runs in the surefire execution {@code hostile} with {@code -Xmx256m}, so an allocation that
 * follows what the server claims instead of what was asked fails the test.
 */
@Tag("hostile")
class HostileServerTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATA = "/tables/TAB004/data";
  private static final String SQL = "select * from \"TAB004\" where SECTOR = '0.1'";

  private static Connection connect(String extra) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl() + ";retryBackoff=10ms;retries=1" + extra);
  }

  /** Runs the query and returns the error; asserts that no row came before it. */
  private static SQLException failure(String extra) throws SQLException {
    try (Connection c = connect(extra)) {
      return assertThrows(SQLException.class, () -> {
        try (var rs = c.createStatement().executeQuery(SQL)) {
          assertFalse(rs.next(), "a row came before the error");
        }
      });
    }
  }

  private static void assertState(String state, SQLException e) {
    assertEquals(state, e.getSQLState(), () -> "unexpected: " + e);
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(t instanceof Error, () -> "an Error inside: " + e);
    }
  }

  /** The server's real answer to {@link #SQL}, to be altered. */
  private static ObjectNode realResponse() throws Exception {
    try (Connection c = connect("")) {
      Sql.rows(c, SQL);
    }
    List<LoggedRequest> sent = server.findAll(anyRequestedFor(
        urlPathEqualTo("/api/v2" + DATA)));
    String url = sent.get(sent.size() - 1).getAbsoluteUrl();
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    return (ObjectNode) JSON.readTree(r.body());
  }

  private static void answerData(ResponseDefinitionBuilder response) {
    server.respondTo(RequestMethod.GET, DATA, response);
    server.respondTo(RequestMethod.POST, DATA, response);
  }

  private static ResponseDefinitionBuilder json(String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }

  private static ResponseDefinitionBuilder gzipJson(byte[] gzipped) {
    return aResponse().withHeader("Content-Type", "application/json")
        .withHeader("Content-Encoding", "gzip").withBody(gzipped);
  }

  /** Gzips a prefix, {@code repeat} copies of a unit, and a suffix, without holding them whole. */
  private static byte[] gzipBomb(String prefix, String unit, long repeat, String suffix)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] chunk = unit.repeat(64 * 1024 / unit.length()).getBytes(StandardCharsets.UTF_8);
    long chunks = repeat * unit.length() / chunk.length;
    try (OutputStream gz = new GZIPOutputStream(bytes, 1 << 16)) {
      gz.write(prefix.getBytes(StandardCharsets.UTF_8));
      for (long i = 0; i < chunks; i++) {
        gz.write(chunk);
      }
      gz.write(suffix.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  // ---- Memory exhaustion from tiny inputs ----

  @Test
  void sparseValuesWithHugeSizesAreRejectedWithoutAllocating() throws Exception {
    ObjectNode doc = realResponse();
    // Three dimensions of 1290 values each and a sparse, empty value object: about 50 KB that
    // claim 2.1e9 cells.
    ArrayNode ids = JSON.createArrayNode();
    ArrayNode sizes = JSON.createArrayNode();
    ObjectNode dims = JSON.createObjectNode();
    Iterator<String> real = doc.path("dimension").fieldNames();
    for (int d = 0; d < 3; d++) {
      String id = real.hasNext() ? real.next() : "X" + d;
      ids.add(id);
      sizes.add(1290);
      ObjectNode index = JSON.createObjectNode();
      for (int i = 0; i < 1290; i++) {
        index.put("c" + i, i);
      }
      dims.putObject(id).putObject("category").set("index", index);
    }
    doc.set("id", ids);
    doc.set("size", sizes);
    doc.set("dimension", dims);
    doc.putObject("value");
    doc.remove("status");
    answerData(json(doc.toString()));
    SQLException e = failure("");
    assertState("08P01", e);
  }

  @Test
  void gzipBombOfValuesStopsAtTheRequestedCells() throws Exception {
    ObjectNode doc = realResponse();
    String head = doc.deepCopy().without(List.of("value", "status")).toString();
    // 200 MB of zeros once inflated (a 1.5 GB one behaves the same; this one is quicker to make).
    byte[] bomb = gzipBomb(head.substring(0, head.length() - 1) + ",\"value\":[0", ",0",
        100_000_000L, "]}");
    assertTrue(bomb.length < 1_000_000, "the bomb is small: " + bomb.length);
    answerData(gzipJson(bomb));
    SQLException e = failure("");
    assertState("08P01", e);
    assertTrue(e.getMessage().contains("more values than"), e.getMessage());
  }

  @Test
  void gzipBodyBeyondTheCeilingFails() throws Exception {
    // Whitespace allocates nothing in the parser: only the byte ceiling stops it.
    answerData(gzipJson(gzipBomb("{\"value\":[", " ", 20_000_000L, "]}")));
    SQLException e = failure(";maxResponseSize=1");
    assertState("08P01", e);
    assertTrue(e.getMessage().contains("maxResponseSize"), e.getMessage());
  }

  @Test
  void gzipBombAsConfigurationFailsGetConnection() throws Exception {
    server.respondTo(RequestMethod.GET, "/config",
        gzipJson(gzipBomb("{\"x\":[0", ",0", 100_000_000L, "]}")));
    SQLException e = assertThrows(SQLException.class, () -> connect(";metadataTtl=0").close());
    assertState("08P01", e);
    assertTrue(e.getMessage().contains("maxResponseSize"), e.getMessage());
  }

  @Test
  void gzipBombAsTableListFailsGetConnection() throws Exception {
    server.respondTo(RequestMethod.GET, "/tables",
        gzipJson(gzipBomb("{\"tables\":[{}", ",{}", 60_000_000L, "]}")));
    SQLException e = assertThrows(SQLException.class, () -> connect(";metadataTtl=0").close());
    assertState("08P01", e);
  }

  @Test
  void tableListOfEmptyObjectsWithinTheCeilingIsCappedByTokens() throws Exception {
    // 12 MB of {} is within the default 16 MB for documents, but would be a tree of 4 million
    // nodes.
    server.respondTo(RequestMethod.GET, "/tables",
        gzipJson(gzipBomb("{\"tables\":[{}", ",{}", 4_000_000L, "]}")));
    SQLException e = assertThrows(SQLException.class, () -> connect(";metadataTtl=0").close());
    assertState("08P01", e);
  }

  @Test
  void hugeErrorBodyIsNotReadWhole() throws Exception {
    answerData(gzipJson(gzipBomb("{\"title\":\"", "x", 400_000_000L, "\"}")).withStatus(400));
    SQLException e = failure("");
    assertNotNull(e.getSQLState());
    assertTrue(e.getMessage().length() < 2000, "message of " + e.getMessage().length());
  }

  // ---- Wrong rows ----

  @Test
  void responseWithADimensionNotRequestedFails() throws Exception {
    ObjectNode doc = realResponse();
    ((ArrayNode) doc.get("id")).add("Extra");
    ((ArrayNode) doc.get("size")).add(2);
    ObjectNode extra = ((ObjectNode) doc.get("dimension")).putObject("Extra");
    extra.putObject("category").putObject("index").put("a", 0).put("b", 1);
    ArrayNode values = JSON.createArrayNode();
    for (JsonNode v : doc.get("value")) {
      values.add(v).add(v);
    }
    doc.set("value", values);
    doc.remove("status");
    answerData(json(doc.toString()));
    SQLException e = failure("");
    assertState("08P01", e);
    assertTrue(e.getMessage().contains("Extra"), e.getMessage());
  }

  @Test
  void responseListingADimensionTwiceFails() throws Exception {
    ObjectNode doc = realResponse();
    ArrayNode ids = (ArrayNode) doc.get("id");
    ArrayNode sizes = (ArrayNode) doc.get("size");
    // A dimension of one value, listed again: the value count still matches the sizes.
    int single = 0;
    while (sizes.get(single).asInt() != 1) {
      single++;
    }
    ids.add(ids.get(single).asText());
    sizes.add(1);
    answerData(json(doc.toString()));
    SQLException e = failure("");
    assertState("08P01", e);
    assertTrue(e.getMessage().contains("twice"), e.getMessage());
  }

  @Test
  void responseWithMoreValuesOfADimensionThanRequestedFails() throws Exception {
    ObjectNode doc = realResponse();
    // Grow the first dimension by one category and the values accordingly (at the end of the
    // value array, which is the first dimension's new last block).
    ArrayNode sizes = (ArrayNode) doc.get("size");
    String first = doc.get("id").get(0).asText();
    int size = sizes.get(0).asInt();
    sizes.set(0, size + 1);
    ((ObjectNode) doc.path("dimension").path(first).path("category").path("index"))
        .put("NOT-ASKED", size);
    int block = doc.get("value").size() / size;
    for (int i = 0; i < block; i++) {
      ((ArrayNode) doc.get("value")).add(1);
    }
    doc.remove("status");
    answerData(json(doc.toString()));
    SQLException e = failure("");
    assertState("08P01", e);
  }

  @Test
  void responseWithOtherCategoriesThanRequestedFails() throws Exception {
    ObjectNode doc = realResponse();
    String last = doc.get("id").get(doc.get("id").size() - 1).asText();
    ObjectNode index = (ObjectNode) doc.path("dimension").path(last).path("category")
        .path("index");
    String code = index.fieldNames().next();
    int position = index.get(code).asInt();
    index.remove(code);
    index.put(code + "-other", position);
    answerData(json(doc.toString()));
    SQLException e = failure("");
    assertState("08P01", e);
  }

  @Test
  void valueBeyondTheRangeOfADoubleFails() throws Exception {
    ObjectNode doc = realResponse();
    String text = doc.toString().replaceFirst("\"value\":\\[[^,\\]]+", "\"value\":[1e999");
    assertTrue(text.contains("1e999"));
    answerData(json(text));
    SQLException e = failure("");
    assertState("08P01", e);
    assertTrue(e.getMessage().contains("1e999"), e.getMessage());
  }

  // ---- Null SQLStates ----

  @Test
  void tableEntryWithoutUpdatedCanBeQueried() throws Exception {
    ObjectNode list = (ObjectNode) JSON.readTree(HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/tables?lang=en&pageSize=1000"))
            .build(), HttpResponse.BodyHandlers.ofString()).body());
    for (JsonNode t : list.get("tables")) {
      ((ObjectNode) t).remove("updated");
    }
    list.remove("page");
    server.respondTo(RequestMethod.GET, "/tables", json(list.toString()));
    try (Connection c = connect(";metadataTtl=0")) {
      assertFalse(Sql.rows(c, SQL).isEmpty());
    }
  }

  @Test
  void retryAfterBeyondALongOfNanosecondsFailsWithTheServersError() throws Exception {
    answerData(aResponse().withStatus(429).withHeader("Retry-After", "99999999999"));
    SQLException e = failure(";retries=3");
    assertState("08004", e);
  }

  @Test
  void oversizedRateLimitPolicyIsIgnored() throws Exception {
    ObjectNode doc = realResponse();
    for (String policy : List.of("99999999999999999999;w=60", "40;w=99999999999999999999",
        "40;w=999999999h", "1;w=" + "9".repeat(5000))) {
      answerData(json(doc.toString()).withHeader("x-ratelimit-policy", policy)
          .withHeader("x-ratelimit-limit", "99999999999999"));
      try (Connection c = connect("")) {
        assertFalse(Sql.rows(c, SQL).isEmpty(), policy);
        assertFalse(Sql.rows(c, SQL).isEmpty(), policy);
      }
    }
  }
}
