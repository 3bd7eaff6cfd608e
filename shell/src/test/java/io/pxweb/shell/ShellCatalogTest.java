package io.pxweb.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import sqlline.SqlLine;

/** SQLLine's own catalog commands, as a user of the shell runs them, over the sample database. */
class ShellCatalogTest {
  private static final String URL = "jdbc:pxweb:file:"
      + Path.of("..", "samples", "db").toAbsolutePath().normalize();

  private static String run(String command) throws Exception {
    return run(ResultFormat.CSV, command);
  }

  /** Runs one command with the settings of pxsql's interactive sessions. */
  private static String run(ResultFormat format, String command) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SqlLine sqlLine = new SqlLine();
    sqlLine.setOutputStream(new PrintStream(out, true, StandardCharsets.UTF_8));
    sqlLine.setErrorStream(new PrintStream(out, true, StandardCharsets.UTF_8));
    List<String> args = PxSql.sqllineArgs(URL, format);
    args.addAll(List.of("--silent=true", "-e", command));
    SqlLine.Status status = sqlLine.begin(args.toArray(new String[0]), null, false);
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(SqlLine.Status.OK, status, text);
    return text;
  }

  @Test
  void tablesListsEverySchemaAndTableWithLabels() throws Exception {
    String out = run("!tables");
    assertTrue(out.contains("\"statbank\",\"TAB004\",\"TABLE\",\"Total air emissions by sector"),
        out);
    assertTrue(out.contains("\"environment\",\"TAB004\",\"TABLE\""), out);
    assertTrue(out.contains("\"meta\",\"tables\",\"TABLE\""), out);
  }

  @Test
  void columnsListsTheFlattenedCube() throws Exception {
    String out = run("!columns TAB004");
    for (String column : new String[] {"SECTOR", "SECTOR_label", "GREENHOUSEGAS", "TIME",
        "TIME_date", "Emission", "Emission_status"}) {
      assertTrue(out.contains("\"TAB004\",\"" + column + "\""), column + " in " + out);
    }
  }

  @Test
  void interactiveCsvUsesDoubleQuotesAndNullsLookAlike() throws Exception {
    String out = run(ResultFormat.CSV, "select cast(null as varchar) as s,"
        + " cast(null as integer) as n, 'a,\"b' as c;");
    assertTrue(out.contains("\"s\",\"n\",\"c\"\n\"\",\"\",\"a,\"\"b\""), out);
  }

  @Test
  void interactivePlansAreNotCut() throws Exception {
    String out = run(ResultFormat.TABLE, "EXPLAIN PLAN FOR SELECT * FROM \"TAB001\""
        + " WHERE SEX <> 'T' AND REGION NOT IN ('AT','BE') AND AGE = 'TOTAL';");
    assertTrue(out.contains("requests=[1], cells=[168])"), out);
  }
}
