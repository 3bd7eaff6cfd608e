package io.pxweb.jdbc.differential;

import io.pxweb.jdbc.schema.ColumnLayout;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference engine: an in-process H2 database holding every test table as one flat SQL
 * table with the driver's column names and types. H2 shares no code with Calcite, so its
 * answers are an independent oracle.
 */
final class H2Engine {
  private H2Engine() {
  }

  static Connection load(List<CubeTable> tables, String name) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    for (CubeTable t : tables) {
      List<String> columns = new ArrayList<>();
      for (ColumnLayout.Column col : t.layout.columns()) {
        columns.add(QueryGenerator.quote(col.name()) + " " + type(t, col));
      }
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE " + QueryGenerator.quote(t.id) + " ("
            + String.join(", ", columns) + ")");
      }
      String marks = String.join(", ", java.util.Collections.nCopies(columns.size(), "?"));
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
    return c;
  }

  private static String type(CubeTable t, ColumnLayout.Column c) {
    return switch (c.kind()) {
      case CODE, LABEL -> "VARCHAR NOT NULL";
      case STATUS -> "VARCHAR";
      case DATE -> "DATE";
      case MEASURE -> "DECIMAL(19, " + t.layout.decimals(c) + ")";
    };
  }
}
