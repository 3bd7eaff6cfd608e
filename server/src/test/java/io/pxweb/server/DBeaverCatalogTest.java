package io.pxweb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The catalog queries DBeaver's PostgreSQL plugin sends when a connection's tree is opened
 * (PostgreDatabase's schema cache, PostgreSchema's table cache, PostgreTableBase's attribute
 * cache in dbeaver/dbeaver's plugins/org.jkiss.dbeaver.ext.postgresql), with its parameters,
 * through pgjdbc: schemas, tables with their labels, columns with types and labels.
 */
class DBeaverCatalogTest {
  private static final String SCHEMAS = "SELECT n.oid,n.*,d.description FROM pg_catalog.pg_namespace n\n"
      + "LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=n.oid AND d.objsubid=0 "
      + "AND d.classoid='pg_namespace'::regclass\n ORDER BY nspname";
  private static final String TABLES = "SELECT c.oid,c.*,d.description,"
      + "pg_catalog.pg_get_expr(c.relpartbound, c.oid) as partition_expr,  "
      + "pg_catalog.pg_get_partkeydef(c.oid) as partition_key \n"
      + "FROM pg_catalog.pg_class c\n"
      + "LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=c.oid AND d.objsubid=0 "
      + "AND d.classoid='pg_class'::regclass\n"
      + "WHERE c.relnamespace=? AND c.relkind not in ('i','I','c')";
  private static final String COLUMNS = "SELECT c.relname,a.*,"
      + "pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true) as def_value,dsc.description,"
      + "dep.objid\nFROM pg_catalog.pg_attribute a\n"
      + "INNER JOIN pg_catalog.pg_class c ON (a.attrelid=c.oid)\n"
      + "LEFT OUTER JOIN pg_catalog.pg_attrdef ad ON (a.attrelid=ad.adrelid AND a.attnum = ad.adnum)\n"
      + "LEFT OUTER JOIN pg_catalog.pg_description dsc ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid)\n"
      + "LEFT OUTER JOIN pg_depend dep on dep.refobjid = a.attrelid AND dep.deptype = 'i' and "
      + "dep.refobjsubid = a.attnum and dep.classid = dep.refclassid\n"
      + "WHERE NOT a.attisdropped AND c.relkind not in ('i','I','c') AND c.oid=?\n"
      + "ORDER BY a.attnum";

  @Test
  void schemaTablesAndColumnsAsDbeaverReadsThem() throws Exception {
    try (PxWebServer server = ServerFixture.start();
         Connection c = ServerFixture.pg(server, "ApplicationName=DBeaver")) {
      Map<String, Long> schemas = new LinkedHashMap<>();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SCHEMAS)) {
        while (rs.next()) {
          schemas.put(rs.getString("nspname"), rs.getLong("oid"));
        }
      }
      assertTrue(schemas.containsKey("environment") && schemas.containsKey("pg_catalog"),
          schemas.toString());
      Map<String, Long> tables = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement(TABLES)) {
        ps.setLong(1, schemas.get("environment"));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            tables.put(rs.getString("relname"), rs.getLong("oid"));
            assertEquals("r", rs.getString("relkind"));
            assertTrue(rs.getString("description") != null, "the table's label");
          }
        }
      }
      assertEquals(List.of("TAB003", "TAB004", "TAB005"),
          tables.keySet().stream().sorted().toList());
      List<String> columns = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(COLUMNS)) {
        ps.setLong(1, tables.get("TAB004"));
        try (ResultSet rs = ps.executeQuery()) {
          ResultSetMetaData md = rs.getMetaData();
          assertEquals("relname", md.getColumnLabel(1));
          while (rs.next()) {
            assertEquals("TAB004", rs.getString("relname"));
            assertEquals(columns.size() + 1, rs.getInt("attnum"));
            columns.add(rs.getString("attname"));
          }
        }
      }
      List<String> expected = new ArrayList<>();
      try (Connection direct = ServerFixture.direct();
           ResultSet rs = direct.getMetaData().getColumns(null, "environment", "TAB004", null)) {
        while (rs.next()) {
          expected.add(rs.getString("COLUMN_NAME"));
        }
      }
      assertEquals(expected, columns);
    }
  }
}
