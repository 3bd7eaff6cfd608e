package io.pxweb.jdbc.differential;

import io.pxweb.jdbc.adapter.ColumnLayout;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The reference engines: an in-process H2 database, or a PostgreSQL server when
 * {@code PXWEB_PG_URL} names one, holding every test table as one flat SQL table with the
 * driver's column names and types. Neither shares code with Calcite, so their answers are an
 * independent oracle.
 */
final class ReferenceDatabase {
  /** The schema the tables are created in on PostgreSQL (dropped and created again). */
  static final String PG_SCHEMA = "pxweb_differential";

  private ReferenceDatabase() {
  }

  static Connection h2(List<CubeTable> tables, String name) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    load(c, tables, "");
    return c;
  }

  /**
   * Connects to PostgreSQL and loads the tables into their own schema. Text columns use the
   * "C.utf8" collation: code point order, as the driver sorts, with Unicode case mapping for
   * UPPER and LOWER (plain "C" maps ASCII letters only).
   */
  static Connection postgres(List<CubeTable> tables, String url) throws SQLException {
    Connection c = DriverManager.getConnection(url);
    try (Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
      s.execute("CREATE SCHEMA " + PG_SCHEMA);
      s.execute("SET search_path TO " + PG_SCHEMA);
    }
    load(c, tables, " COLLATE \"C.utf8\"");
    return c;
  }

  private static void load(Connection c, List<CubeTable> tables, String collate)
      throws SQLException {
    for (CubeTable t : tables) {
      List<String> columns = new ArrayList<>();
      for (ColumnLayout.Column col : t.layout.columns()) {
        columns.add(QueryGenerator.quote(col.name()) + " " + type(t, col, collate));
      }
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE " + QueryGenerator.quote(t.id) + " ("
            + String.join(", ", columns) + ")");
      }
      String marks = String.join(", ", Collections.nCopies(columns.size(), "?"));
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO " + QueryGenerator.quote(t.id) + " VALUES (" + marks + ")")) {
        for (Object[] row : t.rows) {
          for (int i = 0; i < row.length; i++) {
            insert.setObject(i + 1, row[i]);
          }
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
  }

  private static String type(CubeTable t, ColumnLayout.Column c, String collate) {
    return switch (c.kind()) {
      case CODE, LABEL -> "VARCHAR" + collate + " NOT NULL";
      case STATUS -> "VARCHAR" + collate;
      case DATE -> "DATE";
      case MEASURE -> "DECIMAL(19, " + t.layout.decimals(c) + ")";
    };
  }
}
