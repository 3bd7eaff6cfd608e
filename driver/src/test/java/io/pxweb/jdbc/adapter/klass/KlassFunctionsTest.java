package io.pxweb.jdbc.adapter.klass;

import io.pxweb.jdbc.klass.KlassSettings;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.pxweb.jdbc.adapter.klass.KlassSql.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.klasstestserver.KlassTestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The table functions of schema {@code klass}: rows, plan (the call with its arguments) and
 * the exact request of each.
 */
class KlassFunctionsTest {
  @RegisterExtension
  static KlassTestServer klass = KlassTestServer.create();

  private static final String API = KlassTestServer.PREFIX + "/classifications/";

  private Connection connection;

  @BeforeEach
  void connect() throws SQLException {
    connection = KlassSql.connect(KlassSchema.create(
        KlassSettings.of(klass.baseUrl(), "no"), Set.of()));
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  private static void assertRequests(String... urls) {
    assertEquals(List.of(urls), klass.findAll(anyRequestedFor(anyUrl())).stream()
        .map(r -> r.getUrl()).toList());
  }

  private String plan(String sql) throws SQLException {
    String plan = KlassSql.explain(connection, sql);
    assertRequests();
    return plan;
  }

  @Test
  void codesAtIsTheClassificationOnOneDay() throws SQLException {
    String sql = "select * from table(klass.codes_at(131, date '2019-06-01')) order by code";
    String plan = plan(sql);
    assertTrue(plan.contains("EnumerableTableFunctionScan(invocation=[codes_at(131,"
        + " 2019-06-01)]"), plan);
    assertEquals(List.of("code", "parent_code", "level", "name", "short_name",
        "presentation_name", "notes"), KlassSql.columns(connection, sql));
    klass.resetRequests();
    assertEquals(List.of(
        row("0101", null, 1, "Halden", null, null, null),
        row("0104", null, 1, "Moss", null, null, null),
        row("0301", null, 1, "Oslo", null, null, null),
        row("1515", null, 1, "Herøy", null, null, null),
        row("1825", null, 1, "Grane", null, null, null),
        row("1826", null, 1, "Hattfjelldal", null, null, null)),
        KlassSql.rows(connection, sql));
    assertRequests(API + "131/codesAt?date=2019-06-01&language=nb");
  }

  @Test
  void codesAtTheGuidesExample() throws SQLException {
    assertEquals(List.of(row("03", "Oslo"), row("11", "Rogaland"), row("15", "Møre og Romsdal"),
        row("18", "Nordland - Nordlánnda"), row("30", "Viken")),
        KlassSql.rows(connection, "select code, name from table(klass.codes_at(104,"
            + " date '2020-01-01')) order by code"));
    assertRequests(API + "104/codesAt?date=2020-01-01&language=nb");
  }

  @Test
  void argumentsMayBeStatementParameters() throws SQLException {
    try (PreparedStatement p = connection.prepareStatement(
        "select name from table(klass.codes_at(?, ?)) where code = '1826'")) {
      p.setInt(1, 131);
      p.setDate(2, java.sql.Date.valueOf("2020-01-01"));
      try (ResultSet rs = p.executeQuery()) {
        assertTrue(rs.next());
        assertEquals("Aarborte - Hattfjelldal", rs.getString(1));
      }
    }
    assertRequests(API + "131/codesAt?date=2020-01-01&language=nb");
  }

  @Test
  void variantAtReadsANamedVariant() throws SQLException {
    String sql = "select code, level, name from table(klass.variant_at(84, 'Klimagasser',"
        + " date '2015-01-01')) order by code";
    String plan = plan(sql);
    assertTrue(plan.contains("invocation=[variant_at(84, 'Klimagasser', 2015-01-01)]"), plan);
    assertEquals(List.of(row("01", 1, "CO2 - karbondioksid"), row("02", 1, "CH4 - metan"),
        row("03", 1, "N2O - lystgass"), row("04", 1, "Fluorgasser"),
        row("04.1", 2, "HFK - hydrofluorkarboner")), KlassSql.rows(connection, sql));
    assertRequests(API + "84/variantAt?variantName=Klimagasser&date=2015-01-01&language=nb");
  }

  @Test
  void unknownVariantIsNoSuchTable() {
    SQLException e = KlassSql.cause(assertThrows(SQLException.class, () -> KlassSql.rows(
        connection, "select * from table(klass.variant_at(84, 'Ukjent', date '2015-01-01'))")));
    assertEquals("42S02", e.getSQLState());
    assertTrue(e.getMessage().startsWith("Klass has no variant 'Ukjent' of classification 84:"
        + " No variant named 'Ukjent' in classification 84 (HTTP 404"), e.getMessage());
  }

  @Test
  void correspondsAtPairsTheCodesOfTwoClassifications() throws SQLException {
    String sql = "select source_code, source_name, target_code, target_name"
        + " from table(klass.corresponds_at(131, 103, date '2018-01-01'))"
        + " order by target_code";
    String plan = plan(sql);
    assertTrue(plan.contains("invocation=[corresponds_at(131, 103, 2018-01-01)]"), plan);
    assertEquals(List.of(row("0301", "Oslo", "030101", "Gamle Oslo"),
        row("0301", "Oslo", "030103", "Sagene"), row("0301", "Oslo", "030105", "Frogner"),
        row("1201", "Bergen", "120101", "Arna"), row("1201", "Bergen", "120102", "Bergenhus")),
        KlassSql.rows(connection, sql));
    assertRequests(API + "131/correspondsAt?targetClassificationId=103&date=2018-01-01"
        + "&language=nb");
  }

  @Test
  void correspondenceThatKlassLacksIsNoSuchTable() {
    SQLException e = KlassSql.cause(assertThrows(SQLException.class, () -> KlassSql.rows(
        connection, "select * from table(klass.corresponds_at(131, 103, date '2017-01-01'))")));
    assertEquals("42S02", e.getSQLState());
    assertTrue(e.getMessage().startsWith("Klass has no correspondence from classification 131"
        + " to 103 at 2017-01-01: No correspondence table found"), e.getMessage());
  }

  @Test
  void changesListsOldAndNewCodes() throws SQLException {
    String sql = "select * from table(klass.changes(131, date '2019-01-01', date '2021-01-01'))"
        + " order by old_code";
    String plan = plan(sql);
    assertTrue(plan.contains("invocation=[changes(131, 2019-01-01, 2021-01-01)]"), plan);
    LocalDate day = LocalDate.of(2020, 1, 1);
    assertEquals(List.of(
        row("0101", "Halden", null, "3001", "Halden", null, day),
        row("0104", "Moss", null, "3002", "Moss", null, day),
        row("1515", "Herøy", null, "1515", "Herøy (Møre og Romsdal)", null, day),
        row("1826", "Hattfjelldal", null, "1826", "Aarborte - Hattfjelldal", null, day)),
        KlassSql.rows(connection, sql));
    assertRequests(API + "131/changes?from=2019-01-01&to=2021-01-01&language=nb");
  }

  @Test
  void changesWithoutAnEndRunToToday() throws SQLException {
    assertEquals(List.of(), KlassSql.rows(connection,
        "select * from table(klass.changes(131, date '2021-01-01'))"));
    assertRequests(API + "131/changes?from=2021-01-01&language=nb");
  }

  @Test
  void rejectedArgumentsAreInvalidValues() {
    SQLException e = KlassSql.cause(assertThrows(SQLException.class, () -> KlassSql.rows(
        connection, "select * from table(klass.changes(131, date '2021-01-01',"
            + " date '2020-01-01'))")));
    assertEquals("22023", e.getSQLState());
    assertTrue(e.getMessage().startsWith("Klass rejected the request for classification 131:"
        + " 'from' must be before 'to' (HTTP 400"), e.getMessage());
  }

  @Test
  void nullArgumentsAreRejectedBeforeAnyRequest() throws SQLException {
    try (PreparedStatement p = connection.prepareStatement(
        "select * from table(klass.codes_at(131, ?))")) {
      p.setNull(1, java.sql.Types.DATE);
      SQLException e = KlassSql.cause(assertThrows(SQLException.class, p::executeQuery));
      assertEquals("22004", e.getSQLState());
    }
    assertRequests();
  }

  @Test
  void datesMustBeDates() {
    SQLException e = assertThrows(SQLException.class, () -> KlassSql.rows(connection,
        "select * from table(klass.codes_at(131, 20200101))"));
    assertTrue(String.valueOf(e.getMessage()).contains("No match found for function signature codes_at"),
        e.getMessage());
    assertRequests();
  }

  @Test
  void aDateInTextIsADate() throws SQLException {
    assertEquals(5, KlassSql.rows(connection,
        "select * from table(klass.codes_at(104, '2020-01-01'))").size());
    assertRequests(API + "104/codesAt?date=2020-01-01&language=nb");
  }

  @Test
  void functionsAreListedInTheSchema() throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = connection.getMetaData().getFunctions(null, "klass", "%")) {
      while (rs.next()) {
        names.add(rs.getString("FUNCTION_NAME"));
      }
    }
    assertEquals(List.of("changes", "codes_at", "corresponds_at", "variant_at"),
        names.stream().sorted().toList());
  }
}
