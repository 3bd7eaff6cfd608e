package io.pxweb.samples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Plain-JDBC example: population of Oslo by year from Statistics Norway's table 07459.
 *
 * <p>Usage: {@code FirstQuery [jdbc-url]}; the default URL is {@code jdbc:pxweb:ssb;lang=en}.
 */
public final class FirstQuery {
  private FirstQuery() {
  }

  public static void main(String[] args) throws SQLException {
    String url = args.length > 0 ? args[0] : "jdbc:pxweb:ssb;lang=en";
    String sql = "SELECT Region_label, Tid, Personer1 FROM statbank.\"07459\""
        + " WHERE Region = ? AND Kjonn = ? AND Alder = ? ORDER BY Tid";
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, "0301");
      s.setString(2, "2");
      s.setString(3, "030");
      try (ResultSet rs = s.executeQuery()) {
        print(rs);
      }
    }
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
        row.append(i > 1 ? "\t" : "").append(rs.getString(i));
      }
      System.out.println(row);
    }
  }
}
