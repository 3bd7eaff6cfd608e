package io.pxweb.jdbc.e2e;

import static io.pxweb.jdbc.e2e.Sql.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.klasstestserver.KlassTestServer;
import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The klass schema on a jdbc:pxweb connection, next to statbank tables and attached data. */
class KlassDriverTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  @RegisterExtension
  static KlassTestServer klass = KlassTestServer.create();

  private static final String H2 = "jdbc:h2:mem:regional;DB_CLOSE_DELAY=-1";

  @BeforeAll
  static void figures() throws SQLException {
    // Attached databases are off unless the host allows them (AttachPolicy).
    io.pxweb.jdbc.AttachPolicy.allow(H2);
    try (Connection c = DriverManager.getConnection(H2, "sa", "");
        Statement s = c.createStatement()) {
      s.execute("create table pop (region varchar(4), year_start date, persons int)");
      s.execute("insert into pop values ('1826', DATE '2019-01-01', 1400),"
          + " ('1826', DATE '2020-01-01', 1390), ('0101', DATE '2019-01-01', 31000),"
          + " ('3001', DATE '2020-01-01', 31200)");
    }
  }

  @org.junit.jupiter.api.AfterAll
  static void withdraw() {
    io.pxweb.jdbc.AttachPolicy.clear();
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl() + ";metadataTtl=0;klassUrl="
        + klass.baseUrl() + ";attach.reg.url={" + H2 + "};attach.reg.user=sa");
  }

  @Test
  void codesAreNamedAsTheyWereNamedAtEachDate() throws SQLException {
    String sql = "select p.region, p.year_start, k.name, p.persons from reg.pop p"
        + " join klass.\"131\" k on k.code = p.region and p.year_start >= k.valid_from"
        + " and (k.valid_to is null or p.year_start < k.valid_to)"
        + " order by p.region, p.year_start";
    try (Connection c = connect()) {
      assertEquals(List.of(
              row("0101", LocalDate.of(2019, 1, 1), "Halden", 31000),
              row("1826", LocalDate.of(2019, 1, 1), "Hattfjelldal", 1400),
              row("1826", LocalDate.of(2020, 1, 1), "Aarborte - Hattfjelldal", 1390),
              row("3001", LocalDate.of(2020, 1, 1), "Halden", 31200)),
          Sql.rows(c, sql));
    }
  }

  @Test
  void statbankLinksPointAtKlassTablesThatTheCatalogThenLists() throws SQLException {
    try (Connection c = connect()) {
      // Reading 05810's columns shows its link to classification 2 (gender).
      try (ResultSet rs = c.getMetaData().getImportedKeys(null, "statbank", "05810")) {
        assertTrue(rs.next());
        assertEquals("klass", rs.getString("PKTABLE_SCHEM"));
        assertEquals("2", rs.getString("PKTABLE_NAME"));
      }
      List<String> listed = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, "klass", "%", null)) {
        while (rs.next()) {
          listed.add(rs.getString("TABLE_NAME"));
        }
      }
      assertTrue(listed.contains("classifications") && listed.contains("2"), listed.toString());
      // Any other id is a table when named, and stays unlisted.
      assertFalse(Sql.rows(c, "select code from klass.\"131\"").isEmpty());
      try (ResultSet rs = c.getMetaData().getTables(null, "klass", "131", null)) {
        assertFalse(rs.next());
      }
    }
  }
}
