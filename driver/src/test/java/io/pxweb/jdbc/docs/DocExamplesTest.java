package io.pxweb.jdbc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Executable documentation: every SQL example marked {@code <!-- doctest: ... -->} in README.md
 * and docs/*.md runs, and the EXPLAIN lines or rows the document shows must be what the
 * statement gives. The convention is in docs/README.md; documents without marked examples are
 * fine.
 */
class DocExamplesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String SAMPLE = "jdbc:pxweb:file:" + ROOT.resolve("samples/db");

  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  private static final Map<String, Connection> CONNECTIONS = new HashMap<>();

  @AfterAll
  static void close() throws SQLException {
    for (Connection c : CONNECTIONS.values()) {
      c.close();
    }
  }

  static List<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  @TestFactory
  Stream<DynamicTest> everyMarkedExampleReproduces() throws IOException {
    List<DocExample> examples = new ArrayList<>();
    for (Path doc : documents()) {
      examples.addAll(DocExample.parse(ROOT.relativize(doc).toString(), Files.readString(doc)));
    }
    assertTrue(examples.size() >= 10, "the marked examples were not found: " + examples);
    return examples.stream().map(e -> DynamicTest.dynamicTest(e.source(), () -> check(e)));
  }

  private static void check(DocExample e) throws SQLException {
    String problem;
    try (Statement s = connection(e).createStatement(); ResultSet rs = s.executeQuery(e.sql())) {
      List<String> columns = new ArrayList<>();
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        columns.add(md.getColumnLabel(i));
      }
      List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns.size(); i++) {
          row.add(DocOutput.text(rs.getObject(i)));
        }
        rows.add(row);
      }
      if (e.expected() == null) {
        return;
      }
      problem = isExplain(e.sql())
          ? DocOutput.comparePlan(e.expected(), String.join("\n", rows.stream()
              .map(r -> r.get(0)).toList()))
          : DocOutput.compareRows(e.expected(), columns, rows);
    } catch (SQLException ex) {
      throw new AssertionError(e.source() + ": the example fails: " + ex.getMessage(), ex);
    }
    if (problem != null) {
      fail(e.source() + ": the document does not match what the statement gives.\n" + problem);
    }
  }

  private static boolean isExplain(String sql) {
    return sql.regionMatches(true, 0, "EXPLAIN", 0, 7);
  }

  private static Connection connection(DocExample e) throws SQLException {
    String base = switch (e.target()) {
      case "sample" -> SAMPLE;
      case "server" -> server.jdbcUrl();
      default -> throw new AssertionError(e.source() + ": unknown doctest target '" + e.target()
          + "' (sample or server)");
    };
    String url = base + e.properties();
    Connection c = CONNECTIONS.get(url);
    if (c == null) {
      c = DriverManager.getConnection(url);
      CONNECTIONS.put(url, c);
    }
    return c;
  }

  // The convention itself: parsing and the comparison that makes a drifting document fail.

  private static final String DOC = """
      Text.

      <!-- doctest: sample;maxDataCells=1000 -->
      ```sql
      SELECT 1 AS a;
      ```

      ```text
      +---+
      | a |
      +---+
      | 1 |
      +---+
      ```

      ```sql
      SELECT 'not marked'
      ```
      """;

  @Test
  void markedBlocksAndTheirExpectedOutputAreFound() {
    List<DocExample> examples = DocExample.parse("doc.md", DOC);
    assertEquals(1, examples.size(), examples.toString());
    DocExample e = examples.get(0);
    assertEquals("doc.md:5", e.source());
    assertEquals("sample", e.target());
    assertEquals(";maxDataCells=1000", e.properties());
    assertEquals("SELECT 1 AS a", e.sql());
    assertEquals(List.of("+---+", "| a |", "+---+", "| 1 |", "+---+"), e.expected());
    assertEquals(List.of(), DocExample.parse("plain.md", "# no examples\n```sql\nx\n```\n"));
  }

  @Test
  void aMarkerWithoutSqlIsAnError() {
    assertThrows(IllegalArgumentException.class,
        () -> DocExample.parse("doc.md", "<!-- doctest: sample -->\n```java\nx\n```\n"));
  }

  @Test
  void driftingFiguresAreCaught() {
    String plan = "EnumerableLimit(fetch=[5])\n  PxTableScan(table=[[statbank, TAB004]],"
        + " selection=[[TIME=top(1)]], requests=[1], cells=[22])\n";
    assertNull(DocOutput.comparePlan(List.of("EnumerableLimit(fetch=[5])",
        "  PxTableScan(table=[[statbank, TAB004]], selection=[[TIME=top(1)]], requests=[1],"
            + " cells=[22])"), plan));
    assertNull(DocOutput.comparePlan(List.of("...", "PxTableScan(... requests=[1], cells=[22])"),
        plan));
    assertNotNull(DocOutput.comparePlan(List.of("...", "PxTableScan(... cells=[20])"), plan));
    assertNotNull(DocOutput.comparePlan(List.of("PxTableScan(... cells=[22])"), plan),
        "without ... the whole plan must be shown");

    List<String> columns = List.of("TIME", "Emission");
    List<List<String>> rows = List.of(List.of("2017", "3298"), List.of("2016", ""));
    assertNull(DocOutput.compareRows(List.of("| TIME | Emission |", "|---|---:|",
        "| 2017 | 3298 |", "| 2016 |  |"), columns, rows));
    assertNull(DocOutput.compareRows(List.of("| TIME | Emission |", "| 2016 | |", "..."),
        columns, rows));
    assertNotNull(DocOutput.compareRows(List.of("| TIME | Emission |", "| 2017 | 3299 |",
        "..."), columns, rows));
    assertNotNull(DocOutput.compareRows(List.of("| TIME | Value |", "..."), columns, rows));
    assertNotNull(DocOutput.compareRows(List.of("| TIME | Emission |", "| 2017 | 3298 |"),
        columns, rows), "a row left out without ... is drift");
  }
}
