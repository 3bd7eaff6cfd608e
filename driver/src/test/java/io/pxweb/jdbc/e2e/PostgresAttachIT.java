package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.pxweb.jdbc.e2e.Sql.normalize;
import static io.pxweb.jdbc.e2e.Sql.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pxweb.jdbc.testserver.PxWebTestServer;
import io.pxweb.jdbc.testserver.TestTable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real PostgreSQL server attached as a schema and joined with a statbank table. {@code .ci/run}
 * starts the server on loopback ({@code .ci/postgres.sh}) and passes its URL in
 * {@code PXWEB_PG_URL}; without it the test is skipped.
 */
class PostgresAttachIT {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  @Test
  void joinsAPostgresTableAndFetchesOnlyItsCodes() throws SQLException {
    String pg = System.getenv("PXWEB_PG_URL");
    assumeTrue(pg != null && !pg.isBlank(), "PXWEB_PG_URL not set: no PostgreSQL to attach");
    try (Connection c = DriverManager.getConnection(pg); Statement s = c.createStatement()) {
      s.execute("drop schema if exists crm cascade");
      s.execute("create schema crm");
      s.execute("create table crm.customers (country varchar(2) primary key, customers int)");
      s.execute("insert into crm.customers values ('DK', 40), ('FI', 12), ('ZZ', 1)");
    }
    Properties info = new Properties();
    info.setProperty("attach.crm.url", pg);
    // The host allows this database (attached databases are off otherwise), through the
    // system property as a deployment would.
    System.setProperty(io.pxweb.jdbc.AttachPolicy.PROPERTY, pg);
    try {
      query(info);
    } finally {
      System.clearProperty(io.pxweb.jdbc.AttachPolicy.PROPERTY);
    }
  }

  private static void query(Properties info) throws SQLException {
    info.setProperty("attach.crm.schema", "crm");
    String sql = "select c.country, c.customers, t.HNMGA from crm.customers c"
        + " join statbank.\"TAB001\" t on t.REGION = c.country"
        + " where t.SEX = 'F' and t.AGE = 'TOTAL' and t.\"TIME\" = '1991' order by c.country";
    TestTable tab001 = server.table("TAB001");
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(), info)) {
      assertEquals(normalize(List.of(
              row("DK", 40, tab001.value("DK", "F", "TOTAL", "HNMGA", "1991")),
              row("FI", 12, tab001.value("FI", "F", "TOTAL", "HNMGA", "1991")))),
          normalize(Sql.rows(c, sql)));
      assertTrue(Sql.explain(c, sql).contains("PxKeyedScan("));
    }
    List<LoggedRequest> data = server.findAll(anyRequestedFor(
        urlPathEqualTo("/api/v2/tables/TAB001/data")));
    assertEquals("DK,FI", data.get(data.size() - 1).queryParameter("valueCodes[REGION]").firstValue());
  }
}
