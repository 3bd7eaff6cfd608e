package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import io.pxweb.jdbc.testserver.TestTable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import schemacrawler.schema.Catalog;
import schemacrawler.schema.Column;
import schemacrawler.schema.ForeignKey;
import schemacrawler.schema.Schema;
import schemacrawler.schema.Table;
import schemacrawler.schemacrawler.LimitOptionsBuilder;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptions;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.schemacrawler.SchemaInfoLevelBuilder;
import schemacrawler.tools.utility.SchemaCrawlerUtility;
import us.fatehi.utility.datasource.DatabaseConnectionSources;

/**
 * A real catalog client: SchemaCrawler, the crawler behind many database tools, reads the whole
 * catalog of the test server through DatabaseMetaData, as DBeaver's navigator or a BI tool's
 * sync would.
 */
class SchemaCrawlerTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  @Test
  void crawlsSchemasTablesColumnsRemarksAndKeys() throws Exception {
    SchemaCrawlerOptions options = SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
        .withLoadOptions(LoadOptionsBuilder.builder()
            .withSchemaInfoLevel(SchemaInfoLevelBuilder.standard()).toOptions())
        .withLimitOptions(LimitOptionsBuilder.builder()
            .includeSchemas(Pattern.compile("statbank|meta")).toOptions());
    Catalog catalog;
    try (Connection c = DriverManager.getConnection(server.jdbcUrl() + ";metadataTtl=0")) {
      catalog = SchemaCrawlerUtility.getCatalog(DatabaseConnectionSources.fromConnection(c),
          options);
    }
    Map<String, Table> statbank = new TreeMap<>();
    Map<String, Table> meta = new TreeMap<>();
    for (Schema s : catalog.getSchemas()) {
      for (Table t : catalog.getTables(s)) {
        (s.getFullName().contains("meta") ? meta : statbank).put(t.getName(), t);
      }
    }
    assertEquals(server.catalog().tableIds().stream().sorted().toList(),
        List.copyOf(statbank.keySet()));
    assertEquals(List.of("codelists", "notes", "problems", "source_references", "tables",
        "values", "variables"),
        List.copyOf(meta.keySet()));
    for (TestTable expected : server.catalog().tables()) {
      Table t = statbank.get(expected.id());
      assertEquals(expected.label(), t.getRemarks(), expected.id());
      // Every non-content variable gives a code column, and the codes are the primary key.
      long codeColumns = expected.variables().stream().filter(v -> !v.isContent()).count();
      assertNotNull(t.getPrimaryKey(), expected.id());
      assertEquals(codeColumns, t.getPrimaryKey().getConstrainedColumns().size(), expected.id());
      for (Column column : t.getColumns()) {
        assertTrue(column.getRemarks() != null && !column.getRemarks().isBlank(),
            expected.id() + "." + column.getName());
      }
    }
    Table tab001 = statbank.get("TAB001");
    assertEquals("HNMGA", tab001.getColumns().get(9).getName());
    assertEquals("DECIMAL", tab001.getColumns().get(9).getColumnDataType().getName());
    List<String> links = tab001.getImportedForeignKeys().stream().map(ForeignKey::getName).toList();
    assertEquals(List.of("fk_TAB001_SEX_klass_545"), links);
    // A full crawl reads every table's metadata once, and no data.
    assertEquals(server.catalog().tables().size(), server.findAll(
        getRequestedFor(urlPathMatching("/api/v2/tables/[^/]+/metadata"))).size());
    assertEquals(0, server.findAll(getRequestedFor(urlPathMatching("/api/v2/tables/[^/]+/data")))
        .size());
  }
}
