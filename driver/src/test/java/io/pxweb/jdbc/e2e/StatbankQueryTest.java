package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.pxweb.jdbc.e2e.Sql.normalize;
import static io.pxweb.jdbc.e2e.Sql.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pxweb.jdbc.testserver.Cell;
import io.pxweb.jdbc.testserver.PxWebTestServer;
import io.pxweb.jdbc.testserver.TestTable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** End-to-end SQL over the PxWeb test server: rows, requests, and errors. */
class StatbankQueryTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).pageSize(20).build();

  private static final String DATA = "/api/v2/tables/%s/data";

  @BeforeEach
  void reset() {
    server.resetRequests();
  }

  /** Connects without the JVM-wide metadata cache, so each test sees its own requests. */
  private Connection connect(String extra) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl() + ";metadataTtl=0" + extra);
  }

  private List<LoggedRequest> dataRequests(String table) {
    return server.findAll(getRequestedFor(urlPathEqualTo(String.format(DATA, table))));
  }

  /** Expected full-cube rows of TAB001 (REGION, SEX, AGE, ContentsCode, TIME) for given filters. */
  private static List<List<Object>> expectedTab001(List<String> regions, List<String> sexes) {
    TestTable t = server.table("TAB001");
    List<List<Object>> rows = new ArrayList<>();
    for (String region : t.valueCodes("REGION")) {
      if (regions != null && !regions.contains(region)) {
        continue;
      }
      for (String sex : t.valueCodes("SEX")) {
        if (sexes != null && !sexes.contains(sex)) {
          continue;
        }
        for (String age : t.valueCodes("AGE")) {
          for (String time : t.valueCodes("TIME")) {
            Cell cell = t.cell(region, sex, age, "HNMGA", time);
            rows.add(row(region, t.variable("REGION").valueLabel(region), sex,
                t.variable("SEX").valueLabel(sex), age, t.variable("AGE").valueLabel(age), time,
                t.variable("TIME").valueLabel(time), LocalDate.of(Integer.parseInt(time), 1, 1),
                cell.value(), cell.status()));
          }
        }
      }
    }
    return rows;
  }

  @Test
  void openingAConnectionReadsConfigAndTableListOnly() throws SQLException {
    try (Connection c = connect("")) {
      assertEquals("statbank", c.getSchema());
    }
    server.verify(exactly(1), getRequestedFor(urlPathEqualTo("/api/v2/config")));
    server.verify(exactly(1), getRequestedFor(urlPathEqualTo("/api/v2/tables"))
        .withQueryParam("lang", equalTo("en")).withQueryParam("pageNumber", equalTo("1")));
    server.verify(exactly(0), getRequestedFor(urlPathMatching("/api/v2/tables/.+")));
  }

  @Test
  void tableListIsReadAcrossAllPages() throws SQLException {
    int tables = server.catalog().tables().size();
    try (Connection c = connect(";tablePageSize=3")) {
      List<String> names = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, "statbank", "%", null)) {
        while (rs.next()) {
          names.add(rs.getString("TABLE_NAME"));
        }
      }
      assertEquals(server.catalog().tableIds().stream().sorted().toList(),
          names.stream().sorted().toList());
    }
    server.verify(exactly((tables + 2) / 3), getRequestedFor(urlPathEqualTo("/api/v2/tables")));
    server.verify(exactly(0), getRequestedFor(urlPathMatching("/api/v2/tables/.+")));
  }

  @Test
  void columnsFollowTheFlattenedCubeContract() throws SQLException {
    try (Connection c = connect("")) {
      assertEquals(List.of("REGION", "REGION_label", "SEX", "SEX_label", "AGE", "AGE_label",
              "TIME", "TIME_label", "TIME_date", "HNMGA", "HNMGA_status"),
          Sql.columns(c, "select * from \"TAB001\" where 1 = 0"));
      assertEquals(List.of("TREATMENT_CAT", "TREATMENT_CAT_label", "WASTE_CAT", "WASTE_CAT_label",
              "TIME", "TIME_label", "TIME_date", "WasteHazard", "WasteHazard_status",
              "WasteNonHazard", "WasteNonHazard_status"),
          Sql.columns(c, "select * from \"TAB003\" where 1 = 0"));
      try (ResultSet rs = c.createStatement().executeQuery("select * from \"13861\" where 1 = 0")) {
        var md = rs.getMetaData();
        assertEquals("VARCHAR", md.getColumnTypeName(1));
        assertEquals("Tid_date", md.getColumnName(5));
        assertEquals("DATE", md.getColumnTypeName(5));
        assertEquals("DECIMAL", md.getColumnTypeName(6));
        assertEquals(3, md.getScale(6), "Ginikoeffisient has 3 decimals");
        assertEquals("P90P10", md.getColumnName(8));
        assertEquals(1, md.getScale(8), "P90P10 has 1 decimal");
      }
    }
    // Reading the columns of three tables costs three metadata requests and no data request.
    server.verify(exactly(3), getRequestedFor(urlPathMatching("/api/v2/tables/[^/]+/metadata")));
    server.verify(exactly(0), getRequestedFor(urlPathMatching("/api/v2/tables/[^/]+/data")));
  }

  @Test
  void wholeCubeComesBackRowForRowInOneRequest() throws SQLException {
    try (Connection c = connect("")) {
      List<List<Object>> rows = Sql.rows(c, "select * from \"TAB001\"");
      assertEquals(30 * 3 * 22 * 3, rows.size());
      assertEquals(normalize(expectedTab001(null, null)), normalize(rows));
    }
    List<LoggedRequest> requests = dataRequests("TAB001");
    assertEquals(1, requests.size());
    LoggedRequest r = requests.get(0);
    for (String v : List.of("REGION", "SEX", "AGE", "ContentsCode", "TIME")) {
      assertEquals("*", r.queryParameter("valueCodes[" + v + "]").firstValue(), v);
    }
    assertEquals("json-stat2", r.queryParameter("outputFormat").firstValue());
    assertEquals("en", r.queryParameter("lang").firstValue());
  }

  @Test
  void equalityAndInOnCodesGoIntoTheRequest() throws SQLException {
    String sql = "select * from \"TAB001\" where SEX = 'F' and REGION in ('NO', 'SE', 'DK')";
    try (Connection c = connect("")) {
      List<List<Object>> rows = Sql.rows(c, sql);
      assertEquals(normalize(expectedTab001(List.of("NO", "SE", "DK"), List.of("F"))),
          normalize(rows));
    }
    LoggedRequest r = dataRequests("TAB001").get(0);
    assertEquals(1, dataRequests("TAB001").size());
    assertEquals("F", r.queryParameter("valueCodes[SEX]").firstValue());
    // Codes go in table order, whatever the order in SQL.
    TestTable t = server.table("TAB001");
    String expectedRegions = t.valueCodes("REGION").stream()
        .filter(List.of("NO", "SE", "DK")::contains).collect(Collectors.joining(","));
    assertEquals(expectedRegions, r.queryParameter("valueCodes[REGION]").firstValue());
    assertEquals("*", r.queryParameter("valueCodes[AGE]").firstValue());
  }

  @Test
  void unquotedIdentifiersMatchIgnoringCase() throws SQLException {
    try (Connection c = connect("")) {
      List<List<Object>> rows = Sql.rows(c,
          "select region, \"TIME\", hnmga from tab001 where sex = 'T' and age = 'TOTAL' and region = 'NO'");
      TestTable t = server.table("TAB001");
      List<List<Object>> expected = new ArrayList<>();
      for (String time : t.valueCodes("TIME")) {
        expected.add(row("NO", time, t.value("NO", "T", "TOTAL", "HNMGA", time)));
      }
      assertEquals(normalize(expected), normalize(rows));
    }
  }

  @Test
  void sqlMistakesAreSqlStateErrorsWithoutRequests() throws SQLException {
    try (Connection c = connect("")) {
      // TIME is a SQL keyword: a variable of that name must be quoted.
      SQLException parse = assertThrows(SQLException.class,
          () -> Sql.rows(c, "select time from tab001"));
      assertEquals("42601", parse.getSQLState(), parse.getMessage());
      SQLException table = assertThrows(SQLException.class,
          () -> Sql.rows(c, "select * from \"99999\""));
      assertEquals("42S02", table.getSQLState(), table.getMessage());
      assertTrue(table.getMessage().contains("'99999' not found"), table.getMessage());
      SQLException column = assertThrows(SQLException.class,
          () -> Sql.rows(c, "select Fylke from \"TAB001\""));
      assertEquals("42S22", column.getSQLState(), column.getMessage());
    }
    server.verify(exactly(0), getRequestedFor(urlPathMatching("/api/v2/tables/[^/]+/data")));
  }

  @Test
  void aLiteralThatIsNoCodeSendsNothing() throws SQLException {
    try (Connection c = connect("")) {
      assertEquals(List.of(), Sql.rows(c, "select * from \"TAB001\" where REGION = 'Atlantis'"));
      // Text shaped like a URL parameter or an expression is just a code that does not exist.
      assertEquals(List.of(), Sql.rows(c,
          "select * from \"TAB001\" where REGION = 'NO&valueCodes[TIME]=*' or REGION = '*'"));
    }
    server.verify(exactly(0), getRequestedFor(urlPathMatching("/api/v2/tables/[^/]+/data")));
  }

  @Test
  void longInListsStayFiltersAndPreparedParametersArePushed() throws SQLException {
    TestTable t = server.table("TAB004");
    List<String> sectors = t.valueCodes("SECTOR");
    List<String> years = t.valueCodes("TIME").subList(0, 25);
    String in = years.stream().map(y -> "'" + y + "'").collect(Collectors.joining(","));
    try (Connection c = connect("");
        PreparedStatement s = c.prepareStatement("select SECTOR, \"TIME\", \"Emission\" from \"TAB004\""
            + " where GREENHOUSEGAS = ? and \"TIME\" in (" + in + ")")) {
      s.setString(1, "CO2");
      List<List<Object>> rows;
      try (ResultSet rs = s.executeQuery()) {
        rows = Sql.rows(rs);
      }
      List<List<Object>> expected = new ArrayList<>();
      for (String sector : sectors) {
        for (String year : years) {
          expected.add(row(sector, year, t.value(sector, "CO2", "Emission", year)));
        }
      }
      assertEquals(normalize(expected), normalize(rows));
    }
    LoggedRequest r = dataRequests("TAB004").get(0);
    assertEquals(1, dataRequests("TAB004").size());
    assertEquals("CO2", r.queryParameter("valueCodes[GREENHOUSEGAS]").firstValue());
    // 25 consecutive years travel as one range.
    assertEquals("[range(" + years.get(0) + "," + years.get(24) + ")]",
        r.queryParameter("valueCodes[TIME]").firstValue());
  }

  @Test
  void longSelectionsGoAsPost() throws SQLException {
    TestTable t = server.table("TAB003");
    // Every other waste category: no runs, so the GET URL would be long.
    List<String> every = t.valueCodes("WASTE_CAT");
    List<String> picked = new ArrayList<>();
    for (int i = 0; i < every.size(); i += 2) {
      picked.add(every.get(i));
    }
    String in = picked.stream().map(y -> "'" + y + "'").collect(Collectors.joining(","));
    try (Connection c = connect(";maxUrlLength=200")) {
      List<List<Object>> rows = Sql.rows(c, "select WASTE_CAT, \"TIME\", \"WasteHazard\" from \"TAB003\""
          + " where TREATMENT_CAT = '10' and WASTE_CAT in (" + in + ")");
      List<List<Object>> expected = new ArrayList<>();
      for (String w : picked) {
        for (String time : t.valueCodes("TIME")) {
          expected.add(row(w, time, t.value("10", w, "WasteHazard", time)));
        }
      }
      assertEquals(normalize(expected), normalize(rows));
    }
    server.verify(exactly(0), getRequestedFor(urlPathEqualTo(String.format(DATA, "TAB003"))));
    List<LoggedRequest> posts = server.findAll(postRequestedFor(
        urlPathEqualTo(String.format(DATA, "TAB003"))));
    assertEquals(1, posts.size());
    String body = posts.get(0).getBodyAsString();
    // A code with commas travels verbatim in POST.
    assertTrue(body.contains("\"variableCode\":\"WASTE_CAT\""), body);
    assertTrue(body.contains("\"valueCodes\":[\"10\"]"), body);
    assertEquals("json-stat2", posts.get(0).queryParameter("outputFormat").firstValue());
  }

  @Test
  void queriesLargerThanTheCellLimitAreSplitAndComplete() throws SQLException {
    // TAB001 has 5,940 cells; 1,000 per request needs at least 6 requests.
    try (Connection c = connect(";maxDataCells=1000")) {
      List<List<Object>> rows = Sql.rows(c, "select * from \"TAB001\"");
      assertEquals(normalize(expectedTab001(null, null)).stream().sorted(Sql::compare).toList(),
          normalize(rows).stream().sorted(Sql::compare).toList());
    }
    List<LoggedRequest> requests = dataRequests("TAB001");
    assertTrue(requests.size() >= 6 && requests.size() <= 8, "requests: " + requests.size());
  }

  @Test
  void timeColumnsGetTheFirstDayOfTheirPeriod() throws SQLException {
    try (Connection c = connect("")) {
      for (String table : List.of("TAB2936", "12909", "03024")) {
        TestTable t = server.table(table);
        String time = t.timeVariable().orElseThrow().code();
        List<List<Object>> rows = Sql.rows(c, "select distinct \"" + time + "\", \"" + time
            + "_date\" from \"" + table + "\"");
        assertEquals(t.valueCodes(time).size(), rows.size(), table);
        for (List<Object> r : rows) {
          assertEquals(io.pxweb.jdbc.adapter.PeriodDates.firstDay((String) r.get(0)), r.get(1),
              table + " " + r.get(0));
          assertTrue(r.get(1) != null, table + " " + r.get(0));
        }
      }
    }
  }

  @Test
  void nonSequentialIndexAndReorderedDimensionsGiveTheRightCells() throws SQLException {
    TestTable t = server.table("05810");
    try (Connection c = connect("")) {
      List<List<Object>> rows = Sql.rows(c, "select Kjonn, Alder, Tid, Personer, Personer_status"
          + " from \"05810\" where Tid in ('1845', '2025')");
      List<List<Object>> expected = new ArrayList<>();
      for (String k : t.valueCodes("Kjonn")) {
        for (String a : t.valueCodes("Alder")) {
          for (String tid : List.of("1845", "2025")) {
            Cell cell = t.cell(k, a, "Personer", tid);
            expected.add(row(k, a, tid, cell.value(), cell.status()));
          }
        }
      }
      assertEquals(normalize(expected), normalize(rows));
    }
  }

  @Test
  void labelsFollowTheConnectionLanguage() throws SQLException {
    try (Connection c = connect(";lang=sv")) {
      Sql.rows(c, "select * from \"TAB004\" where SECTOR = '0.1' and GREENHOUSEGAS = 'CO2'");
    }
    server.verify(exactly(1), getRequestedFor(urlPathEqualTo("/api/v2/tables/TAB004/metadata"))
        .withQueryParam("lang", equalTo("sv")));
    server.verify(exactly(1), getRequestedFor(urlPathEqualTo(String.format(DATA, "TAB004")))
        .withQueryParam("lang", equalTo("sv")));
  }

  @Test
  void unsupportedLanguageIsAClearError() {
    SQLException e = assertThrows(SQLException.class, () -> connect(";lang=xx"));
    assertEquals("22023", e.getSQLState());
    assertTrue(e.getMessage().contains("'xx'") && e.getMessage().contains("[en, sv]"),
        e.getMessage());
  }

  @Test
  void serverErrorsCarryTitleStatusAndUrl() throws SQLException {
    server.respondTo(RequestMethod.GET, "/tables/TAB004/data", WireMock.aResponse()
        .withStatus(400).withHeader("Content-Type", "application/json")
        .withBody("{\"type\":\"Parameter error\",\"title\":\"Too many cells selected\","
            + "\"status\":400,\"detail\":\"Too many cells selected\"}"));
    try (Connection c = connect("")) {
      SQLException e = assertThrows(SQLException.class,
          () -> Sql.rows(c, "select * from \"TAB004\""));
      SQLException root = e;
      assertEquals("54000", root.getSQLState(), root.getMessage());
      assertTrue(root.getMessage().startsWith("Too many cells selected (HTTP 400, GET "
          + server.baseUrl() + "/tables/TAB004/data?"), root.getMessage());
    }
  }

  @Test
  void htmlAtStatus200IsAnErrorNotAnEmptyResult() throws SQLException {
    server.respondTo(RequestMethod.GET, "/tables/TAB004/data", WireMock.aResponse()
        .withStatus(200).withHeader("Content-Type", "text/html")
        .withBody("<html><body>Down for maintenance</body></html>"));
    try (Connection c = connect("")) {
      SQLException e = assertThrows(SQLException.class,
          () -> Sql.rows(c, "select * from \"TAB004\""));
      SQLException root = e;
      assertEquals("08P01", root.getSQLState(), root.getMessage());
      assertTrue(root.getMessage().contains("text/html"), root.getMessage());
    }
  }

  @Test
  void decimalsFollowTheUnit() throws SQLException {
    TestTable t = server.table("13861");
    try (Connection c = connect("")) {
      List<List<Object>> rows = Sql.rows(c,
          "select \"Ginikoeffisient\", \"P90P10\" from \"13861\" where NACE2007 = 'A-Z' and Tid = '2016'");
      assertEquals(1, rows.size());
      assertEquals(new BigDecimal("0.205"), rows.get(0).get(0));
      assertEquals(t.value("A-Z", "P90P10", "2016").setScale(1), rows.get(0).get(1));
      assertEquals(1, ((BigDecimal) rows.get(0).get(1)).scale());
    }
  }
}
