package io.pxweb.server.catalog;

import java.util.ArrayList;
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
  private static final Map<String, Integer> OIDS = Map.ofEntries(
      Map.entry("array_in", 750), Map.entry("array_out", 751), Map.entry("array_recv", 2400),
      Map.entry("array_send", 2401), Map.entry("array_subscript_handler", 6179),
      Map.entry("array_typanalyze", 3816), Map.entry("boolin", 1242), Map.entry("boolout", 1243),
      Map.entry("boolrecv", 2436), Map.entry("boolsend", 2437), Map.entry("bpcharin", 1044),
      Map.entry("bpcharout", 1045), Map.entry("bpcharrecv", 2430), Map.entry("bpcharsend", 2431),
      Map.entry("bthandler", 330), Map.entry("byteain", 1244), Map.entry("byteaout", 31),
      Map.entry("bytearecv", 2412), Map.entry("byteasend", 2413), Map.entry("charin", 1245),
      Map.entry("charout", 33), Map.entry("charrecv", 2434), Map.entry("charsend", 2435),
      Map.entry("date_in", 1084), Map.entry("date_out", 1085), Map.entry("date_recv", 2468),
      Map.entry("date_send", 2469), Map.entry("float4in", 200), Map.entry("float4out", 201),
      Map.entry("float4recv", 2424), Map.entry("float4send", 2425), Map.entry("float8in", 214),
      Map.entry("float8out", 215), Map.entry("float8recv", 2426), Map.entry("float8send", 2427),
      Map.entry("heap_tableam_handler", 3), Map.entry("int2in", 38), Map.entry("int2out", 39),
      Map.entry("int2recv", 2404), Map.entry("int2send", 2405), Map.entry("int4in", 42),
      Map.entry("int4out", 43), Map.entry("int4recv", 2406), Map.entry("int4send", 2407),
      Map.entry("int8in", 460), Map.entry("int8out", 461), Map.entry("int8recv", 2408),
      Map.entry("int8send", 2409), Map.entry("namein", 34), Map.entry("nameout", 35),
      Map.entry("namerecv", 2422), Map.entry("namesend", 2423), Map.entry("numeric_in", 1701),
      Map.entry("numeric_out", 1702), Map.entry("numeric_recv", 2460),
      Map.entry("numeric_send", 2461), Map.entry("oidin", 1798), Map.entry("oidout", 1799),
      Map.entry("oidrecv", 2418), Map.entry("oidsend", 2419), Map.entry("textin", 46),
      Map.entry("textout", 47), Map.entry("textrecv", 2414), Map.entry("textsend", 2415),
      Map.entry("time_in", 1143), Map.entry("time_out", 1144), Map.entry("time_recv", 2470),
      Map.entry("time_send", 2471), Map.entry("timestamp_in", 1312),
      Map.entry("timestamp_out", 1313), Map.entry("timestamp_recv", 2474),
      Map.entry("timestamp_send", 2475), Map.entry("timestamptz_in", 1150),
      Map.entry("timestamptz_out", 1151), Map.entry("timestamptz_recv", 2476),
      Map.entry("timestamptz_send", 2477), Map.entry("unknownin", 109),
      Map.entry("unknownout", 110), Map.entry("unknownrecv", 2416), Map.entry("unknownsend", 2417),
      Map.entry("varcharin", 1046), Map.entry("varcharout", 1047), Map.entry("varcharrecv", 2432),
      Map.entry("varcharsend", 2433));

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
