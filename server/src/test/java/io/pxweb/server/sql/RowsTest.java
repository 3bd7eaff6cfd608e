package io.pxweb.server.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.PxWebDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A result's values read from the driver's row arrays (RowValues) are the text the getters give,
 * value for value, on the sample database: every type the array path reads, NULLs, and the
 * columns it leaves to the getters (a CHAR's padding, booleans, timestamps) beside them.
 */
class RowsTest {
  private static Connection driver;

  @BeforeAll
  static void connect() throws Exception {
    driver = new PxWebDriver().connect("jdbc:pxweb:file:"
        + Path.of("..", "samples", "db").toAbsolutePath().normalize(), new Properties());
  }

  @AfterAll
  static void close() throws Exception {
    driver.close();
  }

  /** Every value's text of a result, and whether its rows were read as arrays. */
  private record Read(List<List<String>> rows, boolean arrays) {
  }

  private static Read read(String sql, boolean rowValues) throws Exception {
    Statement s = driver.createStatement();
    Rows.Jdbc rows = new Rows.Jdbc(s, s.executeQuery(sql), null, ZoneOffset.UTC, rowValues);
    try (rows) {
      List<List<String>> out = new ArrayList<>();
      boolean arrays = false;
      while (rows.next()) {
        arrays |= rows.readsRowArrays();
        List<String> row = new ArrayList<>();
        for (int i = 0; i < rows.columns().size(); i++) {
          row.add(rows.text(i));
        }
        out.add(row);
      }
      return new Read(out, arrays);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // The benchmark's shape: a join's rows (strings, a period date, a number, NULL statuses).
      "SELECT a.*, b.\"REGION\" AS r2 FROM \"TAB002\" a CROSS JOIN \"TAB001\" b "
          + "WHERE b.\"AGE\" = 'TOTAL' AND b.\"TIME\" = '2001' LIMIT 3000",
      // Every type the array path reads, and ones it leaves to the getters, with NULLs.
      "SELECT \"TIME\", CAST(\"Emission\" AS DOUBLE) / 7 AS d, CAST(\"Emission\" AS REAL) AS r,"
          + " CAST(\"Emission\" AS DECIMAL(14, 3)) / 3 AS n, CAST(\"Emission\" AS BIGINT) * -3 AS b,"
          + " CAST(2 AS SMALLINT) AS s, CHAR_LENGTH(\"SECTOR_label\") AS len,"
          + " CAST(\"SECTOR\" AS CHAR(6)) AS ch, \"Emission\" > 100 AS big, \"TIME_date\","
          + " TIMESTAMP '2024-01-02 03:04:05.5' AS ts, CASE WHEN \"Emission\" > 1000 THEN NULL"
          + " ELSE 'små' END AS maybe, \"Emission_status\" FROM \"TAB004\" ORDER BY 1, 2",
      // Aggregates: sums, averages and counts.
      "SELECT \"SECTOR\", SUM(\"Emission\"), AVG(\"Emission\"), COUNT(*), MIN(\"TIME_date\")"
          + " FROM \"TAB004\" GROUP BY \"SECTOR\"",
      // Constants at the edges: tiny and huge doubles, negative zero scale, the first day.
      "SELECT * FROM (VALUES (CAST(-1.5E-7 AS DOUBLE), CAST(1E300 AS DOUBLE),"
          + " CAST(123456789012 AS BIGINT), CAST(-0.000 AS DECIMAL(5, 3)), DATE '0001-01-01',"
          + " DATE '2024-02-29', 'ÆØÅ'), (CAST(0.1 AS DOUBLE), CAST(-2.5 AS DOUBLE),"
          + " CAST(NULL AS BIGINT), CAST(NULL AS DECIMAL(5, 3)), CAST(NULL AS DATE),"
          + " DATE '1969-12-31', CAST(NULL AS VARCHAR))) t(a, b, c, d, e, f, g)"})
  void rowArraysReadAsTheGettersDo(String sql) throws Exception {
    Read arrays = read(sql, true);
    Read getters = read(sql, false);
    assertTrue(arrays.arrays(), "the rows were read as arrays");
    assertFalse(getters.arrays());
    assertFalse(arrays.rows().isEmpty());
    sameRows(getters, arrays);
  }

  /** The same rows, the first difference named (a whole result would drown it). */
  private static void sameRows(Read expected, Read actual) {
    assertEquals(expected.rows().size(), actual.rows().size(), "rows");
    for (int i = 0; i < expected.rows().size(); i++) {
      assertEquals(expected.rows().get(i), actual.rows().get(i), "row " + i);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"SELECT * FROM \"TAB004\"", "SELECT \"SECTOR\" FROM \"TAB004\""})
  void aScanOrOneColumnIsReadByItsGetters(String sql) throws Exception {
    // One statbank scan is read column by column, one column holds bare values: no arrays.
    Read read = read(sql, true);
    assertFalse(read.arrays());
    sameRows(read(sql, false), read);
  }
}
