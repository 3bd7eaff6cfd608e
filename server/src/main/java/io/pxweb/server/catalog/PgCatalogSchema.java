package io.pxweb.server.catalog;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.schema.impl.TableFunctionImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The {@code pg_catalog} and {@code information_schema} schemas a session's driver connection
 * gets, computed from the statbank catalog: what psql, pgjdbc's DatabaseMetaData and BI tools
 * read. Tables that describe features statbanks lack (triggers, indexes, rules) are empty.
 */
public final class PgCatalogSchema extends AbstractSchema {
  public static final String DEFAULT_SCHEMA = "statbank";

  /** OIDs PostgreSQL gives its own catalog tables (pg_class is 1259 in every cluster). */
  private static final Map<String, Integer> SYSTEM_OIDS = Map.of("pg_class", 1259,
      "pg_type", 1247, "pg_attribute", 1249, "pg_proc", 1255, "pg_namespace", 2615,
      "pg_constraint", 2606, "pg_description", 2609, "pg_index", 2610, "pg_database", 1262,
      "pg_attrdef", 2604);

  private final Map<String, Table> tables;
  private final CatalogData data;
  private final SessionSettings settings;
  private PgCatalogSchema(Map<String, Table> tables, CatalogData data, SessionSettings settings) {
    this.tables = tables;
    this.data = data;
    this.settings = settings;
  }

  /** The session's catalog, for the functions that read it. */
  CatalogData data() {
    return data;
  }

  /** The session's settings, for the functions that read them. */
  SessionSettings settings() {
    return settings;
  }

  /** The pg_catalog schema a query's context sees: its session's. */
  static PgCatalogSchema of(DataContext root) {
    SchemaPlus pg = root.getRootSchema().subSchemas().get("pg_catalog");
    return pg == null ? null : pg.unwrap(PgCatalogSchema.class);
  }

  @Override protected Map<String, Table> getTableMap() {
    return tables;
  }

  /** Whether pg_catalog has a table of this name: PostgreSQL finds them unqualified too. */
  public boolean isCatalogTable(String name) {
    return tables.containsKey(name.toLowerCase(Locale.ROOT));
  }

  /**
   * The only values a catalog column ever holds here, or null when it may hold any: statbanks
   * declare primary keys only, so pg_constraint.contype is always 'p'.
   */
  public static Set<String> onlyValues(String table, String column) {
    return table.equals("pg_constraint") && column.equals("contype") ? Set.of("p") : null;
  }

  static Integer systemOid(String table) {
    return SYSTEM_OIDS.get(table);
  }

  /**
   * Adds pg_catalog, information_schema, the catalog functions and PostgreSQL type names to a
   * session's root schema; returns the session's pg_catalog.
   */
  public static PgCatalogSchema register(SchemaPlus root, CatalogData data,
      SessionSettings settings) {
    PgCatalogSchema catalog = new PgCatalogSchema(pgCatalog(data, settings), data, settings);
    SchemaPlus pg = root.add("pg_catalog", catalog);
    root.add("information_schema", new PgCatalogSchema(informationSchema(data, settings), data,
        settings));
    for (Method m : PgFunctions.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() == PgFunctions.class) {
        Function f = SessionFunction.takesContext(m)
            ? SessionFunction.of(m) : ScalarFunctionImpl.create(m);
        pg.add(m.getName(), f);
        root.add(m.getName(), f);
      }
    }
    for (Method m : SetFunctions.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() == SetFunctions.class) {
        Function f = TableFunctionImpl.create(m);
        pg.add(m.getName(), f);
        root.add(m.getName(), f);
      }
    }
    Map<String, SqlTypeName> aliases = new HashMap<>();
    for (String t : new String[] {"text", "name", "bpchar", "char", "regtype", "regproc",
        "regprocedure", "regnamespace", "regrole", "citext", "inet", "uuid", "json", "jsonb"}) {
      aliases.put(t, SqlTypeName.VARCHAR);
    }
    for (String t : new String[] {"oid", "regclass", "int4", "xid", "cid"}) {
      aliases.put(t, SqlTypeName.INTEGER);
    }
    aliases.put("int2", SqlTypeName.SMALLINT);
    aliases.put("int8", SqlTypeName.BIGINT);
    aliases.put("float4", SqlTypeName.REAL);
    aliases.put("float8", SqlTypeName.DOUBLE);
    aliases.put("bool", SqlTypeName.BOOLEAN);
    aliases.put("timestamptz", SqlTypeName.TIMESTAMP);
    for (Map.Entry<String, SqlTypeName> a : aliases.entrySet()) {
      SqlTypeName type = a.getValue();
      RelProtoDataType proto = f -> f.createSqlType(type);
      root.add(a.getKey(), proto);
      pg.add(a.getKey(), proto);
    }
    return catalog;
  }

  private static Map<String, Table> pgCatalog(CatalogData data, SessionSettings settings) {
    Map<String, Table> t = new HashMap<>();
    t.put("pg_namespace", new SystemTable("oid oid, nspname name, nspowner oid, nspacl text",
        eq -> {
          List<Object[]> rows = new ArrayList<>();
          for (CatalogData.Namespace n : data.namespaces()) {
            rows.add(new Object[] {n.oid(), n.name(), CatalogData.OWNER_OID, null});
          }
          return rows;
        }));
    t.put("pg_class", new SystemTable("oid oid, relname name, relnamespace oid, reltype oid, "
        + "reloftype oid, relowner oid, relam oid, relfilenode oid, reltablespace oid, "
        + "relpages int4, reltuples float4, relallvisible int4, reltoastrelid oid, "
        + "relhasindex bool, relisshared bool, relpersistence char, relkind char, "
        + "relnatts int2, relchecks int2, relhasrules bool, relhastriggers bool, "
        + "relhassubclass bool, relrowsecurity bool, relforcerowsecurity bool, "
        + "relispopulated bool, relreplident char, relispartition bool, relrewrite oid, "
        + "relfrozenxid xid, relminmxid xid, relacl text, reloptions _text, relpartbound text",
        eq -> {
          List<Object[]> rows = new ArrayList<>();
          Integer oid = SystemTable.intValue(eq, "oid");
          for (CatalogData.Relation r : data.relations()) {
            if (oid == null || r.oid() == oid) {
              rows.add(new Object[] {r.oid(), r.name(), r.namespace().oid(), 0, 0,
                  CatalogData.OWNER_OID, 2, 0, 0, 0, -1f, 0, 0, PrimaryKeys.hasKey(r), false,
                  "p", String.valueOf(r.kind()), oid != null ? data.attributes(r).size() : 0, 0,
                  false, false, false, false, false, true, "d", false, 0, 0, 0, null, null,
                  null});
            }
            if (PrimaryKeys.hasKey(r) && (oid == null || PrimaryKeys.indexOid(r) == oid)) {
              // The key's index; its column count costs the table's metadata: only when named.
              rows.add(new Object[] {PrimaryKeys.indexOid(r), PrimaryKeys.name(r),
                  r.namespace().oid(), 0, 0, CatalogData.OWNER_OID, PrimaryKeys.BTREE, 0, 0, 1,
                  0f, 0, 0, false, false, "p", "i",
                  oid != null ? data.primaryKey(r).size() : 0, 0, false, false, false, false,
                  false, true, "n", false, 0, 0, 0, null, null, null});
            }
          }
          return rows;
        }));
    t.put("pg_attribute", new SystemTable("attrelid oid, attname name, atttypid oid, "
        + "attstattarget int4, attlen int2, attnum int2, attndims int4, attcacheoff int4, "
        + "atttypmod int4, attbyval bool, attalign char, attstorage char, "
        + "attcompression char, attnotnull bool, "
        + "atthasdef bool, atthasmissing bool, attidentity char, attgenerated char, "
        + "attisdropped bool, attislocal bool, attinhcount int4, attcollation oid, "
        + "attacl text, attoptions text, attfdwoptions text, attmissingval text",
        eq -> {
          List<Object[]> rows = new ArrayList<>();
          for (CatalogData.Attribute a : attributes(data, SystemTable.intValue(eq, "attrelid"))) {
            rows.add(new Object[] {a.relation().oid(), a.name(), a.type().oid, -1,
                a.type().length, a.num(), 0, -1, a.typmod(), a.type().length > 0, "i", "p", "",
                a.notNull(), false, false, "", "", false, true, 0,
                a.type() == PgType.VARCHAR || a.type() == PgType.TEXT ? 100 : 0,
                null, null, null, null});
          }
          return rows;
        }));
    t.put("pg_type", new SystemTable("oid oid, typname name, typnamespace oid, typowner oid, "
        + "typlen int2, typbyval bool, typtype char, typcategory char, typispreferred bool, "
        + "typisdefined bool, typdelim char, typrelid oid, typsubscript regproc, typelem oid, "
        + "typarray oid, typinput regproc, typoutput regproc, typreceive regproc, "
        + "typsend regproc, typmodin regproc, typmodout regproc, typanalyze regproc, "
        + "typalign char, typstorage char, typnotnull bool, typbasetype oid, typtypmod int4, "
        + "typndims int4, typcollation oid, typdefaultbin text, typdefault text, typacl text",
        eq -> {
          List<Object[]> rows = new ArrayList<>();
          for (PgType p : PgType.values()) {
            if (p == PgType.TEXT_ARRAY || p == PgType.INT2_ARRAY) {
              continue; // text's and int2's array types, listed with them
            }
            Integer array = ARRAY_TYPES.get(p);
            rows.add(new Object[] {p.oid, p.name, CatalogData.PG_CATALOG_OID,
                CatalogData.OWNER_OID, p.length, p.length > 0 && p.length <= 8,
                p == PgType.UNKNOWN ? "p" : "b", category(p), false, true, ",", 0, 0, 0, array == null ? 0 : array,
                PgProcs.of(ioFunction(p, "in")), PgProcs.of(ioFunction(p, "out")),
                PgProcs.of(ioFunction(p, "recv")), PgProcs.of(ioFunction(p, "send")), 0, 0,
                0, p.length == 8 ? "d" : "i", p.length > 0 ? "p" : "x", false, 0, -1, 0,
                p == PgType.TEXT || p == PgType.VARCHAR || p == PgType.BPCHAR ? 100 : 0,
                null, null, null});
            if (array != null) {
              // Its array type, _name: what pgjdbc's TypeInfoCache asks about for arrays.
              rows.add(new Object[] {array, "_" + p.name, CatalogData.PG_CATALOG_OID,
                  CatalogData.OWNER_OID, -1, false, "b", "A", false, true, ",", 0,
                  PgProcs.of("array_subscript_handler"), p.oid, 0, PgProcs.of("array_in"),
                  PgProcs.of("array_out"), PgProcs.of("array_recv"), PgProcs.of("array_send"),
                  0, 0, PgProcs.of("array_typanalyze"), p.length == 8 ? "d" : "i", "x",
                  false, 0, -1, 0, rows.get(rows.size() - 1)[28], null, null, null});
            }
          }
          return rows;
        }));
    t.put("pg_description", new SystemTable("objoid oid, classoid oid, objsubid int4, "
        + "description text", eq -> {
          List<Object[]> rows = new ArrayList<>();
          Integer oid = SystemTable.intValue(eq, "objoid");
          for (CatalogData.Relation r : data.relations()) {
            if (oid != null && r.oid() != oid) {
              continue;
            }
            if (r.remarks() != null) {
              rows.add(new Object[] {r.oid(), CatalogData.PG_CLASS_OID, 0, r.remarks()});
            }
            if (oid != null) {
              for (CatalogData.Attribute a : data.attributes(r)) {
                if (a.remarks() != null) {
                  rows.add(new Object[] {r.oid(), CatalogData.PG_CLASS_OID, a.num(),
                      a.remarks()});
                }
              }
            }
          }
          return rows;
        }));
    t.put("pg_database", new SystemTable("oid oid, datname name, datdba oid, encoding int4, "
        + "datcollate name, datctype name, datistemplate bool, datallowconn bool, "
        + "datconnlimit int4, datlastsysoid oid, datfrozenxid xid, datminmxid xid, "
        + "dattablespace oid, datacl text", eq -> List.<Object[]>of(new Object[] {
            1, settings.get("database"), CatalogData.OWNER_OID, 6, "C", "C", false, true, -1,
            0, 0, 0, 1663, null})));
    t.put("pg_proc", new SystemTable("oid oid, proname name, pronamespace oid, proowner oid, "
        + "prolang oid, prokind char, proretset bool, prorettype oid, proargtypes text, "
        + "pronargs int2", eq -> PgProcs.rows()));
    t.put("pg_am", new SystemTable("oid oid, amname name, amhandler regproc, amtype char",
        eq -> List.<Object[]>of(
            new Object[] {2, "heap", PgProcs.of("heap_tableam_handler"), "t"},
            new Object[] {PrimaryKeys.BTREE, "btree", PgProcs.of("bthandler"), "i"})));
    t.put("pg_roles", new SystemTable("rolname name, rolsuper bool, rolinherit bool, "
        + "rolcreaterole bool, rolcreatedb bool, rolcanlogin bool, rolreplication bool, "
        + "rolconnlimit int4, rolpassword text, rolvaliduntil text, rolbypassrls bool, "
        + "rolconfig text, oid oid", eq -> List.<Object[]>of(new Object[] {
            settings.get("session_authorization"), false, true, false, false, true, false, -1,
            "********", null, false, null, CatalogData.OWNER_OID})));
    t.put("pg_user", new SystemTable("usename name, usesysid oid, usecreatedb bool, "
        + "usesuper bool, userepl bool, usebypassrls bool, passwd text, valuntil text, "
        + "useconfig text", eq -> List.<Object[]>of(new Object[] {
            settings.get("session_authorization"), CatalogData.OWNER_OID, false, false, false,
            false, "********", null, null})));
    t.put("pg_tables", new SystemTable("schemaname name, tablename name, tableowner name, "
        + "tablespace name, hasindexes bool, hasrules bool, hastriggers bool, rowsecurity bool",
        eq -> {
          List<Object[]> rows = new ArrayList<>();
          for (CatalogData.Relation r : data.relations()) {
            if (r.kind() == 'r') {
              rows.add(new Object[] {r.namespace().name(), r.name(),
                  settings.get("session_authorization"), null, false, false, false, false});
            }
          }
          return rows;
        }));
    t.put("pg_stat_user_tables", new SystemTable("relid oid, schemaname name, relname name, "
        + "seq_scan int8, n_live_tup int8", eq -> {
          List<Object[]> rows = new ArrayList<>();
          for (CatalogData.Relation r : data.relations()) {
            rows.add(new Object[] {r.oid(), r.namespace().name(), r.name(), 0L, 0L});
          }
          return rows;
        }));
    t.put("pg_settings", new SystemTable("name text, setting text, unit text, category text, "
        + "short_desc text, extra_desc text, context text, vartype text, source text, "
        + "min_val text, max_val text, enumvals text, boot_val text, reset_val text, "
        + "sourcefile text, sourceline int4, pending_restart bool", eq -> {
          List<Object[]> rows = new ArrayList<>();
          for (Map.Entry<String, String> e : settings.all().entrySet()) {
            rows.add(new Object[] {e.getKey(), e.getValue(), null, "", "", null, "user",
                "string", "default", null, null, null, e.getValue(), e.getValue(), null, null,
                false});
          }
          return rows;
        }));
    t.put("pg_views", SystemTable.empty("schemaname name, viewname name, viewowner name, "
        + "definition text"));
    t.put("pg_matviews", SystemTable.empty("schemaname name, matviewname name, "
        + "matviewowner name, tablespace name, hasindexes bool, ispopulated bool, "
        + "definition text"));
    t.put("pg_enum", SystemTable.empty("oid oid, enumtypid oid, enumsortorder float4, "
        + "enumlabel name"));
    t.put("pg_attrdef", SystemTable.empty("oid oid, adrelid oid, adnum int2, adbin text"));
    t.put("pg_index", new SystemTable("indexrelid oid, indrelid oid, indnatts int2, "
        + "indnkeyatts int2, indisunique bool, indisprimary bool, indisexclusion bool, "
        + "indimmediate bool, indisclustered bool, indisvalid bool, indcheckxmin bool, "
        + "indisready bool, indislive bool, indisreplident bool, indkey _int2, "
        + "indcollation _oid, indclass _oid, indoption _int2, indexprs text, indpred text",
        eq -> {
          List<Object[]> rows = new ArrayList<>();
          for (CatalogData.Relation r : keyed(data, SystemTable.intValue(eq, "indrelid"))) {
            if (SystemTable.intValue(eq, "indexrelid") != null
                && PrimaryKeys.indexOid(r) != SystemTable.intValue(eq, "indexrelid")) {
              continue;
            }
            List<Short> key = PrimaryKeys.attributeNumbers(data, r);
            List<Integer> collations = new ArrayList<>();
            List<Integer> classes = new ArrayList<>();
            List<Short> options = new ArrayList<>();
            for (Short n : key) {
              PgType type = data.attributes(r).get(n - 1).type();
              collations.add(type == PgType.TEXT || type == PgType.VARCHAR ? 100 : 0);
              classes.add(0);
              options.add((short) 0);
            }
            rows.add(new Object[] {PrimaryKeys.indexOid(r), r.oid(), key.size(), key.size(),
                true, true, false, true, false, true, false, true, true, false, key,
                collations, classes, options, null, null});
          }
          return rows;
        }));
    t.put("pg_constraint", new SystemTable("oid oid, conname name, connamespace oid, "
        + "contype char, condeferrable bool, condeferred bool, convalidated bool, "
        + "conrelid oid, contypid oid, conindid oid, conparentid oid, confrelid oid, "
        + "confupdtype char, confdeltype char, confmatchtype char, conislocal bool, "
        + "coninhcount int4, connoinherit bool, conkey _int2, confkey _int2, conbin text",
        eq -> {
          List<Object[]> rows = new ArrayList<>();
          Object type = eq.get("contype");
          if (type != null && !type.toString().equals("p")) {
            return rows; // statbanks declare primary keys only
          }
          Integer oid = SystemTable.intValue(eq, "oid");
          for (CatalogData.Relation r : keyed(data, SystemTable.intValue(eq, "conrelid"))) {
            if (oid == null || PrimaryKeys.constraintOid(r) == oid) {
              rows.add(new Object[] {PrimaryKeys.constraintOid(r), PrimaryKeys.name(r),
                  r.namespace().oid(), "p", false, false, true, r.oid(), 0,
                  PrimaryKeys.indexOid(r), 0, 0, " ", " ", " ", true, 0, true,
                  PrimaryKeys.attributeNumbers(data, r), null, null});
            }
          }
          return rows;
        }));
    for (String empty : new String[] {
        "pg_inherits:inhrelid oid, inhparent oid, inhseqno int4, inhdetachpending bool",
        "pg_trigger:oid oid, tgrelid oid, tgname name, tgfoid oid, tgtype int2, tgenabled char, "
            + "tgisinternal bool, tgconstraint oid",
        "pg_rewrite:oid oid, rulename name, ev_class oid, ev_type char, ev_enabled char, "
            + "is_instead bool",
        "pg_policy:oid oid, polname name, polrelid oid, polcmd char, polpermissive bool, "
            + "polroles _oid, polqual text, polwithcheck text",
        "pg_statistic_ext:oid oid, stxrelid oid, stxname name, stxnamespace oid, stxowner oid, "
            + "stxstattarget int4, stxkeys _int2, stxkind _char, stxexprs text",
        "pg_publication:oid oid, pubname name, puballtables bool",
        "pg_publication_rel:oid oid, prpubid oid, prrelid oid",
        "pg_foreign_table:ftrelid oid, ftserver oid, ftoptions text",
        "pg_partitioned_table:partrelid oid, partstrat char, partnatts int2",
        "pg_extension:oid oid, extname name, extowner oid, extnamespace oid, "
            + "extrelocatable bool, extversion text",
        "pg_collation:oid oid, collname name, collnamespace oid, collprovider char",
        "pg_tablespace:oid oid, spcname name, spcowner oid",
        "pg_event_trigger:oid oid, evtname name",
        "pg_depend:classid oid, objid oid, objsubid int4, refclassid oid, refobjid oid, "
            + "refobjsubid int4, deptype char",
        "pg_sequence:seqrelid oid, seqtypid oid, seqstart int8, seqincrement int8, seqmax int8, "
            + "seqmin int8, seqcache int8, seqcycle bool",
        "pg_range:rngtypid oid, rngsubtype oid, rngmultitypid oid, rngcollation oid, "
            + "rngsubopc oid, rngcanonical regproc, rngsubdiff regproc",
        "pg_locks:locktype text, database oid, relation oid, pid int4, mode text, "
            + "granted bool",
        "pg_stat_activity:datid oid, datname name, pid int4, usename name, "
            + "application_name text, state text, query text"}) {
      int colon = empty.indexOf(':');
      t.put(empty.substring(0, colon), SystemTable.empty(empty.substring(colon + 1)));
    }
    return t;
  }

  private static Map<String, Table> informationSchema(CatalogData data,
      SessionSettings settings) {
    Map<String, Table> t = new HashMap<>();
    String db = settings.get("database");
    t.put("schemata", new SystemTable("catalog_name name, schema_name name, schema_owner name, "
        + "default_character_set_catalog name, default_character_set_schema name, "
        + "default_character_set_name name, sql_path text", eq -> {
          List<Object[]> rows = new ArrayList<>();
          for (CatalogData.Namespace n : data.namespaces()) {
            rows.add(new Object[] {db, n.name(), settings.get("session_authorization"), null,
                null, null, null});
          }
          return rows;
        }));
    t.put("tables", new SystemTable("table_catalog name, table_schema name, table_name name, "
        + "table_type text, self_referencing_column_name name, reference_generation text, "
        + "user_defined_type_catalog name, user_defined_type_schema name, "
        + "user_defined_type_name name, is_insertable_into text, is_typed text, "
        + "commit_action text", eq -> {
          List<Object[]> rows = new ArrayList<>();
          for (CatalogData.Relation r : data.relations()) {
            rows.add(new Object[] {db, r.namespace().name(), r.name(),
                r.kind() == 'v' ? "VIEW" : "BASE TABLE", null, null, null, null, null, "NO",
                "NO", null});
          }
          return rows;
        }));
    t.put("columns", new SystemTable("table_catalog name, table_schema name, table_name name, "
        + "column_name name, ordinal_position int4, column_default text, is_nullable text, "
        + "data_type text, character_maximum_length int4, character_octet_length int4, "
        + "numeric_precision int4, numeric_precision_radix int4, numeric_scale int4, "
        + "datetime_precision int4, udt_catalog name, udt_schema name, udt_name name, "
        + "is_identity text, is_generated text, is_updatable text, dtd_identifier text",
        eq -> {
          List<Object[]> rows = new ArrayList<>();
          Object table = eq.get("table_name");
          Object schema = eq.get("table_schema");
          for (CatalogData.Relation r : data.relations()) {
            if (table != null && !r.name().equals(table.toString())
                || schema != null && !r.namespace().name().equals(schema.toString())) {
              continue;
            }
            for (CatalogData.Attribute a : data.attributes(r)) {
              boolean chars = a.type() == PgType.VARCHAR || a.type() == PgType.BPCHAR;
              boolean numeric = a.type() == PgType.NUMERIC;
              rows.add(new Object[] {db, r.namespace().name(), r.name(), a.name(), a.num(),
                  null, a.notNull() ? "NO" : "YES", dataType(a.type()),
                  chars ? a.precision() : null, chars ? a.precision() * 4 : null,
                  numeric ? a.precision() : null, numeric ? 10 : null,
                  numeric ? a.scale() : null, null, db, "pg_catalog", a.type().name, "NO",
                  "NEVER", "NO", Integer.toString(a.num())});
            }
          }
          return rows;
        }));
    // Statbank columns hold no arrays: no column has element types (Malloy joins it).
    t.put("element_types", SystemTable.empty("object_catalog name, object_schema name, "
        + "object_name name, object_type text, collection_type_identifier name, "
        + "data_type text, character_maximum_length int4, character_octet_length int4, "
        + "character_set_catalog name, character_set_schema name, character_set_name name, "
        + "collation_catalog name, collation_schema name, collation_name name, "
        + "numeric_precision int4, numeric_precision_radix int4, numeric_scale int4, "
        + "datetime_precision int4, interval_type text, interval_precision int4, "
        + "domain_default text, udt_catalog name, udt_schema name, udt_name name, "
        + "scope_catalog name, scope_schema name, scope_name name, maximum_cardinality int4, "
        + "dtd_identifier name"));
    t.put("views", SystemTable.empty("table_catalog name, table_schema name, table_name name, "
        + "view_definition text"));
    t.put("table_constraints", new SystemTable("constraint_catalog name, "
        + "constraint_schema name, constraint_name name, table_catalog name, table_schema name, "
        + "table_name name, constraint_type text, is_deferrable text, initially_deferred text, "
        + "enforced text", eq -> {
          List<Object[]> rows = new ArrayList<>();
          for (CatalogData.Relation r : keyedRelations(data, eq)) {
            rows.add(new Object[] {db, r.namespace().name(), r.name() + "_pkey", db,
                r.namespace().name(), r.name(), "PRIMARY KEY", "NO", "NO", "YES"});
          }
          return rows;
        }));
    t.put("key_column_usage", new SystemTable("constraint_catalog name, constraint_schema name, "
        + "constraint_name name, table_catalog name, table_schema name, table_name name, "
        + "column_name name, ordinal_position int4, position_in_unique_constraint int4", eq -> {
          List<Object[]> rows = new ArrayList<>();
          for (CatalogData.Relation r : keyedRelations(data, eq)) {
            List<String> key = data.primaryKey(r);
            for (int i = 0; i < key.size(); i++) {
              rows.add(new Object[] {db, r.namespace().name(), r.name() + "_pkey", db,
                  r.namespace().name(), r.name(), key.get(i), i + 1, null});
            }
          }
          return rows;
        }));
    t.put("referential_constraints", SystemTable.empty("constraint_catalog name, "
        + "constraint_schema name, constraint_name name, unique_constraint_catalog name, "
        + "unique_constraint_schema name, unique_constraint_name name"));
    t.put("routines", SystemTable.empty("specific_catalog name, specific_schema name, "
        + "specific_name name, routine_name name, routine_type text"));
    return t;
  }

  /** Relations named by a table_name filter that have a primary key (keys cost a request each). */
  private static List<CatalogData.Relation> keyedRelations(CatalogData data,
      Map<String, Object> eq) throws SQLException {
    List<CatalogData.Relation> out = new ArrayList<>();
    Object table = eq.get("table_name");
    if (table == null) {
      return out;
    }
    Object schema = eq.get("table_schema");
    for (CatalogData.Relation r : data.relations()) {
      if (r.name().equals(table.toString())
          && (schema == null || r.namespace().name().equals(schema.toString()))
          && !data.primaryKey(r).isEmpty()) {
        out.add(r);
      }
    }
    return out;
  }

  private static List<CatalogData.Attribute> attributes(CatalogData data, Integer relid)
      throws SQLException {
    List<CatalogData.Attribute> out = new ArrayList<>();
    for (CatalogData.Relation r : data.relations()) {
      if (relid == null || r.oid() == relid) {
        out.addAll(data.attributes(r));
      }
    }
    return out;
  }

  /**
   * The base tables (each has a key) a key table's rows are about: the one its relation column
   * is filtered to, else all of them (each key costs the table's metadata once per session).
   */
  private static List<CatalogData.Relation> keyed(CatalogData data, Integer relation)
      throws SQLException {
    List<CatalogData.Relation> out = new ArrayList<>();
    for (CatalogData.Relation r : data.relations()) {
      if (PrimaryKeys.hasKey(r) && (relation == null || r.oid() == relation)) {
        out.add(r);
      }
    }
    return out;
  }

  /** The OID of each type's array type, as in PostgreSQL (int4's is _int4, 1007). */
  private static final Map<PgType, Integer> ARRAY_TYPES = Map.ofEntries(
      Map.entry(PgType.BOOL, 1000), Map.entry(PgType.BYTEA, 1001), Map.entry(PgType.CHAR, 1002),
      Map.entry(PgType.NAME, 1003), Map.entry(PgType.INT2, 1005), Map.entry(PgType.INT4, 1007),
      Map.entry(PgType.TEXT, 1009), Map.entry(PgType.BPCHAR, 1014),
      Map.entry(PgType.VARCHAR, 1015), Map.entry(PgType.INT8, 1016),
      Map.entry(PgType.FLOAT4, 1021), Map.entry(PgType.FLOAT8, 1022),
      Map.entry(PgType.OID, 1028), Map.entry(PgType.TIMESTAMP, 1115),
      Map.entry(PgType.DATE, 1182), Map.entry(PgType.TIME, 1183),
      Map.entry(PgType.TIMESTAMPTZ, 1185), Map.entry(PgType.NUMERIC, 1231));

  /** A type's input, output... function as pg_type names it (int4in, date_out...). */
  private static String ioFunction(PgType p, String kind) {
    switch (p) {
      case NUMERIC: case DATE: case TIME: case TIMESTAMP: case TIMESTAMPTZ: case JSON:
        return p.name + "_" + kind;
      default:
        return p.name + kind;
    }
  }

  private static String category(PgType p) {
    switch (p) {
      case INT2: case INT4: case INT8: case FLOAT4: case FLOAT8: case NUMERIC: case OID:
        return "N";
      case BOOL: return "B";
      case INT2VECTOR: case OIDVECTOR: return "A";
      case DATE: case TIME: case TIMESTAMP: case TIMESTAMPTZ: return "D";
      case BYTEA: case JSON: return "U";
      case UNKNOWN: return "X";
      default: return "S";
    }
  }

  private static String dataType(PgType p) {
    String f = PgFunctions.format_type(p.oid, -1);
    return f;
  }
}
