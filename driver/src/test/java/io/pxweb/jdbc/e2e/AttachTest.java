package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.pxweb.jdbc.e2e.Sql.normalize;
import static io.pxweb.jdbc.e2e.Sql.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pxweb.jdbc.AttachPolicy;
import io.pxweb.jdbc.testserver.PxWebTestServer;
import io.pxweb.jdbc.testserver.TestTable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An internal database (H2, embedded) attached as a schema and joined with statbank tables. */
class AttachTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  private static final String H2 = "jdbc:h2:mem:crm;DB_CLOSE_DELAY=-1";

  @BeforeAll
  static void createInternalDatabase() throws SQLException {
    // Attached databases are off unless the host allows them (AttachPolicy).
    AttachPolicy.allow(H2);
    try (Connection c = DriverManager.getConnection(H2, "sa", "s3cret");
        Statement s = c.createStatement()) {
      s.execute("create table customers (country varchar(2) primary key, customers int)");
      s.execute("insert into customers values ('NO', 120), ('SE', 80), ('IS', 7), ('XX', 5)");
      s.execute("create table cities (city varchar(20) primary key, country varchar(2))");
      s.execute("insert into cities values ('Rīga', 'LV'), ('Москва', 'RU'), ('Oslo', 'NO')");
    }
  }

  @AfterAll
  static void withdraw() {
    AttachPolicy.clear();
  }

  @BeforeEach
  void reset() {
    server.resetRequests();
  }

  private static String url() {
    return server.jdbcUrl() + ";attach.crm.url={" + H2 + "};attach.crm.user=sa"
        + ";attach.crm.password=s3cret;attach.crm.schema=PUBLIC";
  }

  @Test
  void statbankFiguresJoinTheUsersOwnRows() throws SQLException {
    String sql = "select c.country, c.customers, t.REGION_label, t.HNMGA"
        + " from crm.customers c join statbank.\"TAB001\" t on t.REGION = c.country"
        + " where t.SEX = 'T' and t.AGE = 'TOTAL' and t.\"TIME\" = '2001' order by c.country";
    TestTable tab001 = server.table("TAB001");
    List<List<Object>> expected = new ArrayList<>();
    for (Object[] c : new Object[][] {{"IS", 7}, {"NO", 120}, {"SE", 80}}) {
      String code = (String) c[0];
      expected.add(row(code, c[1], tab001.variable("REGION").valueLabel(code),
          tab001.value(code, "T", "TOTAL", "HNMGA", "2001")));
    }
    try (Connection c = DriverManager.getConnection(url())) {
      assertEquals(normalize(expected), normalize(Sql.rows(c, sql)));
      String plan = Sql.explain(c, sql);
      assertTrue(plan.contains("JdbcTableScan(table=[[crm, CUSTOMERS]])"), plan);
      // Semi-join reduction: the scan takes its REGION codes from the customers' countries.
      assertTrue(plan.contains("PxKeyedScan(") && plan.contains("keysFrom=[input -> REGION]"),
          plan);
    }
    List<LoggedRequest> data = server.findAll(anyRequestedFor(
        urlPathEqualTo("/api/v2/tables/TAB001/data")));
    assertEquals(1, data.size());
    // Only the codes the customers have (XX is no code of the table, so it is not sent).
    assertEquals("IS,NO,SE", data.get(0).queryParameter("valueCodes[REGION]").firstValue());
    assertEquals("T", data.get(0).queryParameter("valueCodes[SEX]").firstValue());
  }

  /**
   * The attached database's text columns compare with the driver's Unicode literals, and a
   * filter with a literal in any alphabet runs in the database (H2 gets plain SQL literals).
   */
  @Test
  void unicodeLiteralsFilterAttachedTables() throws SQLException {
    String sql = "select city, country from crm.cities where city in ('Rīga', 'Москва')"
        + " or country = 'NO' order by country";
    try (Connection c = DriverManager.getConnection(url())) {
      assertEquals(List.of(row("Oslo", "NO"), row("Rīga", "LV"), row("Москва", "RU")).stream()
          .sorted(Sql::compare).toList(), Sql.rows(c, sql).stream().sorted(Sql::compare).toList());
      String plan = Sql.explain(c, sql);
      assertTrue(plan.contains("JdbcFilter("), plan);
    }
  }

  @Test
  void attachedPasswordsNeverShow() {
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
        server.jdbcUrl() + ";attach.statbank.url={" + H2 + "};attach.statbank.password=s3cret"));
    assertTrue(e.getMessage().contains("statbank"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    assertEquals("42000", e.getSQLState());
  }
}
