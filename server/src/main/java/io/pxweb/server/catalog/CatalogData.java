package io.pxweb.server.catalog;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The statbank catalog as PostgreSQL's system catalogs see it: namespaces, relations and their
 * attributes with OIDs, read through the driver's DatabaseMetaData (labels as remarks). Table
 * lists are read once per session; a table's columns only when a catalog query asks for them,
 * since each costs a metadata request to a live statbank.
 */
public final class CatalogData {
  static final int PG_CATALOG_OID = 11;
  static final int INFORMATION_SCHEMA_OID = 13_000;
  static final int PG_CLASS_OID = 1259;
  static final int OWNER_OID = 10;
  /** Schemas listed as PostgreSQL's own, or not at all (Calcite's metadata). */
  static final Set<String> SYSTEM_SCHEMAS = Set.of("pg_catalog", "information_schema", "metadata");

  /** OIDs are handed out once per server and name, so they stay the same across sessions. */
  public static final class Oids {
    private final Map<String, Integer> byName = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger(16_384);

    public int of(String kind, String... names) {
      return byName.computeIfAbsent(kind + ":" + String.join("\u0000", names),
          k -> next.getAndIncrement());
    }
  }

  public record Namespace(int oid, String name) {
  }

  public record Relation(int oid, Namespace namespace, String name, char kind, String remarks) {
  }

  public record Attribute(Relation relation, int num, String name, PgType type, int typmod,
      boolean notNull, String remarks, int precision, int scale) {
  }

  private final Connection connection;
  private final Oids oids;
  private List<Namespace> namespaces;
  private List<Relation> relations;
  private final Map<Integer, List<Attribute>> attributes = new HashMap<>();
  private final Map<Integer, List<String>> primaryKeys = new HashMap<>();

  public CatalogData(Connection connection, Oids oids) {
    this.connection = connection;
    this.oids = oids;
  }

  public synchronized List<Namespace> namespaces() throws SQLException {
    if (namespaces == null) {
      List<Namespace> list = new ArrayList<>();
      list.add(new Namespace(PG_CATALOG_OID, "pg_catalog"));
      list.add(new Namespace(INFORMATION_SCHEMA_OID, "information_schema"));
      try (ResultSet rs = connection.getMetaData().getSchemas()) {
        while (rs.next()) {
          String name = rs.getString("TABLE_SCHEM");
          if (!SYSTEM_SCHEMAS.contains(name.toLowerCase(Locale.ROOT))) {
            list.add(new Namespace(oids.of("n", name), name));
          }
        }
      }
      namespaces = list;
    }
    return namespaces;
  }

  Namespace namespace(String name) throws SQLException {
    for (Namespace n : namespaces()) {
      if (n.name().equals(name)) {
        return n;
      }
    }
    return null;
  }

  public synchronized List<Relation> relations() throws SQLException {
    if (relations == null) {
      List<Relation> list = new ArrayList<>();
      try (ResultSet rs = connection.getMetaData().getTables(null, null, "%", null)) {
        while (rs.next()) {
          String schema = rs.getString("TABLE_SCHEM");
          Namespace ns = namespace(schema);
          if (ns == null || SYSTEM_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT))) {
            continue;
          }
          String name = rs.getString("TABLE_NAME");
          String type = rs.getString("TABLE_TYPE");
          char kind = type != null && type.contains("VIEW") ? 'v' : 'r';
          list.add(new Relation(oids.of("r", schema, name), ns, name, kind,
              rs.getString("REMARKS")));
        }
      }
      relations = list;
    }
    return relations;
  }

  public Relation relation(int oid) throws SQLException {
    for (Relation r : relations()) {
      if (r.oid() == oid) {
        return r;
      }
    }
    return null;
  }

  /** The OID of a table named as {@code ::regclass} reads it (schema-qualified or not). */
  public Integer relationOid(String name) throws SQLException {
    String schema = null;
    String table = name;
    int dot = dotOutsideQuotes(name);
    if (dot >= 0) {
      schema = unquoteName(name.substring(0, dot));
      table = unquoteName(name.substring(dot + 1));
    } else {
      table = unquoteName(name);
    }
    if (schema == null || schema.equals("pg_catalog")) {
      Integer system = PgCatalogSchema.systemOid(table);
      if (system != null) {
        return system;
      }
    }
    Relation fallback = null;
    for (Relation r : relations()) {
      if ((schema == null || r.namespace().name().equalsIgnoreCase(schema))
          && r.name().equalsIgnoreCase(table)) {
        if (r.name().equals(table) && (schema != null
            || r.namespace().name().equals(PgCatalogSchema.DEFAULT_SCHEMA))) {
          return r.oid();
        }
        if (fallback == null) {
          fallback = r;
        }
      }
    }
    return fallback == null ? null : fallback.oid();
  }

  private static int dotOutsideQuotes(String s) {
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '.' && !quoted) {
        return i;
      }
    }
    return -1;
  }

  private static String unquoteName(String s) {
    s = s.trim();
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      return s.substring(1, s.length() - 1).replace("\"\"", "\"");
    }
    return s;
  }

  /** A relation's columns, read from the driver the first time they are asked for. */
  public synchronized List<Attribute> attributes(Relation r) throws SQLException {
    List<Attribute> list = attributes.get(r.oid());
    if (list == null) {
      list = new ArrayList<>();
      DatabaseMetaData md = connection.getMetaData();
      String escape = md.getSearchStringEscape();
      try (ResultSet rs = md.getColumns(null, like(r.namespace().name(), escape),
          like(r.name(), escape), "%")) {
        while (rs.next()) {
          if (!rs.getString("TABLE_NAME").equals(r.name())
              || !rs.getString("TABLE_SCHEM").equals(r.namespace().name())) {
            continue;
          }
          int size = rs.getInt("COLUMN_SIZE");
          int scale = rs.getInt("DECIMAL_DIGITS");
          PgType type = PgType.of(rs.getInt("DATA_TYPE"), size);
          int typmod = switch (type) {
            case NUMERIC -> size > 0 && size <= 1000 ? ((size << 16) | Math.max(scale, 0)) + 4 : -1;
            case VARCHAR, BPCHAR -> size > 0 ? size + 4 : -1;
            default -> -1;
          };
          list.add(new Attribute(r, list.size() + 1, rs.getString("COLUMN_NAME"), type, typmod,
              rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls,
              rs.getString("REMARKS"), size, scale));
        }
      }
      attributes.put(r.oid(), list);
    }
    return list;
  }

  /** The primary key's column names in key order (empty when the table has none). */
  public synchronized List<String> primaryKey(Relation r) throws SQLException {
    List<String> key = primaryKeys.get(r.oid());
    if (key == null) {
      Map<Integer, String> bySeq = new TreeMap<>();
      try (ResultSet rs = connection.getMetaData().getPrimaryKeys(null, r.namespace().name(),
          r.name())) {
        while (rs.next()) {
          bySeq.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
        }
      }
      key = new ArrayList<>(bySeq.values());
      primaryKeys.put(r.oid(), key);
    }
    return key;
  }

  private static String like(String name, String escape) {
    if (escape == null || escape.isEmpty()) {
      return name;
    }
    return name.replace(escape, escape + escape).replace("%", escape + "%")
        .replace("_", escape + "_");
  }

}
