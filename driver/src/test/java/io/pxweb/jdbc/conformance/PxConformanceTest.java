package io.pxweb.jdbc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance corpus (src/test/resources/px-corpus: real PX files of several statistics
 * offices and PX-writing tools, see its PROVENANCE.txt) read through SQL, each file alone in a
 * folder, and compared cell by cell with {@link ReferencePxReader}, a reader of the PX-2013
 * specification that shares nothing with the driver. Every file the reference reads must be
 * read by the driver with the same variables, codes and cells; a file the reference cannot read
 * must either be read or be listed and fail with 08P01 naming the file and a line.
 */
class PxConformanceTest {
  @TempDir
  Path work;

  /** What the comparison found, for the report line. */
  private int files;
  private int both;
  private long cells;
  private final List<String> failures = new ArrayList<>();
  /** Files the reference cannot read, and why. */
  private final List<String> notRead = new ArrayList<>();
  /** Of those, the ones the driver reads (by a lenient rule) and the ones it reports. */
  private int driverOnly;
  private int reported;

  @Test
  void everyCorpusFileReadsAsTheSpecificationSays() throws Exception {
    for (String file : corpus()) {
      files++;
      byte[] bytes = resource(file);
      ReferencePxReader.Table expected;
      try {
        expected = ReferencePxReader.read(bytes);
      } catch (RuntimeException e) {
        expected = null;
        notRead.add(file + ": " + e.getMessage());
      }
      Path dir = Files.createDirectories(work.resolve("f" + files));
      Path copy = dir.resolve(file.substring(file.lastIndexOf('/') + 1));
      Files.write(copy, bytes);
      try (Connection c = DriverManager.getConnection("jdbc:pxweb:file:" + dir)) {
        compare(c, file, copy.getFileName().toString(), expected);
      }
    }
    System.out.printf("px conformance: %d files, %d read by both readers, %d cells compared,"
        + " %d differences; %d not read by the reference (%d of them read by the driver);"
        + " %d reported as 08P01%n", files, both, cells, failures.size(), notRead.size(),
        driverOnly, reported);
    notRead.forEach(f -> System.out.println("  reference cannot read " + f));
    failures.forEach(f -> System.out.println("  DIFFERENCE " + f));
    assertEquals(List.of(), failures);
    assertTrue(both > 100, "most of the corpus is read: " + both);
  }

  private void compare(Connection c, String file, String name,
      ReferencePxReader.Table expected) throws SQLException {
    String id = single(c, "SELECT id FROM meta.tables");
    try {
      if (expected == null) {
        single(c, "SELECT COUNT(*) FROM \"" + id.replace("\"", "\"\"") + "\"");
        driverOnly++;
        return;
      }
      compareCells(c, file, id, expected);
    } catch (SQLException e) {
      // PxWeb's example database keeps files its reader refuses in error/fatal: the driver
      // refuses them too (a mandatory keyword missing, a CONTVARIABLE that is no variable).
      boolean fatal = file.contains("__error__fatal__");
      reported += expected == null || fatal ? 1 : 0;
      if (expected != null && !fatal) {
        failures.add(file + ": the reference reads it, the driver says " + e.getSQLState() + " "
            + e.getMessage());
      } else if (!"08P01".equals(e.getSQLState()) || !e.getMessage().contains(name + ", line ")) {
        failures.add(file + ": malformed, but not reported as 08P01 with file and line: "
            + e.getSQLState() + " " + e.getMessage());
      } else if (single(c, "SELECT COUNT(*) FROM meta.problems WHERE severity = 'error'")
          .equals("0")) {
        failures.add(file + ": malformed, but not in meta.problems");
      }
    }
  }

  private void compareCells(Connection c, String file, String id,
      ReferencePxReader.Table expected) throws SQLException {
    // The driver's variables in table order, with their codes.
    Map<String, List<String>> codes = new LinkedHashMap<>();
    Map<String, String> roles = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT v.variable_code,"
        + " v.role, x.code FROM meta.variables v JOIN meta.\"values\" x ON x.table_id ="
        + " v.table_id AND x.variable_code = v.variable_code WHERE v.table_id = '"
        + id.replace("'", "''") + "' ORDER BY v.\"position\", x.\"position\"")) {
      while (rs.next()) {
        codes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(3));
        roles.put(rs.getString(1), rs.getString(2));
      }
    }
    List<String> variables = new ArrayList<>(codes.keySet());
    if (variables.size() == expected.variables().size() + 1
        && codes.get(variables.get(0)).equals(List.of("content"))) {
      variables.remove(0); // the synthetic content variable of a file without CONTVARIABLE
    }
    if (variables.size() != expected.variables().size()) {
      failures.add(file + ": " + variables.size() + " variables, the reference has "
          + expected.variables().size());
      return;
    }
    for (int v = 0; v < variables.size(); v++) {
      if (!codes.get(variables.get(v)).equals(expected.codes().get(v))) {
        failures.add(file + ": the codes of " + variables.get(v) + " differ: "
            + codes.get(variables.get(v)) + " / " + expected.codes().get(v));
        return;
      }
    }
    both++;
    int[] strides = new int[variables.size()];
    int stride = 1;
    for (int v = variables.size() - 1; v >= 0; v--) {
      strides[v] = stride;
      stride *= expected.codes().get(v).size();
    }
    String content = roles.entrySet().stream().filter(e -> e.getValue().equals("content"))
        .map(Map.Entry::getKey).findFirst().orElseThrow();
    int contentAt = variables.indexOf(content);
    List<String> measures = codes.get(content);
    boolean[] seen = new boolean[expected.cells().length];
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM \"" + id.replace("\"", "\"\"") + "\"")) {
      ResultSetMetaData md = rs.getMetaData();
      Map<String, Integer> columns = new HashMap<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        columns.put(md.getColumnName(i), i);
      }
      while (rs.next()) {
        int base = 0;
        for (int v = 0; v < variables.size(); v++) {
          if (v != contentAt) {
            String code = rs.getString(column(columns, variables.get(v)));
            base += codes.get(variables.get(v)).indexOf(code) * strides[v];
          }
        }
        for (int m = 0; m < measures.size(); m++) {
          int cell = base + (contentAt < 0 ? 0 : m * strides[contentAt]);
          BigDecimal actual = rs.getBigDecimal(column(columns, measures.get(m)));
          BigDecimal want = expected.cells()[cell];
          seen[cell] = true;
          cells++;
          if (want == null ? actual != null : actual == null || want.compareTo(actual) != 0) {
            failures.add(file + ": cell " + cell + " is " + actual + ", stored " + want);
            return;
          }
        }
      }
    }
    for (int i = 0; i < seen.length; i++) {
      if (!seen[i]) {
        failures.add(file + ": cell " + i + " is missing from SELECT *");
        return;
      }
    }
  }

  private static int column(Map<String, Integer> columns, String name) throws SQLException {
    Integer i = columns.get(name);
    if (i == null) {
      throw new SQLException("no column " + name + " in " + columns.keySet(), "42S22");
    }
    return i;
  }

  private static String single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? Objects.toString(rs.getObject(1)) : null;
    }
  }

  /** The corpus files, as PROVENANCE.txt lists them. */
  static List<String> corpus() throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : new String(resource("PROVENANCE.txt"), StandardCharsets.UTF_8)
        .split("\n")) {
      int arrow = line.indexOf(" <= ");
      if (arrow > 0) {
        out.add(line.substring(0, arrow).trim());
      }
    }
    return out;
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = PxConformanceTest.class.getClassLoader()
        .getResourceAsStream("px-corpus/" + name)) {
      return Objects.requireNonNull(in, name).readAllBytes();
    }
  }
}
