package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What each action costs in requests on Statistics Sweden's v1 tree as recorded: its
 * {@code ?config}, the listing of {@code ssd/BE/BE0101} (20 folders), {@code BE0101A} (12
 * tables, BefolkningNy among them) and {@code START/ME/ME0104/ME0104C} (8 tables), and its
 * search answer (400 "Search not activated"). The levels between them are not recorded: the
 * top lists {@code AM}, {@code BE}, {@code ME}; {@code AM} and the other 19 BE0101 folders are
 * empty. Counts are of GETs, the table's own metadata GET (the same for every way) left out;
 * pacing is off (the recorded 30 calls per 10 s would only slow the test).
 */
class V1ScbTreeTest {
  @RegisterExtension
  static WireMockExtension scb = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().http2PlainDisabled(true)).build();

  private static final String BASE = "/OV0104/v1/doris/sv/ssd";

  private static String fixture(String name) {
    try (InputStream in = V1ScbTreeTest.class.getClassLoader()
        .getResourceAsStream("fixtures/pxwebapi-v1/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void serve(MappingBuilder m, String body) {
    scb.stubFor(m.willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody(body)));
  }

  private static String folders(String... ids) {
    List<String> out = new ArrayList<>();
    for (String id : ids) {
      out.add("{\"id\":\"" + id + "\",\"type\":\"l\",\"text\":\"" + id + "\"}");
    }
    return "[" + String.join(",", out) + "]";
  }

  @BeforeEach
  void stubs() {
    scb.resetAll();
    serve(get(urlEqualTo(BASE + "?config")).atPriority(1),
        fixture("scb-v1-config-BefolkningNy-en.json"));
    scb.stubFor(get(urlPathEqualTo(BASE)).withQueryParam("query",
        com.github.tomakehurst.wiremock.client.WireMock.matching(".*")).atPriority(1)
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":\"Search not activated\"}")));
    serve(get(urlEqualTo(BASE)), folders("AM", "BE", "ME"));
    serve(get(urlEqualTo(BASE + "/AM")), "[]");
    serve(get(urlEqualTo(BASE + "/BE")), folders("BE0101"));
    serve(get(urlEqualTo(BASE + "/BE/BE0101")), fixture("scb-v1-navigation-sv-ssd-BE-BE0101.json"));
    serve(get(urlPathMatching(BASE + "/BE/BE0101/BE0101[B-Z]")).atPriority(9), "[]");
    serve(get(urlEqualTo(BASE + "/BE/BE0101/BE0101A")),
        fixture("scb-v1-navigation-en-ssd-BE-BE0101-BE0101A.json"));
    serve(get(urlEqualTo(BASE + "/ME")), folders("ME0104"));
    serve(get(urlEqualTo(BASE + "/ME/ME0104")), folders("ME0104C"));
    serve(get(urlEqualTo(BASE + "/ME/ME0104/ME0104C")),
        fixture("scb-v1-navigation-sv-ssd-START-ME-ME0104-ME0104C.json"));
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:pxweb:" + scb.baseUrl() + BASE + ";metadataTtl=0;rateLimit=none");
  }

  private static int gets() {
    return scb.findAll(getRequestedFor(urlPathMatching("/OV0104/.*"))).size();
  }

  private static int tables(Connection c, String schema, String pattern) throws SQLException {
    int n = 0;
    try (ResultSet rs = c.getMetaData().getTables(null, schema, pattern, null)) {
      while (rs.next()) {
        n++;
      }
    }
    return n;
  }

  @Test
  void requestsPerAction() throws SQLException {
    try (Connection c = connect()) {
      int connect = gets();
      scb.resetRequests();
      // Finding one table as a query does (no search at SCB: subjects walked in order).
      assertEquals(1, tables(c, "statbank", "BefolkningNy"));
      int oneTable = gets();
      scb.resetRequests();
      assertEquals(8, tables(c, "ME", "%"));
      int oneSubject = gets();
      scb.resetRequests();
      assertEquals(20, tables(c, "statbank", "%"));
      int rest = gets();
      System.out.printf("SCB fixture tree: connect %d, find BefolkningNy %d, list ME %d,"
          + " list all afterwards %d%n", connect, oneTable, oneSubject, rest);
      // ?config and the top listing.
      assertEquals(2, connect);
      // The refused search, AM, BE, BE0101 and its 20 folders; ME is not read.
      assertEquals(24, oneTable);
      assertEquals(3, oneSubject);
      // Everything was read by then.
      assertEquals(0, rest);
    }
    try (Connection c = connect()) {
      scb.resetRequests();
      assertEquals(20, tables(c, "statbank", "%"));
      // A full listing on a fresh connection: the 26 folders below the top, once each.
      assertEquals(26, gets());
    }
  }


  @Test
  void withSearchOneTableCostsOneRequest() throws SQLException {
    // As Statistics Finland and SSB answer ?query= (Statistics Sweden does not): one hit.
    scb.stubFor(get(urlEqualTo(BASE + "?query=BefolkningNy")).atPriority(0)
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(
            "[{\"id\":\"BefolkningNy\",\"path\":\"/BE/BE0101/BE0101A/\",\"title\":"
                + "\"Population by region, marital status, age and sex. Year 1968 - 2025\","
                + "\"score\":1.0,\"published\":\"2026-02-24T08:00:00\"}]")));
    try (Connection c = connect()) {
      scb.resetRequests();
      assertEquals(1, tables(c, "statbank", "BefolkningNy"));
      System.out.printf("SCB fixture tree with search: find BefolkningNy %d%n", gets());
      assertEquals(1, gets());
      scb.resetRequests();
      // Its subject listed later: the walk names it the same; one table, not two.
      assertEquals(1, tables(c, "BE", "BefolkningNy"));
      assertEquals(12, tables(c, "BE", "%"));
      assertEquals(22, gets());
    }
  }
}
