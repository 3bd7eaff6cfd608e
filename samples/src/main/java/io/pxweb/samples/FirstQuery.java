package io.pxweb.samples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Plain-JDBC example: a prepared statement, its parameters and the rows.
 *
 * <p>Usage: {@code FirstQuery} runs offline on the sample PX database ({@code samples/db}):
 * population of Norway and Sweden by year (table TAB001). {@code FirstQuery ssb} asks
 * Statistics Norway's live API instead (needs the internet): women aged 30 in Oslo by year
 * (table 07459).
 */
public final class FirstQuery {
  private FirstQuery() {
  }

  public static void main(String[] args) throws SQLException {
    if (args.length > 0 && args[0].equals("ssb")) {
      run("jdbc:pxweb:ssb;lang=en", "SELECT Region_label, Tid, Personer1 FROM statbank.\"07459\""
          + " WHERE Region = ? AND Kjonn = '2' AND Alder = '030' ORDER BY Tid", "0301");
    } else {
      run("jdbc:pxweb:file:" + sampleDatabase(), "SELECT REGION_label, \"TIME\", HNMGA"
          + " FROM \"TAB001\" WHERE REGION IN (?, ?) AND SEX = 'T' AND AGE = 'TOTAL'"
          + " ORDER BY REGION, \"TIME\"", "NO", "SE");
    }
  }

  private static void run(String url, String sql, String... parameters) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setString(i + 1, parameters[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        print(rs);
      }
    }
  }

  /** The sample database, from the repository's root or from the samples module. */
  private static Path sampleDatabase() {
    Path fromRoot = Path.of("samples", "db");
    return (Files.isDirectory(fromRoot) ? fromRoot : Path.of("db")).toAbsolutePath();
  }

  private static void print(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    StringBuilder header = new StringBuilder();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      header.append(i > 1 ? "\t" : "").append(md.getColumnLabel(i));
    }
    System.out.println(header);
    while (rs.next()) {
      StringBuilder row = new StringBuilder();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        String value = rs.getString(i);
        row.append(i > 1 ? "\t" : "").append(value == null ? "" : value);
      }
      System.out.println(row);
    }
  }
}
