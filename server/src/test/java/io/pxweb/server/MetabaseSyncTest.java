package io.pxweb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.pxweb.jdbc.testserver.LargeCatalog;
import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Metabase database sync replayed through pgjdbc: the connection test, describe-database (the
 * privileges query and the table list), describe-table, foreign keys, the 10,000-row sample and
 * a field-values query, as Metabase's PostgreSQL driver writes them (pinned commit: see
 * src/test/resources/metabase/README.txt). The statbank is the WireMock test server with SSB's
 * 05810 stretched to 21,000 cells, so the sample's LIMIT has to reach the request.
 */
class MetabaseSyncTest {
  private static final int YEARS = 1000;
  private static final int SAMPLE_ROWS = 10_000;

  @RegisterExtension
  static final PxWebTestServer api = PxWebTestServer.builder()
      .catalog(LargeCatalog.with05810Years(YEARS)).callsPerWindow(1000, 10).build();

  private static PxWebServer server;

  @BeforeAll
  static void start() throws Exception {
    server = PxWebServer.start("--port", "0", "--url", api.jdbcUrl());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String query(String name) throws Exception {
    return Files.readString(Path.of("src", "test", "resources", "metabase", name));
  }

  private static Connection metabaseConnection() throws Exception {
    Connection c = ServerFixture.pg(server, "ApplicationName=Metabase");
    // sql-jdbc.execute/do-with-connection-with-options: read-only, dirty reads allowed.
    c.setReadOnly(true);
    c.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
    return c;
  }

  @Test
  void syncReadsTheCatalogAndSamplesCheaply() throws Exception {
    try (Connection c = metabaseConnection()) {
      // can-connect-with-spec?
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1));
      }
      // db-default-timezone
      try (PreparedStatement ps = c.prepareStatement("show timezone;");
           ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertFalse(rs.getString(1).isEmpty());
      }
      // describe-database: the privileges query, then the table list of each syncable schema.
      Set<String> selectable = new HashSet<>();
      try (Statement s = c.createStatement();
           ResultSet rs = s.executeQuery(query("../metabase_privileges.sql"))) {
        while (rs.next()) {
          if (rs.getBoolean("select")) {
            selectable.add(rs.getString("schema") + "." + rs.getString("table"));
          }
        }
      }
      assertTrue(selectable.contains("statbank.05810"), selectable.toString());
      List<String> tables = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(query("describe-tables.sql"))) {
        ps.setInt(1, 0);
        ps.setString(2, "^pg_");
        ps.setString(3, "information_schema");
        ps.setString(4, "statbank");
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            assertEquals("statbank", rs.getString("schema"));
            assertEquals("TABLE", rs.getString("type"));
            tables.add(rs.getString("name"));
            if (rs.getString("name").equals("05810")) {
              assertTrue(rs.getString("description").startsWith("05810"),
                  rs.getString("description"));
            }
          }
        }
      }
      assertEquals(api.catalog().tableIds().stream().sorted().toList(), tables);

      // describe-table: fields with types, positions and the labels as comments.
      List<String[]> fields = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(query("describe-fields.sql"))) {
        ps.setString(1, "statbank");
        ps.setString(2, "05810");
        ps.setString(3, "statbank");
        ps.setString(4, "05810");
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            assertEquals(fields.size(), rs.getInt("database-position"));
            assertEquals("05810", rs.getString("table-name"));
            assertFalse(rs.getBoolean("database-is-auto-increment"));
            fields.add(new String[] {rs.getString("name"), rs.getString("database-type"),
                rs.getString("field-comment")});
          }
        }
      }
      assertEquals("Kjonn", fields.get(0)[0]);
      assertEquals("text", fields.get(0)[1]);
      assertTrue(fields.stream().anyMatch(f -> f[1].equals("numeric")), "a measure column");
      assertTrue(fields.stream().anyMatch(f -> f[2] != null), "labels as field comments");

      // describe-fks: statbank tables have no foreign keys; the query must run.
      try (PreparedStatement ps = c.prepareStatement(query("describe-fks.sql"))) {
        ps.setString(1, "05810");
        ps.setString(2, "statbank");
        try (ResultSet rs = ps.executeQuery()) {
          assertFalse(rs.next());
        }
      }

      // The fingerprinting sample: every field, text cut to 1,234 characters, 10,000 rows.
      StringBuilder sample = new StringBuilder("-- Metabase\nSELECT ");
      for (int i = 0; i < fields.size(); i++) {
        String name = fields.get(i)[0];
        String column = "\"statbank\".\"05810\".\"" + name + "\"";
        sample.append(i == 0 ? "" : ", ").append(fields.get(i)[1].equals("text")
            ? "SUBSTRING(" + column + ", 1, 1234) AS \"substring_" + name + "\""
            : column + " AS \"" + name + "\"");
      }
      sample.append(" FROM \"statbank\".\"05810\" LIMIT " + SAMPLE_ROWS);
      api.resetRequests();
      List<List<String>> sampled;
      try (PreparedStatement ps = c.prepareStatement(sample.toString());
           ResultSet rs = ps.executeQuery()) {
        sampled = ServerFixture.rows(rs);
      }
      assertEquals(SAMPLE_ROWS, sampled.size());
      long[] served = servedData();
      assertTrue(served[0] >= 1 && served[1] >= SAMPLE_ROWS && served[1] < 3L * 7 * YEARS,
          "the sample fetched " + served[1] + " of " + 3 * 7 * YEARS + " cells in " + served[0]
              + " requests");
      assertEquals(direct(sample.toString()), sampled, "the driver's rows");
      System.out.printf("Metabase sample of %d rows: %d data requests, %d of %d cells%n",
          SAMPLE_ROWS, served[0], served[1], 3 * 7 * YEARS);

      // Field values: the distinct values of a category field, at most 1,000.
      String values = "-- Metabase\nSELECT \"statbank\".\"05810\".\"Alder\" AS \"Alder\" "
          + "FROM \"statbank\".\"05810\" GROUP BY \"statbank\".\"05810\".\"Alder\" "
          + "ORDER BY \"statbank\".\"05810\".\"Alder\" ASC LIMIT 1000";
      try (PreparedStatement ps = c.prepareStatement(values); ResultSet rs = ps.executeQuery()) {
        List<List<String>> rows = ServerFixture.rows(rs);
        assertEquals(7, rows.size());
        assertEquals(direct(values), rows);
      }
    }
  }

  /** Data requests served since the last reset, and the cells they carried. */
  private static long[] servedData() throws Exception {
    ObjectMapper json = new ObjectMapper();
    long requests = 0;
    long cells = 0;
    for (ServeEvent e : api.getAllServeEvents()) {
      if (e.getRequest().getUrl().contains("/data")) {
        requests++;
        long n = 1;
        for (JsonNode size : json.readTree(e.getResponse().getBodyAsString()).path("size")) {
          n *= size.asLong();
        }
        cells += n;
      }
    }
    return new long[] {requests, cells};
  }

  private static List<List<String>> direct(String sql) throws Exception {
    try (Connection c = new io.pxweb.jdbc.PxWebDriver().connect(api.jdbcUrl(), new Properties());
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      return ServerFixture.rows(rs);
    }
  }
}
