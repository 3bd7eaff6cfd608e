package io.pxweb.jdbc.source.v1;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Smoke test against the live v1 servers: connect to one folder, read a table's first rows.
 * Needs the internet; runs only with {@code mvn -pl driver verify -Plive-v1} (never in CI).
 */
@EnabledIfSystemProperty(named = "pxweb.live", matches = "v1")
class LiveV1SmokeTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "jdbc:pxweb:https://api.scb.se/OV0104/v1/doris/en/ssd/BE/BE0101/BE0101A",
      "jdbc:pxweb:statfin;lang=en;subjects=vaerak"})
  void connectsListsAndReadsRows(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url + ";apiVersion=auto");
        Statement s = c.createStatement()) {
      String table;
      try (ResultSet rs = c.getMetaData().getTables(null, "statbank", "%", null)) {
        assertTrue(rs.next(), "no tables at " + url);
        table = rs.getString("TABLE_NAME");
      }
      String time = null;
      try (ResultSet rs = c.getMetaData().getColumns(null, "statbank", table, "%_date")) {
        if (rs.next()) {
          String date = rs.getString("COLUMN_NAME");
          time = date.substring(0, date.length() - "_date".length());
        }
      }
      String quoted = "\"" + table.replace("\"", "\"\"") + "\"";
      try (ResultSet rs = s.executeQuery("select count(*) from " + quoted)) {
        assertTrue(rs.next() && rs.getLong(1) > 0, "no cells in " + table);
      }
      // The latest period only: one or a few data requests, however large the table.
      String sql = time == null ? "select * from " + quoted + " limit 3"
          : "select * from " + quoted + " order by \"" + time + "\" desc limit 3";
      try (ResultSet rs = s.executeQuery(sql)) {
        assertTrue(rs.next(), "no rows: " + sql);
        assertFalse(rs.getMetaData().getColumnName(1).isEmpty());
      }
    }
  }
}
