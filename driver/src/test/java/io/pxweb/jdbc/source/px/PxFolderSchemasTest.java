package io.pxweb.jdbc.source.px;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schemas a PX folder shows to tools: its own and meta, no Klass, no Calcite internals. */
class PxFolderSchemasTest {
  private static final String SAMPLE = "jdbc:pxweb:file:"
      + Path.of("..", "samples", "db").toAbsolutePath().normalize();

  private static List<String> schemas(String url) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs = c.getMetaData().getSchemas()) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_SCHEM"));
      }
    }
    return names.stream().sorted().toList();
  }

  @Test
  void aFolderListsItsSubjectsStatbankAndMetaOnly() throws SQLException {
    assertEquals(List.of("economy", "environment", "labour", "meta", "population", "statbank",
        "trade"), schemas(SAMPLE));
  }

  @Test
  void klassOnlyWhenAKlassServerIsNamed() throws SQLException {
    // Naming the server is enough to list the schema; no request is made until it is read.
    assertTrue(schemas(SAMPLE + ";klassUrl=http://localhost:9/klass").contains("klass"));
  }

  @Test
  void codelistTablesAreNotOfferedOverAFolder() throws SQLException {
    try (Connection c = DriverManager.getConnection(SAMPLE)) {
      String table;
      try (ResultSet rs = c.getMetaData().getTables(null, "statbank", "%", null)) {
        assertTrue(rs.next());
        table = rs.getString("TABLE_NAME");
      }
      SQLException e = assertThrows(SQLException.class, () -> {
        try (Statement s = c.createStatement()) {
          s.executeQuery("select * from \"" + table + "@agg_x\"").close();
        }
      });
      // The folder's tables have no codelists: meta.codelists lists none, as the error says.
      assertEquals("42S02", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("has no codelist 'agg_x'"), e.getMessage());
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select count(*) from meta.codelists"
              + " where table_id = '" + table + "'")) {
        assertTrue(rs.next());
        assertEquals(0, rs.getLong(1));
      }
    }
  }
}
