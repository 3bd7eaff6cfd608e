package io.pxweb.jdbc.adapter.klass;

import io.pxweb.jdbc.adapter.PxWebQueryException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteFactory;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.schema.SchemaPlus;

/** Connections with a Klass schema, and helpers that run SQL and compare its results. */
final class KlassSql {
  /** The driver's parser, which takes keywords such as SEARCH and DATE as column names. */
  private static final String BABEL =
      "org.apache.calcite.sql.parser.babel.SqlBabelParserImpl#FACTORY";
  /** The Calcite settings the driver's connections use for names and parsing. */
  static final String CALCITE_URL =
      "jdbc:calcite:caseSensitive=false;unquotedCasing=UNCHANGED;quotedCasing=UNCHANGED"
          + ";parserFactory=" + BABEL;

  private KlassSql() {
  }

  /**
   * Opens a plain Calcite connection (Calcite's default, caching root schema) with the schema
   * added as {@code klass}. Such a connection sees the listed tables only: each statement
   * resolves names against a snapshot that holds just the names the schema lists.
   */
  static Connection connectDefault(KlassSchema schema) throws SQLException {
    // Calcite's driver directly: loading the pxweb driver deregisters jdbc:calcite:.
    Connection c = new org.apache.calcite.jdbc.Driver().connect(CALCITE_URL, new java.util.Properties());
    c.unwrap(CalciteConnection.class).getRootSchema().add(KlassSchema.NAME, schema);
    return c;
  }

  /**
   * Opens a Calcite connection whose root schema does not cache, with the schema added as
   * {@code klass}: then any classification id resolves, listed or not.
   */
  static Connection connect(KlassSchema schema) throws SQLException {
    Connection c = UncachedRootDriver.INSTANCE.open();
    SchemaPlus root = c.unwrap(CalciteConnection.class).getRootSchema();
    root.add(KlassSchema.NAME, schema);
    return c;
  }

  /** Calcite's driver, opening connections on a root schema made without a cache. */
  private static final class UncachedRootDriver extends Driver {
    static final UncachedRootDriver INSTANCE = new UncachedRootDriver();

    Connection open() throws SQLException {
      Properties info = new Properties();
      info.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
      info.setProperty(CalciteConnectionProperty.UNQUOTED_CASING.camelName(), "UNCHANGED");
      info.setProperty(CalciteConnectionProperty.QUOTED_CASING.camelName(), "UNCHANGED");
      info.setProperty(CalciteConnectionProperty.PARSER_FACTORY.camelName(), BABEL);
      // What Driver.connect does, but on a root schema that resolves names without a cache.
      AvaticaConnection c = ((CalciteFactory) factory).newConnection(this, factory,
          CONNECT_STRING_PREFIX, info, CalciteSchema.createRootSchema(true, false), null);
      handler.onConnectionInit(c);
      return c;
    }
  }

  /** Runs a query; returns its rows, dates as {@link java.time.LocalDate}. */
  static List<List<Object>> rows(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<List<Object>> out = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object v = rs.getObject(i);
          row.add(v instanceof java.sql.Date d ? d.toLocalDate() : v);
        }
        out.add(row);
      }
      return out;
    }
  }

  /** Returns the column names of a query's result. */
  static List<String> columns(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        names.add(rs.getMetaData().getColumnName(i));
      }
      return names;
    }
  }

  /** Returns the EXPLAIN PLAN text of a query. */
  static String explain(Connection c, String sql) throws SQLException {
    StringBuilder b = new StringBuilder();
    for (List<Object> row : rows(c, "EXPLAIN PLAN FOR " + sql)) {
      b.append(row.get(0)).append('\n');
    }
    return b.toString();
  }

  static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  /**
   * Returns the driver's own exception inside what Calcite throws, as the driver's error
   * boundary does: the SQLException a {@link PxWebQueryException} carries, else the first
   * SQLException with a SQLState.
   */
  static SQLException cause(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof PxWebQueryException q) {
        return q.getCause();
      }
    }
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        return s;
      }
    }
    throw new AssertionError("no SQLException in " + thrown, thrown);
  }
}
