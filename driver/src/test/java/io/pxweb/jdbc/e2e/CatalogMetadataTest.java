package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Schemas, tables and columns as JDBC tools (DBeaver, BI tools) see them. */
class CatalogMetadataTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  @BeforeEach
  void reset() {
    server.resetRequests();
  }

  @Test
  void schemasAreStatbankAndOnePerSubject() throws SQLException {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl() + ";metadataTtl=0")) {
      List<String> schemas = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getSchemas()) {
        while (rs.next()) {
          schemas.add(rs.getString("TABLE_SCHEM"));
        }
      }
      // Top-level folder ids of the test tables' paths.
      List<String> expected = new ArrayList<>(server.catalog().tables().stream()
          .flatMap(t -> {
            List<String> ids = new ArrayList<>();
            t.tableEntry().path("paths").forEach(p -> ids.add(p.get(0).path("id").asText()));
            return ids.stream();
          }).distinct().toList());
      expected.add("statbank");
      for (String s : expected) {
        assertTrue(schemas.contains(s), s + " in " + schemas);
      }
      // A table is in every subject schema it belongs to, and in statbank.
      List<String> inSubject = tables(c.getMetaData(), "EN");
      assertTrue(inSubject.contains("TAB004") && inSubject.contains("TAB003"), inSubject.toString());
      assertTrue(!inSubject.contains("TAB001"), inSubject.toString());
    }
  }

  @Test
  void tableNamePatternsFollowJdbc() throws SQLException {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
      DatabaseMetaData md = c.getMetaData();
      List<String> all = tables(md, "statbank", "%");
      List<String> tab00 = all.stream().filter(n -> n.matches("TAB00.")).toList();
      assertTrue(tab00.size() >= 2, all.toString());
      // _ is any one character, % any run; an escaped _ is itself; matching keeps case.
      assertEquals(tab00, tables(md, "statbank", "TAB00_"));
      assertEquals(all.stream().filter(n -> n.matches("T.B.*")).toList(),
          tables(md, "statbank", "T_B%"));
      assertEquals(List.of(), tables(md, "statbank", "TAB00\\_"));
      assertEquals(List.of(), tables(md, "statbank", "tab00_"));
    }
  }

  private static List<String> tables(DatabaseMetaData md, String schema) throws SQLException {
    return tables(md, schema, "%");
  }

  private static List<String> tables(DatabaseMetaData md, String schema, String pattern)
      throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = md.getTables(null, schema, pattern, null)) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
    }
    return names;
  }

  @Test
  void tableRemarksAreLabelsAndCostNoMetadataRequest() throws SQLException {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl() + ";metadataTtl=0")) {
      Map<String, String> remarks = new LinkedHashMap<>();
      try (ResultSet rs = c.getMetaData().getTables(null, "statbank", "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          remarks.put(rs.getString("TABLE_NAME"), rs.getString("REMARKS"));
        }
      }
      assertEquals(server.table("TAB004").label(), remarks.get("TAB004"));
      assertEquals(server.table("05810").label(), remarks.get("05810"));
      assertEquals(server.catalog().tables().size(), remarks.size());
    }
    server.verify(exactly(0), getRequestedFor(urlPathMatching("/api/v2/tables/.+")));
  }

  @Test
  void columnsOfOneTableCostOneMetadataRequestAndCarryRemarks() throws SQLException {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl() + ";metadataTtl=0")) {
      Map<String, String[]> columns = new LinkedHashMap<>();
      try (ResultSet rs = c.getMetaData().getColumns(null, "statbank", "13861", "%")) {
        while (rs.next()) {
          columns.put(rs.getString("COLUMN_NAME"), new String[] {rs.getString("TYPE_NAME"),
              rs.getString("REMARKS"), Integer.toString(rs.getInt("DATA_TYPE")),
              rs.getString("IS_NULLABLE")});
        }
      }
      assertEquals(List.of("NACE2007", "NACE2007_label", "Tid", "Tid_label", "Tid_date",
          "Ginikoeffisient", "Ginikoeffisient_status", "P90P10", "P90P10_status"),
          new ArrayList<>(columns.keySet()));
      assertEquals("VARCHAR", columns.get("NACE2007")[0]);
      assertEquals("NO", columns.get("NACE2007")[3]);
      assertEquals("DATE", columns.get("Tid_date")[0]);
      assertEquals(Integer.toString(Types.DECIMAL), columns.get("P90P10")[2]);
      assertEquals("YES", columns.get("P90P10")[3]);
      String label = server.table("13861").variable("NACE2007").label();
      assertEquals(label, columns.get("NACE2007_label")[1]);
      assertTrue(columns.get("P90P10")[1].contains("forholdstall"), columns.get("P90P10")[1]);
    }
    server.verify(exactly(1), getRequestedFor(urlPathEqualTo("/api/v2/tables/13861/metadata")));
    server.verify(exactly(0), getRequestedFor(urlPathMatching("/api/v2/tables/[^/]+/data")));
  }

  /**
   * Names are schema.table, and the metadata says so: LibreOffice Base, told that catalogs
   * qualify names in statements, split statbank.TAB004 into catalog statbank and table TAB004
   * and then asked getColumns("statbank", "", "TAB004", "%"), which has no rows.
   */
  @Test
  void thereAreNoCatalogsSoATwoPartNameIsSchemaAndTable() throws SQLException {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl() + ";metadataTtl=0")) {
      DatabaseMetaData md = c.getMetaData();
      try (ResultSet rs = md.getCatalogs()) {
        assertEquals("TABLE_CAT", rs.getMetaData().getColumnName(1));
        assertTrue(!rs.next(), "no catalog rows");
      }
      assertEquals(List.of(false, false, false, false, false), List.of(
          md.supportsCatalogsInDataManipulation(), md.supportsCatalogsInTableDefinitions(),
          md.supportsCatalogsInIndexDefinitions(), md.supportsCatalogsInPrivilegeDefinitions(),
          md.supportsCatalogsInProcedureCalls()));
      assertTrue(md.supportsSchemasInDataManipulation());
      assertEquals(null, c.getCatalog());
      try (ResultSet rs = md.getTables(null, "statbank", "TAB004", null)) {
        assertTrue(rs.next());
        assertEquals(null, rs.getString("TABLE_CAT"));
        assertEquals("statbank", rs.getString("TABLE_SCHEM"));
      }
      int columns = 0;
      try (ResultSet rs = md.getColumns(null, "statbank", "TAB004", "%")) {
        while (rs.next()) {
          columns++;
        }
      }
      try (ResultSet rs = c.createStatement().executeQuery(
          "SELECT * FROM \"statbank\".\"TAB004\" WHERE 0 = 1")) {
        assertEquals(rs.getMetaData().getColumnCount(), columns);
      }
    }
  }

  @Test
  void productAndDriverNames() throws SQLException {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl() + ";metadataTtl=0")) {
      DatabaseMetaData md = c.getMetaData();
      assertEquals("pxweb-jdbc", md.getDriverName());
      assertEquals("\"", md.getIdentifierQuoteString());
      assertEquals(c, md.getConnection());
    }
  }
}
