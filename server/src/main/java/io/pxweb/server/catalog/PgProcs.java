package io.pxweb.server.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The functions pg_proc lists: the input, output, receive and send functions of the types in
 * pg_type and the access methods' handlers, with PostgreSQL 15's OIDs for them. pg_type's
 * regproc columns (typinput, typreceive...) hold these OIDs, so a client that joins pg_proc
 * on them (Npgsql's type loading: {@code proc.proname = 'array_recv'}) or compares them with
 * {@code 'pg_catalog.array_in'::regproc} (pgjdbc's TypeInfoCache) finds them.
 */
public final class PgProcs {
  private static final Map<String, Integer> OIDS = load();

  private PgProcs() {
  }

  /** A function's OID by its name, with or without {@code pg_catalog.}; null if none. */
  public static Integer oid(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    return OIDS.get(n.startsWith("pg_catalog.") ? n.substring("pg_catalog.".length()) : n);
  }

  /** The OID of a function pg_type or pg_am names ("-" is none: 0). */
  static int of(String name) {
    Integer oid = OIDS.get(name);
    return oid == null ? 0 : oid;
  }

  private static Map<String, Integer> load() {
    Map<String, Integer> oids = new HashMap<>();
    for (String[] f : SetFunctions.resourceLines("pg_procs.txt")) {
      oids.put(f[0], Integer.valueOf(f[1]));
    }
    return Map.copyOf(oids);
  }

  /** pg_proc's rows: each function in pg_catalog, internal, one argument. */
  static List<Object[]> rows() {
    List<Object[]> rows = new ArrayList<>();
    for (Map.Entry<String, Integer> f : OIDS.entrySet()) {
      rows.add(new Object[] {f.getValue(), f.getKey(), CatalogData.PG_CATALOG_OID,
          CatalogData.OWNER_OID, 12, "f", false, 0, null, 1});
    }
    return rows;
  }
}
