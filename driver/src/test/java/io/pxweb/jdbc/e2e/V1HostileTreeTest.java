package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A hostile PxWebApi v1 navigation tree: a chain of folders deeper than the listing limit,
 * listings naming {@code .}, {@code ..} and a folder twice, search hits whose paths climb out.
 * The walk ends at the documented limit of 5,000 listings with SQLState 54000 (it recursed per
 * level and died of a StackOverflowError after about 3,000), and no request leaves the base
 * path. In the surefire execution {@code hostile} (256 MB).
 *
 * <p>The server keeps no request journal (5,000 requests with URLs up to 10 KB long): a
 * listener counts requests and keeps those outside the base path.
 */
@Tag("hostile")
class V1HostileTreeTest {
  private static final String BASE = "/api/v1/en/db";
  private static WireMockServer server;
  private static final AtomicInteger REQUESTS = new AtomicInteger();
  private static final List<String> OUTSIDE = Collections.synchronizedList(new ArrayList<>());
  private static final List<String> FIRST = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void start() {
    // URLs grow by 2 bytes per level: Jetty's default 8 KB request header would end the chain
    // with a 431 before the driver's limit.
    server = new WireMockServer(wireMockConfig().dynamicPort().disableRequestJournal()
        .jettyHeaderRequestSize(64 * 1024));
    server.addMockServiceRequestListener((request, response) -> {
      REQUESTS.incrementAndGet();
      String url = request.getUrl();
      if (!url.equals(BASE) && !url.startsWith(BASE + "/") && !url.startsWith(BASE + "?")) {
        OUTSIDE.add(url);
      }
      if (FIRST.size() < 50) {
        FIRST.add(url);
      }
    });
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @BeforeEach
  void reset() {
    server.resetMappings();
    REQUESTS.set(0);
    OUTSIDE.clear();
    FIRST.clear();
    server.stubFor(get(urlEqualTo(BASE + "?config")).willReturn(json(
        "{\"maxValues\":10000,\"maxCells\":100000,\"maxCalls\":10000,\"timeWindow\":10}")));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }

  private static String folder(String id) {
    return "{\"id\":\"" + id + "\",\"type\":\"l\",\"text\":\"Folder " + id + "\"}";
  }

  private static String table(String id) {
    return "{\"id\":\"" + id + "\",\"type\":\"t\",\"text\":\"Table " + id + "\"}";
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:pxweb:" + server.baseUrl() + BASE
        + ";rateLimit=none;metadataTtl=0;retries=0");
  }

  private static List<String> tables(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getTables(null, "statbank", "%", null)) {
      while (rs.next()) {
        out.add(rs.getString("TABLE_NAME"));
      }
    }
    return out;
  }

  private static void assertNoError(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(t instanceof Error, () -> "an Error inside: " + e);
    }
  }

  @Test
  void aChainDeeperThanTheLimitEndsAtTheListingLimit() throws SQLException {
    // Every folder lists a folder "a" (three times) and a table: an endless chain, each level
    // with a table to keep, each listing naming its folder more than once.
    server.stubFor(get(urlEqualTo(BASE)).willReturn(json("[" + folder("a") + "]")));
    server.stubFor(get(urlPathMatching(BASE + "/.+")).willReturn(json("[" + folder("a") + ","
        + table("t") + "," + folder("a") + "," + folder("a") + "]")));
    try (Connection c = connect()) {
      SQLException e = assertThrows(SQLException.class, () -> tables(c));
      assertEquals("54000", e.getSQLState(), e::toString);
      assertTrue(e.getMessage().contains("more than 5000 folders"), e.getMessage());
      assertNoError(e);
    }
    // ?config, then exactly the limit of listings (the top one included), one per level.
    assertEquals(1 + 5_000, REQUESTS.get());
    assertEquals(List.of(), OUTSIDE);
  }

  @Test
  void dotEntriesAreNeitherListedNorFollowed() throws SQLException {
    server.stubFor(get(urlEqualTo(BASE)).willReturn(json("[" + folder(".") + ","
        + folder("..") + "," + folder("a") + "," + table("..") + "]")));
    server.stubFor(get(urlEqualTo(BASE + "/a")).willReturn(json("[" + folder(".") + ","
        + folder("..") + "," + table("..") + "," + table(".") + "," + folder("b") + ","
        + table("t1") + "," + folder("b") + "]")));
    server.stubFor(get(urlEqualTo(BASE + "/a/b")).willReturn(json("[" + table("t2") + ","
        + folder("..") + "," + folder(".") + "]")));
    try (Connection c = connect()) {
      assertEquals(List.of("t1", "t2"), tables(c).stream().sorted().toList());
    }
    assertEquals(List.of(BASE + "?config", BASE, BASE + "/a", BASE + "/a/b"), FIRST);
    assertEquals(List.of(), OUTSIDE);
  }

  @Test
  void searchHitsThatClimbOutAreRefused() throws SQLException {
    server.stubFor(get(urlEqualTo(BASE)).willReturn(json("[" + folder("a") + "]")));
    server.stubFor(get(urlEqualTo(BASE + "/a")).willReturn(json("[" + table("t1") + "]")));
    // The server's index says t9 is at a/../../t9: two levels above the base.
    server.stubFor(get(urlPathEqualTo(BASE)).withQueryParam("query",
        com.github.tomakehurst.wiremock.client.WireMock.matching(".*")).willReturn(json(
        "[{\"id\":\"t9\",\"path\":\"/a/../..\",\"title\":\"Table t9\"}]")));
    try (Connection c = connect()) {
      SQLException e = assertThrows(SQLException.class,
          () -> Sql.rows(c, "select * from \"t9\""));
      assertEquals("42S02", e.getSQLState(), e::toString);
      for (String id : List.of(".", "..")) {
        SQLException dot = assertThrows(SQLException.class,
            () -> Sql.rows(c, "select * from \"" + id + "\""));
        assertEquals("42S02", dot.getSQLState(), dot::toString);
      }
    }
    assertFalse(REQUESTS.get() == 0);
    assertEquals(List.of(), OUTSIDE);
  }
}
