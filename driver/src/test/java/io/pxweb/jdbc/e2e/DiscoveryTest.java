package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.pxweb.jdbc.e2e.Sql.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Finding tables in SQL (schema meta) and JDBC metadata as BI tools read it. */
class DiscoveryTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  @BeforeEach
  void reset() {
    server.resetRequests();
  }

  private static Connection connect(String extra) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl() + ";metadataTtl=0" + extra);
  }

  @Test
  void metaTablesListsTheCatalogWithoutMetadataRequests() throws SQLException {
    try (Connection c = connect("")) {
      List<List<Object>> rows = Sql.rows(c,
          "select id, label, subjects, time_unit, discontinued from meta.tables order by id");
      assertEquals(server.catalog().tableIds().stream().sorted().toList(),
          rows.stream().map(r -> r.get(0)).toList());
      List<Object> tab004 = rows.stream().filter(r -> r.get(0).equals("TAB004")).findFirst().get();
      assertEquals(row("TAB004", server.table("TAB004").label(), "EN", "Annual", false), tab004);
    }
    server.verify(exactly(1), getRequestedFor(urlPathEqualTo("/api/v2/tables")));
    server.verify(exactly(0), getRequestedFor(urlPathMatching("/api/v2/tables/.+")));
  }

  @Test
  void searchGoesToTheServersIndex() throws SQLException {
    try (Connection c = connect("")) {
      List<List<Object>> rows = Sql.rows(c,
          "select id, search from meta.tables where search = 'emissions'");
      assertEquals(List.of(row("TAB004", "emissions")), rows);
    }
    server.verify(exactly(1), getRequestedFor(urlPathEqualTo("/api/v2/tables"))
        .withQueryParam("query", equalTo("emissions")).withQueryParam("lang", equalTo("en")));
  }

  @Test
  void recentUpdatesGoAsPastDaysAndAreFilteredExactly() throws SQLException {
    try (Connection c = connect("")) {
      List<List<Object>> rows = Sql.rows(c, "select id from meta.tables"
          + " where updated >= TIMESTAMP '2023-05-25 14:00:00' order by id");
      List<List<Object>> all = Sql.rows(c, "select id, updated from meta.tables order by id");
      List<List<Object>> expected = new ArrayList<>();
      for (List<Object> r : all) {
        if (r.get(1) != null && !((java.sql.Timestamp) r.get(1)).toLocalDateTime()
            .isBefore(java.time.LocalDateTime.of(2023, 5, 25, 14, 0))) {
          expected.add(row(r.get(0)));
        }
      }
      assertEquals(expected, rows);
    }
    assertEquals(1, server.findAll(getRequestedFor(urlPathEqualTo("/api/v2/tables"))
        .withQueryParam("pastDays", com.github.tomakehurst.wiremock.client.WireMock.matching("\\d+")))
        .size());
  }

  @Test
  void variablesValuesAndNotesCostOneMetadataRequestPerTable() throws SQLException {
    try (Connection c = connect("")) {
      assertEquals(List.of(
              row("REGION", "geo", false, 30, null),
              row("SEX", "regular", false, 3, "545"),
              row("AGE", "regular", true, 22, null),
              row("ContentsCode", "content", false, 1, null),
              row("TIME", "time", false, 3, null)),
          Sql.rows(c, "select variable_code, role, elimination, value_count, klass_ids"
              + " from meta.variables where table_id = 'TAB001' order by position"));
      // 05810's gender has the non-sequential index {"0":0,"1":2,"2":1}.
      assertEquals(List.of(row(1, "0"), row(2, "2"), row(3, "1")), Sql.rows(c,
          "select position, code from meta.\"values\" where table_id = '05810'"
              + " and variable_code = 'Kjonn' order by position"));
      List<List<Object>> notes = Sql.rows(c, "select variable_code, value_code, text, mandatory"
          + " from meta.notes where table_id = 'TAB004'");
      assertTrue(notes.contains(row(null, null, ".. = Data not available", false)), notes.toString());
      assertTrue(notes.contains(row("SECTOR", null, "Footnote text", false)), notes.toString());
      assertTrue(notes.contains(row("GREENHOUSEGAS", "SF6_CO2-ekv.", "Footnote text", false)),
          notes.toString());
      assertEquals(List.of(
              row("REGION", "agg_NordicBaltic", "Aggregation", "TAB001@agg_NordicBaltic"),
              row("REGION", "vs_Nordic", "Valueset", "TAB001@vs_Nordic")),
          Sql.rows(c, "select variable_code, codelist_id, type, table_name from meta.codelists"
              + " where table_id in ('TAB001', '05810') order by codelist_id"));
    }
    server.verify(exactly(1), getRequestedFor(urlPathEqualTo("/api/v2/tables/TAB001/metadata")));
    server.verify(exactly(1), getRequestedFor(urlPathEqualTo("/api/v2/tables/05810/metadata")));
    server.verify(exactly(1), getRequestedFor(urlPathEqualTo("/api/v2/tables/TAB004/metadata")));
    server.verify(exactly(0), getRequestedFor(urlPathEqualTo("/api/v2/tables/TAB003/metadata")));
  }

  @Test
  void primaryKeysAreTheDimensionCodesAndKlassLinksAreImportedKeys() throws SQLException {
    try (Connection c = connect("")) {
      DatabaseMetaData md = c.getMetaData();
      List<String> pk = new ArrayList<>();
      try (ResultSet rs = md.getPrimaryKeys(null, "statbank", "TAB001")) {
        while (rs.next()) {
          pk.add(rs.getShort("KEY_SEQ") + ":" + rs.getString("COLUMN_NAME"));
        }
      }
      assertEquals(List.of("1:REGION", "2:SEX", "3:AGE", "4:TIME"), pk);
      List<String> fk = new ArrayList<>();
      try (ResultSet rs = md.getImportedKeys(null, "statbank", "05810")) {
        while (rs.next()) {
          fk.add(rs.getString("FKCOLUMN_NAME") + "->" + rs.getString("PKTABLE_SCHEM") + "."
              + rs.getString("PKTABLE_NAME") + "." + rs.getString("PKCOLUMN_NAME"));
        }
      }
      assertEquals(List.of("Kjonn->klass.2.code"), fk);
      try (ResultSet rs = md.getTables(null, "meta", "%", null)) {
        assertTrue(rs.next());
        assertTrue(rs.getString("REMARKS") != null);
      }
    }
  }

  @Test
  void scopingPropertiesRestrictTheCatalog() throws SQLException {
    try (Connection c = connect(";tables=TAB001,13861")) {
      assertEquals(List.of(row("13861"), row("TAB001")),
          Sql.rows(c, "select id from meta.tables order by id"));
    }
    try (Connection c = connect(";subjects=en")) {
      List<String> names = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, "statbank", "%", null)) {
        while (rs.next()) {
          names.add(rs.getString("TABLE_NAME"));
        }
      }
      assertEquals(List.of("TAB003", "TAB004"), names.stream().sorted().toList());
    }
  }

  @Test
  void productAndCapabilities() throws SQLException {
    try (Connection c = connect("")) {
      DatabaseMetaData md = c.getMetaData();
      assertEquals("pxweb-jdbc", md.getDriverName());
      assertEquals("PxWebApi", md.getDatabaseProductName());
      assertTrue(md.supportsGroupBy() && md.supportsOuterJoins());
      assertTrue(md.isReadOnly());
      try (ResultSet rs = md.getTypeInfo()) {
        assertTrue(rs.next());
      }
    }
  }
}
