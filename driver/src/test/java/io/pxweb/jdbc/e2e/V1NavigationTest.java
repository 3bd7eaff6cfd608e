package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pxweb.jdbc.testserver.V1TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The v1 navigation tree is read lazily: the exact GETs a connection sends to open, to run a
 * query on one table, to list one subject's tables and to list every table. Each connection has
 * {@code metadataTtl=0}, so nothing comes from the JVM's other connections.
 *
 * <p>The test tree: subjects {@code EN} (EN02, EN01: TAB003), {@code PO} (PO01: TAB001; PO02:
 * TAB004's cube again as TAB001, named {@code PO02/TAB001}), then {@code be}, {@code al},
 * {@code AM}.
 */
class V1NavigationTest {
  @RegisterExtension
  static V1TestServer server = V1TestServer.builder().calls(10_000, 10, false)
      .mount("PO/PO02", "TAB001", "TAB004").build();

  private static final String DB = "/api/v1/en/testdb";

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl() + ";metadataTtl=0");
  }

  /** The GET URLs sent since the last reset, in order, without the tables' metadata. */
  private static List<String> listings() {
    List<String> out = new ArrayList<>();
    for (LoggedRequest r : server.findAll(getRequestedFor(urlPathMatching("/api/v1/.*")))) {
      if (!r.getUrl().matches(".*/TAB\\d+$")) {
        out.add(r.getUrl());
      }
    }
    return out;
  }

  /** The subjects of the server's top listing, in its order. */
  private static List<String> subjects() throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = connect(); ResultSet rs = c.getMetaData().getSchemas()) {
      while (rs.next()) {
        out.add(rs.getString("TABLE_SCHEM"));
      }
    }
    return out;
  }

  private static List<String> tableNames(Connection c, String schema) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getTables(null, schema, "%", null)) {
      while (rs.next()) {
        out.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
      }
    }
    return out;
  }

  @Test
  void connectingReadsTheConfigurationAndTheTopListingOnly() throws SQLException {
    server.resetRequests();
    try (Connection c = connect()) {
      assertEquals(List.of(DB + "?config", DB), listings());
      List<String> schemas = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getSchemas()) {
        while (rs.next()) {
          schemas.add(rs.getString("TABLE_SCHEM"));
        }
      }
      // The top listing's folders are the subject schemas; listing them costs nothing more.
      assertTrue(schemas.containsAll(List.of("EN", "PO", "statbank", "meta")), schemas.toString());
      assertEquals(2, listings().size());
    }
  }

  @Test
  void aQueryOnOneTableSendsOneSearchAndReadsNoFolder() throws SQLException {
    try (Connection c = connect()) {
      server.resetRequests();
      assertEquals(1, Sql.rows(c, "select count(*) from \"TAB003\"").size());
      // The index has one table of that id (one title): it is named from the hit.
      assertEquals(List.of(DB + "?query=TAB003"), listings());
      server.resetRequests();
      Sql.rows(c, "select count(*) from statbank.\"TAB003\"");
      assertEquals(List.of(), listings());
      // Its subject listed: the same name, the same table, once.
      List<String> en = tableNames(c, "EN");
      assertEquals(1, en.stream().filter("EN.TAB003"::equals).count(), en.toString());
      assertEquals(List.of(DB + "/EN", DB + "/EN/EN02", DB + "/EN/EN01"), listings());
      server.resetRequests();
      // Another table of a subject read already: no request to find it.
      Sql.rows(c, "select count(*) from \"TAB004\"");
      assertEquals(List.of(), listings());
    }
  }

  @Test
  void anExactNameInDatabaseMetaDataIsLookedUpNotListed() throws SQLException {
    try (Connection c = connect()) {
      server.resetRequests();
      try (ResultSet rs = c.getMetaData().getTables(null, "statbank", "TAB003", null)) {
        assertTrue(rs.next());
        assertEquals("TAB003", rs.getString("TABLE_NAME"));
        assertFalse(rs.next());
      }
      assertEquals(List.of(DB + "?query=TAB003"), listings());
    }
  }

  @Test
  void aTableNamedByItsSubjectSchemaIsFoundWithoutSearch() throws SQLException {
    try (Connection c = connect()) {
      server.resetRequests();
      Sql.rows(c, "select count(*) from PO.\"TAB001\"");
      assertEquals(List.of(DB + "/PO", DB + "/PO/PO01", DB + "/PO/PO02"), listings());
    }
  }

  @Test
  void aClashNamedTableIsFoundThroughTheSearchOfItsId() throws SQLException {
    try (Connection c = connect()) {
      server.resetRequests();
      assertEquals(List.of(List.of((long) server.table("TAB004").valueCodes("SECTOR").size()
          * server.table("TAB004").valueCodes("TIME").size())),
          Sql.rows(c, "select count(*) from \"PO02/TAB001\" where GREENHOUSEGAS = 'CO2'"));
      assertEquals(List.of(DB + "?query=TAB001", DB + "/PO", DB + "/PO/PO01", DB + "/PO/PO02"),
          listings());
    }
  }

  @Test
  void listingOneSubjectWalksOnlyThatSubject() throws SQLException {
    try (Connection c = connect()) {
      server.resetRequests();
      List<String> names = tableNames(c, "PO");
      assertEquals(Set.of("PO.TAB001", "PO.PO02/TAB001"), new HashSet<>(names));
      assertEquals(List.of(DB + "/PO", DB + "/PO/PO01", DB + "/PO/PO02"), listings());
    }
  }

  @Test
  void listingEveryTableReadsEveryFolderOnceAndThenNothing() throws SQLException {
    List<String> subjects = subjects();
    try (Connection c = connect()) {
      server.resetRequests();
      List<String> all = tableNames(c, "statbank");
      assertTrue(all.containsAll(List.of("statbank.TAB001", "statbank.PO02/TAB001",
          "statbank.TAB004")), all.toString());
      List<String> sent = listings();
      assertEquals(new HashSet<>(sent).size(), sent.size(), sent.toString());
      for (String s : subjects) {
        if (!List.of("statbank", "meta", "klass").contains(s)) {
          assertTrue(sent.contains(DB + "/" + s), s + " not read: " + sent);
        }
      }
      server.resetRequests();
      // Every schema's tables now (what a navigator's full refresh asks): nothing more sent.
      tableNames(c, null);
      Sql.rows(c, "select count(*) from meta.tables");
      assertEquals(List.of(), listings());
    }
  }

  @Test
  void withoutSearchSubjectsAreWalkedInOrderUntilTheTableIsFound() throws SQLException {
    StubMapping stub = server.stubFor(get(urlPathEqualTo(DB))
        .withQueryParam("query", matching(".*")).atPriority(1)
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":\"Search not activated\"}")));
    try (Connection c = connect()) {
      server.resetRequests();
      Sql.rows(c, "select count(*) from \"TAB001\"");
      // EN comes before PO in the top listing: both walked, nothing after PO.
      assertEquals(List.of(DB + "?query=TAB001", DB + "/EN", DB + "/EN/EN02", DB + "/EN/EN01",
          DB + "/PO", DB + "/PO/PO01", DB + "/PO/PO02"), listings());
    } finally {
      server.removeStub(stub);
    }
  }

  @Test
  void theMetaSchemaIsNotLookedForAmongTheTables() throws SQLException {
    try (Connection c = connect()) {
      server.resetRequests();
      Sql.rows(c, "select id from meta.tables where search = 'emissions'");
      List<String> sent = listings();
      assertEquals(DB + "?query=emissions", sent.get(0));
      assertFalse(sent.stream().anyMatch(u -> u.contains("query=meta")), sent.toString());
      // The hits are in EN and PO: only those are walked, to name them.
      assertEquals(List.of(DB + "/EN", DB + "/EN/EN02", DB + "/EN/EN01", DB + "/PO",
          DB + "/PO/PO01", DB + "/PO/PO02"), sent.subList(1, sent.size()));
    }
  }

  @Test
  void oneTablesCatalogRowsFindThatTableOnly() throws SQLException {
    try (Connection c = connect()) {
      server.resetRequests();
      assertFalse(Sql.rows(c, "select variable_code from meta.variables"
          + " where table_id = 'TAB003'").isEmpty());
      assertEquals(List.of(DB + "?query=TAB003"), listings());
    }
  }

  @Test
  void aListingThatFailsWhileATableIsLookedUpIsTheServersError() throws SQLException {
    StubMapping stub = server.stubFor(get(urlPathEqualTo(DB + "/PO")).atPriority(1)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
            .withBody("<html>maintenance</html>")));
    try (Connection c = connect()) {
      SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> Sql.rows(c, "select count(*) from PO.\"TAB001\""));
      assertTrue(e.getSQLState() != null && !e.getSQLState().equals("HY000"),
          e.getSQLState() + " " + e.getMessage());
      assertTrue(e.getMessage().contains("/api/v1/en/testdb/PO"), e.getMessage());
    } finally {
      server.removeStub(stub);
    }
  }

  @Test
  void primaryKeysWithoutASchemaLookInStatbankFirst() throws SQLException {
    try (Connection c = connect()) {
      server.resetRequests();
      int keys = 0;
      try (ResultSet rs = c.getMetaData().getPrimaryKeys(null, null, "TAB003")) {
        while (rs.next()) {
          keys++;
        }
      }
      assertTrue(keys > 0);
      // The search only: no subject was walked to find it.
      assertEquals(List.of(DB + "?query=TAB003"), listings());
    }
  }
}
