package io.pxweb.jdbc.adapter.klass;

import io.pxweb.jdbc.klass.KlassSettings;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.pxweb.jdbc.adapter.klass.KlassSql.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.klasstestserver.CodeVersion;
import io.pxweb.jdbc.klasstestserver.KlassTestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tables of schema {@code klass}: each test checks the rows, the plan (EXPLAIN shows what
 * goes to Klass) and the exact requests sent.
 */
class KlassTablesTest {
  @RegisterExtension
  static KlassTestServer klass = KlassTestServer.create();

  private static final String CODES_131 = KlassTestServer.PREFIX + "/classifications/131/codes";

  private Connection connection;

  @BeforeEach
  void connect() throws SQLException {
    connection = KlassSql.connect(KlassSchema.create(settings("no"), Set.of("131", "17")));
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  private KlassSettings settings(String lang) {
    return KlassSettings.of(klass.baseUrl(), lang)
        .withRetries(3, Duration.ofMillis(10), Duration.ofSeconds(10));
  }

  /** Runs EXPLAIN, then forgets its requests (there should be none). */
  private String plan(String sql) throws SQLException {
    String plan = KlassSql.explain(connection, sql);
    assertEquals(0, klass.findAll(anyRequestedFor(anyUrl())).size(), "EXPLAIN sent requests");
    return plan;
  }

  /** Asserts that exactly these URLs (path and query) were requested, in this order. */
  private static void assertRequests(String... urls) {
    List<String> sent = klass.findAll(anyRequestedFor(anyUrl())).stream()
        .map(r -> r.getUrl()).toList();
    assertEquals(List.of(urls), sent);
  }

  /** The rows a code table must have, computed from the fixture rather than written out. */
  private static List<List<Object>> history(String id) {
    List<List<Object>> rows = new ArrayList<>();
    klass.fixtures().history(id).stream()
        .sorted(Comparator.comparing(CodeVersion::code).thenComparing(CodeVersion::validFrom))
        .forEach(v -> rows.add(row(v.code(), v.parentCode(), Integer.valueOf(v.level()),
            v.name(), null, null, v.validFrom(), v.validTo(), null)));
    return rows;
  }

  @Test
  void wholeHistoryIsOneRequestOverAnOpenRange() throws SQLException {
    String sql = "select * from klass.\"131\" order by code, valid_from";
    String plan = plan(sql);
    assertTrue(plan.contains("KlassScan(table=[[klass, 131]])"), plan);
    assertEquals(history("131"), KlassSql.rows(connection, sql));
    assertRequests(CODES_131 + "?from=1800-01-01&language=nb");
    assertEquals(List.of("code", "parent_code", "level", "name", "short_name",
        "presentation_name", "valid_from", "valid_to", "notes"),
        KlassSql.columns(connection, sql));
  }

  @Test
  void everyNameOfACodeIsARowWithItsValidity() throws SQLException {
    List<List<Object>> rows = KlassSql.rows(connection,
        "select code, name, valid_from, valid_to from klass.\"131\" where code = '1826'"
            + " order by valid_from");
    assertEquals(List.of(
        row("1826", "Hattfjelldal", LocalDate.of(2012, 1, 1), LocalDate.of(2020, 1, 1)),
        row("1826", "Aarborte - Hattfjelldal", LocalDate.of(2020, 1, 1), null)), rows);
  }

  @Test
  void codeEqualityAndInGoToSelectCodes() throws SQLException {
    String sql = "select code, name from klass.\"131\" where code in ('1515', '1826')"
        + " order by code, valid_from";
    String plan = plan(sql);
    assertTrue(plan.contains("KlassScan(table=[[klass, 131]], selectCodes=[1515,1826])"), plan);
    assertFalse(plan.contains("$condition"), plan);
    assertEquals(List.of(row("1515", "Herøy"), row("1515", "Herøy (Møre og Romsdal)"),
        row("1826", "Hattfjelldal"), row("1826", "Aarborte - Hattfjelldal")),
        KlassSql.rows(connection, sql));
    assertRequests(CODES_131 + "?from=1800-01-01&selectCodes=1515%2C1826&language=nb");
  }

  /** One-column and no-column rows survive a parent sort, limit or aggregate. */
  @Test
  void everyRowShapeComesOutRight() throws SQLException {
    assertEquals(List.of(row("1826")), KlassSql.rows(connection,
        "select code from klass.\"131\" where code in ('1515', '1826')"
            + " order by code desc fetch first 1 rows only"));
    assertEquals(List.of(row(3L)), KlassSql.rows(connection,
        "select count(*) from (select * from klass.\"131\" limit 3) x"));
    assertEquals(List.of(row("1515"), row("1826")), KlassSql.rows(connection,
        "select distinct code from klass.\"131\" where code in ('1515', '1826') order by 1"));
  }

  @Test
  void prefixLikeGoesToSelectCodesAsWildcard() throws SQLException {
    String sql = "select code from klass.\"131\" where code like '300%' or code = '0301'";
    String plan = plan(sql);
    assertTrue(plan.contains("selectCodes=[300*,0301]"), plan);
    assertEquals(List.of(row("0301"), row("3001"), row("3002"), row("3003"), row("3004"),
        row("3005"), row("3006"), row("3007")),
        KlassSql.rows(connection, sql + " order by code"));
    assertRequests(CODES_131 + "?from=1800-01-01&selectCodes=300*%2C0301&language=nb");
  }

  @Test
  void levelGoesToSelectLevel() throws SQLException {
    String sql = "select code, parent_code, level, name from klass.\"17\" where level = 2"
        + " order by code";
    String plan = plan(sql);
    assertTrue(plan.contains("KlassScan(table=[[klass, 17]], selectLevel=[2])"), plan);
    assertEquals(List.of(row("A_", "A", 2, "Enpersonfamilie"),
        row("BA", "B", 2, "Ektepar med barn (yngste barn 0-17 år)"),
        row("BB", "B", 2, "Ektepar uten barn 0-17 år")), KlassSql.rows(connection, sql));
    assertRequests(KlassTestServer.PREFIX
        + "/classifications/17/codes?from=1800-01-01&selectLevel=2&language=nb");
  }

  @Test
  void codeAndLevelGoTogether() throws SQLException {
    String sql = "select code from klass.\"17\" where level = 2 and code like 'B%'"
        + " order by code";
    String plan = plan(sql);
    assertTrue(plan.contains("selectCodes=[B*], selectLevel=[2]"), plan);
    assertEquals(List.of(row("BA"), row("BB")), KlassSql.rows(connection, sql));
    assertRequests(KlassTestServer.PREFIX
        + "/classifications/17/codes?from=1800-01-01&selectCodes=B*&selectLevel=2&language=nb");
  }

  @Test
  void conditionsKlassCannotTakeStayInCalcite() throws SQLException {
    // Ranges, suffixes, codes with Klass's range syntax, ORs across columns: not pushed.
    for (String where : List.of("code > '3000' and code < '3003'", "code like '%01'",
        "code = '30-01' or code = '3001'", "code = '0101' or name = 'Moss'",
        "level in (1, 2) and name like 'Halden%'")) {
      String sql = "select code, name from klass.\"131\" where " + where;
      String plan = plan(sql);
      assertTrue(plan.contains("KlassScan(table=[[klass, 131]])"), where + "\n" + plan);
      assertTrue(plan.contains("$condition"), where + "\n" + plan);
      klass.resetRequests();
      List<List<Object>> rows = KlassSql.rows(connection, sql + " order by code, valid_from");
      assertFalse(rows.isEmpty(), where);
      assertRequests(CODES_131 + "?from=1800-01-01&language=nb");
      klass.resetRequests();
    }
  }

  @Test
  void statementParametersAreNotPushed() throws SQLException {
    String sql = "select name from klass.\"131\" where code = ? order by valid_from";
    String plan = plan(sql.replace("?", "cast(? as varchar)"));
    assertTrue(plan.contains("KlassScan(table=[[klass, 131]])"), plan);
    try (java.sql.PreparedStatement p = connection.prepareStatement(sql)) {
      p.setString(1, "1515");
      List<String> names = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      assertEquals(List.of("Herøy", "Herøy (Møre og Romsdal)"), names);
    }
    assertRequests(CODES_131 + "?from=1800-01-01&language=nb");
  }

  @Test
  void aSecondConditionOnCodeIsAppliedByCalcite() throws SQLException {
    String sql = "select code from klass.\"131\" where code like '30%' and code <> '3001'"
        + " order by code";
    String plan = plan(sql);
    assertTrue(plan.contains("selectCodes=[30*]"), plan);
    assertTrue(plan.contains("$condition"), plan);
    assertEquals(List.of(row("3002"), row("3003"), row("3004"), row("3005"), row("3006"),
        row("3007")), KlassSql.rows(connection, sql));
    assertRequests(CODES_131 + "?from=1800-01-01&selectCodes=30*&language=nb");
  }

  @Test
  void anyIdIsATableButOnlyListedOnesAreListed() throws SQLException {
    List<List<Object>> rows = KlassSql.rows(connection,
        "select code, name from klass.\"104\" order by code");
    assertEquals(5, rows.size());
    assertEquals(row("03", "Oslo"), rows.get(0));
    List<String> listed = new ArrayList<>();
    try (ResultSet rs = connection.getMetaData().getTables(null, "klass", "%", null)) {
      while (rs.next()) {
        listed.add(rs.getString("TABLE_NAME"));
      }
    }
    assertEquals(List.of("131", "17", "classifications"), listed.stream().sorted().toList());
  }

  @Test
  void listedIdsMayGrow() throws SQLException {
    Set<String> ids = new java.util.concurrent.CopyOnWriteArraySet<>(List.of("131"));
    for (boolean cachingRoot : new boolean[] {false, true}) {
      ids.retainAll(Set.of("131"));
      KlassSchema schema = KlassSchema.create(settings("no"), () -> ids);
      try (Connection c = cachingRoot ? KlassSql.connectDefault(schema)
          : KlassSql.connect(schema)) {
        if (cachingRoot) {
          // DatabaseMetaData reads the connection's own schema, whose name cache would keep
          // the first listing; as the driver does for its statbank schemas, create the
          // lookup, then turn its cache off (Calcite 1.42 would create a new one cached).
          SchemaPlus plus = c.unwrap(CalciteConnection.class).getRootSchema()
              .getSubSchema(KlassSchema.NAME);
          plus.getTableNames();
          plus.setCacheEnabled(false);
        }
        assertEquals(List.of("131", "classifications"), tables(c));
        ids.add("17");
        ids.add("not an id");
        assertEquals(List.of("131", "17", "classifications"), tables(c), "caching root: "
            + cachingRoot);
        assertEquals(5, KlassSql.rows(c, "select * from klass.\"17\"").size());
      }
    }
  }

  private static List<String> tables(Connection c) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getTables(null, "klass", "%", null)) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
    }
    return names.stream().sorted().toList();
  }

  @Test
  void calcitesCachingRootSeesListedIdsOnly() throws SQLException {
    try (Connection plain = KlassSql.connectDefault(
        KlassSchema.create(settings("no"), Set.of("131")))) {
      assertEquals(19, KlassSql.rows(plain, "select * from klass.\"131\"").size());
      String sql = "select code from klass.\"104\"";
      SQLException e = assertThrows(SQLException.class, () -> KlassSql.rows(plain, sql));
      assertTrue(String.valueOf(e.getMessage()).contains(
          "Object '104' not found within 'klass'"), e.getMessage());
      assertEquals(List.of(CODES_131 + "?from=1800-01-01&language=nb"),
          klass.findAll(anyRequestedFor(anyUrl())).stream().map(r -> r.getUrl()).toList());
    }
  }

  @Test
  void unknownClassificationIsNoSuchTable() {
    SQLException e = KlassSql.cause(assertThrows(SQLException.class,
        () -> KlassSql.rows(connection, "select * from klass.\"99999\"")));
    assertEquals("42S02", e.getSQLState());
    assertTrue(e.getMessage().startsWith("Klass has no classification 99999:"
        + " Classification not found with id = 99999 (HTTP 404, GET http://localhost:"),
        e.getMessage());
    assertRequests(KlassTestServer.PREFIX
        + "/classifications/99999/codes?from=1800-01-01&language=nb");
  }

  @Test
  void transientFailuresAreRetried() throws SQLException {
    klass.failNext("/classifications/131/codes", 2, aResponse().withStatus(503)
        .withHeader("Content-Type", "text/plain").withBody("Service Unavailable"));
    assertEquals(19, KlassSql.rows(connection, "select * from klass.\"131\"").size());
    String url = CODES_131 + "?from=1800-01-01&language=nb";
    assertRequests(url, url, url);
  }

  @Test
  void persistentFailureIsReportedWithItsAttempts() {
    klass.respondTo("/classifications/131/codes", aResponse().withStatus(503));
    SQLException e = KlassSql.cause(assertThrows(SQLException.class,
        () -> KlassSql.rows(connection, "select * from klass.\"131\"")));
    assertEquals("08006", e.getSQLState());
    assertTrue(e.getMessage().startsWith("Klass is unavailable (HTTP 503"), e.getMessage());
    assertTrue(e.getMessage().endsWith("[gave up after 3 attempts]"), e.getMessage());
  }

  @Test
  void answerThatIsNotJsonIsRejected() {
    klass.respondTo("/classifications/131/codes", aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html").withBody("<html>maintenance</html>"));
    SQLException e = KlassSql.cause(assertThrows(SQLException.class,
        () -> KlassSql.rows(connection, "select * from klass.\"131\"")));
    assertEquals("08P01", e.getSQLState());
    assertTrue(e.getMessage().contains("expected JSON, got content type 'text/html'"),
        e.getMessage());
  }

  @Test
  void classificationsAreListedPageByPage() throws SQLException {
    try (Connection c = KlassSql.connect(
        KlassSchema.create(settings("no").withPageSize(2), Set.of()))) {
      String sql = "select id, name, classification_type, last_modified, search"
          + " from klass.classifications";
      String plan = KlassSql.explain(c, sql);
      assertTrue(plan.contains("KlassScan(table=[[klass, classifications]])"), plan);
      assertEquals(List.of(
          row(131, "Standard for kommuneinndeling", "Klassifikasjon",
              java.sql.Timestamp.valueOf(LocalDateTime.of(2025, 11, 19, 8, 35, 2, 254_000_000)),
              null),
          row(103, "Standard for bydelsinndeling", "Klassifikasjon",
              java.sql.Timestamp.valueOf(LocalDateTime.of(2025, 11, 19, 8, 35, 2, 255_000_000)),
              null),
          row(17, "Standard for gruppering av familier", "Klassifikasjon",
              java.sql.Timestamp.valueOf(LocalDateTime.of(2025, 11, 19, 8, 35, 2, 255_000_000)),
              null)), KlassSql.rows(c, sql));
      String list = KlassTestServer.PREFIX + "/classifications?includeCodelists=true";
      assertRequests(list + "&page=0&size=2", list + "&page=1&size=2");
    }
  }

  @Test
  void searchGoesToKlassSearch() throws SQLException {
    String sql = "select id, name, search, snippet, search_score from klass.classifications"
        + " where search = 'kommuner'";
    String plan = plan(sql);
    assertTrue(plan.contains("KlassScan(table=[[klass, classifications]], search=[kommuner])"),
        plan);
    assertFalse(plan.contains("$condition"), plan);
    assertEquals(List.of(row(131, "Standard for kommuneinndeling", "kommuner",
        "Kommuneinndelingen er en administrativ inndeling av Norge", 8.0)),
        KlassSql.rows(connection, sql));
    assertRequests(KlassTestServer.PREFIX
        + "/classifications/search?query=kommuner&includeCodelists=true&page=0&size=1000");
  }

  @Test
  void nameLikeIsNotASearch() throws SQLException {
    // Klass's search matches words anywhere in a classification, not LIKE on its name.
    String sql = "select id from klass.classifications where name like '%familier%'";
    String plan = plan(sql);
    assertTrue(plan.contains("KlassScan(table=[[klass, classifications]])"), plan);
    assertEquals(List.of(row(17)), KlassSql.rows(connection, sql));
    assertRequests(KlassTestServer.PREFIX
        + "/classifications?includeCodelists=true&page=0&size=1000");
  }

  @Test
  void theConnectionLanguageChoosesKlasssLanguage() throws SQLException {
    for (String[] lang : new String[][] {{"en", "en"}, {"nn", "nn"}, {"no", "nb"},
        {"sv", "nb"}, {null, "nb"}}) {
      klass.resetRequests();
      try (Connection c = KlassSql.connect(KlassSchema.create(settings(lang[0]), Set.of()))) {
        KlassSql.rows(c, "select * from klass.\"104\"");
      }
      klass.verify(1, getRequestedFor(urlEqualTo(KlassTestServer.PREFIX
          + "/classifications/104/codes?from=1800-01-01&language=" + lang[1])));
    }
  }
}
