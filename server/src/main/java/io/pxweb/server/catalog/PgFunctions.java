package io.pxweb.server.catalog;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.DataContext;

/**
 * PostgreSQL's catalog functions, registered as Calcite functions in {@code pg_catalog} and at
 * the root (clients call them both ways). Those that read the session's catalog or settings take
 * the query's {@link DataContext} first ({@link SessionFunction}): its root schema is the
 * session's, so no session state lives in statics.
 */
public final class PgFunctions {
  private static final DateTimeFormatter JSON_WHOLE_SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
  private static final DateTimeFormatter JSON_TIMESTAMP = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd'T'HH:mm:ss").optionalStart()
      .appendFraction(ChronoField.NANO_OF_SECOND, 1, 6, true).toFormatter();
  private PgFunctions() {
  }

  private static CatalogData catalog(DataContext root) {
    PgCatalogSchema pg = PgCatalogSchema.of(root);
    return pg == null ? null : pg.data();
  }

  private static SessionSettings settings(DataContext root) {
    PgCatalogSchema pg = PgCatalogSchema.of(root);
    return pg == null ? null : pg.settings();
  }

  /** Visible means found through search_path, as in PostgreSQL: psql's \\dt lists only those. */
  public static boolean pg_table_is_visible(DataContext root, Integer oid) {
    CatalogData data = catalog(root);
    SessionSettings settings = settings(root);
    if (oid == null || data == null || settings == null) {
      return oid != null;
    }
    try {
      CatalogData.Relation r = data.relation(oid);
      if (r == null) {
        return true;
      }
      for (String part : settings.get("search_path").split(",")) {
        String schema = part.trim().replaceAll("^\"|\"$", "");
        if (schema.equals(r.namespace().name())) {
          return true;
        }
      }
      return false;
    } catch (SQLException e) {
      return true;
    }
  }

  public static boolean pg_type_is_visible(Integer oid) {
    return oid != null;
  }

  public static boolean pg_function_is_visible(Integer oid) {
    return oid != null;
  }

  public static String pg_get_userbyid(DataContext root, Integer oid) {
    SessionSettings s = settings(root);
    return s == null ? "pxweb" : s.get("session_authorization");
  }

  public static String format_type(Integer oid, Integer typmod) {
    if (oid == null) {
      return null;
    }
    PgType t = PgType.ofOid(oid);
    if (t == null) {
      return "???";
    }
    int mod = typmod == null ? -1 : typmod;
    switch (t) {
      case NUMERIC:
        return mod >= 4 ? "numeric(" + ((mod - 4) >> 16) + "," + ((mod - 4) & 0xffff) + ")"
            : "numeric";
      case VARCHAR: return mod >= 4 ? "character varying(" + (mod - 4) + ")" : "character varying";
      case BPCHAR: return mod >= 4 ? "character(" + (mod - 4) + ")" : "character";
      case INT2: return "smallint";
      case INT4: return "integer";
      case INT8: return "bigint";
      case FLOAT4: return "real";
      case FLOAT8: return "double precision";
      case BOOL: return "boolean";
      case TIMESTAMP: return "timestamp without time zone";
      case TIMESTAMPTZ: return "timestamp with time zone";
      case TIME: return "time without time zone";
      case CHAR: return "\"char\"";
      case TEXT_ARRAY: return "text[]";
      case INT2_ARRAY: return "smallint[]";
      default: return t.name;
    }
  }

  public static String obj_description(DataContext root, Integer oid) {
    return obj_description(root, oid, "pg_class");
  }

  public static String obj_description(DataContext root, Integer oid, String catalog) {
    CatalogData data = catalog(root);
    if (oid == null || data == null || !"pg_class".equalsIgnoreCase(catalog)) {
      return null;
    }
    try {
      CatalogData.Relation r = data.relation(oid);
      return r == null ? null : r.remarks();
    } catch (SQLException e) {
      return null;
    }
  }

  public static String col_description(DataContext root, Integer oid, Integer column) {
    CatalogData data = catalog(root);
    if (oid == null || column == null || data == null) {
      return null;
    }
    try {
      CatalogData.Relation r = data.relation(oid);
      if (r == null) {
        return null;
      }
      for (CatalogData.Attribute a : data.attributes(r)) {
        if (a.num() == column) {
          return a.remarks();
        }
      }
      return null;
    } catch (SQLException e) {
      return null;
    }
  }

  public static String shobj_description(Integer oid, String catalog) {
    return null;
  }

  public static String pg_get_expr(String expr, Integer relation) {
    return expr;
  }

  public static String pg_get_expr(String expr, Integer relation, Boolean pretty) {
    return expr;
  }

  public static String pg_get_constraintdef(DataContext root, Integer oid) {
    return pg_get_constraintdef(root, oid, false);
  }

  public static String pg_get_constraintdef(DataContext root, Integer oid, Boolean pretty) {
    CatalogData data = catalog(root);
    try {
      CatalogData.Relation r = data == null ? null : PrimaryKeys.ofConstraint(data, oid);
      return r == null ? null : PrimaryKeys.constraintDefinition(data, r);
    } catch (SQLException e) {
      return null;
    }
  }

  public static String pg_get_indexdef(DataContext root, Integer oid) {
    return pg_get_indexdef(root, oid, 0, false);
  }

  /** Column 0: the CREATE INDEX statement; column n: the index's nth column, as PostgreSQL. */
  public static String pg_get_indexdef(DataContext root, Integer oid, Integer column,
      Boolean pretty) {
    CatalogData data = catalog(root);
    try {
      CatalogData.Relation r = data == null ? null : PrimaryKeys.ofIndex(data, oid);
      if (r == null || column == null) {
        return null;
      }
      return column == 0 ? PrimaryKeys.indexDefinition(data, r)
          : PrimaryKeys.indexColumn(data, r, column);
    } catch (SQLException e) {
      return null;
    }
  }

  /** pg_proc lists no functions (psql's \\df reads it), so no OID names one. */
  public static String pg_get_function_result(Integer oid) {
    return null;
  }

  public static String pg_get_function_arguments(Integer oid) {
    return null;
  }

  public static String pg_get_function_identity_arguments(Integer oid) {
    return null;
  }

  public static String pg_get_viewdef(Integer oid) {
    return null;
  }

  public static String pg_get_viewdef(Integer oid, Boolean pretty) {
    return null;
  }

  /** Statbank tables are not partitioned (DBeaver asks for every table). */
  public static String pg_get_partkeydef(Object oid) {
    return null;
  }

  public static String pg_encoding_to_char(Integer encoding) {
    return "UTF8";
  }

  public static boolean pg_is_in_recovery() {
    return false;
  }

  /** Statbank tables occupy no local storage; sizes are 0 bytes. */
  public static long pg_relation_size(Object oid) {
    return 0;
  }

  public static long pg_total_relation_size(Object oid) {
    return 0;
  }

  public static long pg_table_size(Object oid) {
    return 0;
  }

  public static long pg_indexes_size(Object oid) {
    return 0;
  }

  public static String pg_size_pretty(Object size) {
    return size == null ? null : size + " bytes";
  }

  /**
   * parse_ident('a."B c"'): a qualified name's parts, unquoted names folded to lower case, as
   * PostgreSQL splits them; 22023 for a malformed name.
   */
  public static List<String> parse_ident(String name) {
    return parse_ident(name, true);
  }

  public static List<String> parse_ident(String name, Boolean strict) {
    if (name == null) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (true) {
      while (i < name.length() && Character.isWhitespace(name.charAt(i))) {
        i++;
      }
      StringBuilder part = new StringBuilder();
      if (i < name.length() && name.charAt(i) == '"') {
        for (i++; ; i++) {
          if (i >= name.length()) {
            throw invalidName(name, "String has unclosed double quotes.");
          }
          if (name.charAt(i) == '"') {
            if (i + 1 < name.length() && name.charAt(i + 1) == '"') {
              part.append('"');
              i++;
            } else {
              i++;
              break;
            }
          } else {
            part.append(name.charAt(i));
          }
        }
        if (part.length() == 0) {
          throw invalidName(name, "Quoted identifier must not be empty.");
        }
      } else {
        while (i < name.length() && (Character.isLetterOrDigit(name.charAt(i))
            || name.charAt(i) == '_' || name.charAt(i) == '$')) {
          part.append(Character.toLowerCase(name.charAt(i++)));
        }
        if (part.length() == 0) {
          throw invalidName(name, "No valid identifier " + (parts.isEmpty() ? "before" : "after")
              + " \".\".");
        }
      }
      parts.add(part.toString());
      while (i < name.length() && Character.isWhitespace(name.charAt(i))) {
        i++;
      }
      if (i < name.length() && name.charAt(i) == '.') {
        i++;
        continue;
      }
      if (i < name.length() && (strict == null || strict)) {
        throw invalidName(name, null);
      }
      return parts;
    }
  }

  private static RuntimeException invalidName(String name, String detail) {
    return new IllegalArgumentException("string is not a valid identifier: \"" + name + "\""
        + (detail == null ? "" : " (" + detail + ")"));
  }

  public static String quote_ident(String name) {
    if (name == null) {
      return null;
    }
    return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /**
   * PostgreSQL's date_trunc on a timestamp: the start of its year, quarter, month, week (Monday),
   * day, hour, minute or second. Metabase, Superset and Grafana group periods with it.
   */
  public static Timestamp date_trunc(String unit, Timestamp value) {
    if (unit == null || value == null) {
      return null;
    }
    return Timestamp.valueOf(truncate(unit, value.toLocalDateTime()));
  }

  /** date_trunc on a DATE, which PostgreSQL takes as midnight of that day. */
  public static Timestamp date_trunc(String unit, Date value) {
    if (unit == null || value == null) {
      return null;
    }
    return Timestamp.valueOf(truncate(unit, value.toLocalDate().atStartOfDay()));
  }

  private static LocalDateTime truncate(String unit, LocalDateTime t) {
    LocalDate day = t.toLocalDate();
    switch (unit.trim().toLowerCase(Locale.ROOT)) {
      case "millennium": return LocalDate.of((day.getYear() - 1) / 1000 * 1000 + 1, 1, 1)
          .atStartOfDay();
      case "century": return LocalDate.of((day.getYear() - 1) / 100 * 100 + 1, 1, 1)
          .atStartOfDay();
      case "decade": return LocalDate.of(day.getYear() / 10 * 10, 1, 1).atStartOfDay();
      case "year": return day.withDayOfYear(1).atStartOfDay();
      case "quarter": return LocalDate.of(day.getYear(),
          (day.getMonthValue() - 1) / 3 * 3 + 1, 1).atStartOfDay();
      case "month": return day.withDayOfMonth(1).atStartOfDay();
      case "week": return day.with(DayOfWeek.MONDAY).atStartOfDay();
      case "day": return day.atStartOfDay();
      case "hour": return t.truncatedTo(ChronoUnit.HOURS);
      case "minute": return t.truncatedTo(ChronoUnit.MINUTES);
      case "second": return t.truncatedTo(ChronoUnit.SECONDS);
      case "milliseconds": return t.truncatedTo(ChronoUnit.MILLIS);
      case "microseconds": return t.truncatedTo(ChronoUnit.MICROS);
      default: throw new IllegalArgumentException("unit \"" + unit + "\" not recognized for "
          + "date_trunc: use year, quarter, month, week, day, hour, minute or second");
    }
  }

  /**
   * The wall clock {@code value} in zone {@code from} as the wall clock in {@code to}: what AT
   * TIME ZONE is here ({@code io.pxweb.server.sql.AtTimeZone}), where a timestamptz is held as
   * the session zone's wall clock.
   */
  public static Timestamp pxweb_zone_shift(Timestamp value, String from, String to) {
    if (value == null || from == null || to == null) {
      return null;
    }
    return Timestamp.valueOf(TimeZones.shift(value.toLocalDateTime(), zone(from), zone(to)));
  }

  /** A date as its midnight in {@code from}, as PostgreSQL casts a date to timestamptz. */
  public static Timestamp pxweb_zone_shift(Date value, String from, String to) {
    return value == null ? null : pxweb_zone_shift(Timestamp.valueOf(
        value.toLocalDate().atStartOfDay()), from, to);
  }

  private static ZoneId zone(String name) {
    ZoneId zone = TimeZones.zone(name);
    if (zone == null) {
      throw new IllegalArgumentException("time zone \"" + name + "\" not recognized");
    }
    return zone;
  }

  /** A value in row_to_json's object: text quoted, with JSON's escapes (PostgreSQL's). */
  public static String pxweb_json(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    return out.append('"').toString();
  }

  /** A number in row_to_json's object: its digits as PostgreSQL shows them, bare. */
  public static String pxweb_json(BigDecimal value) {
    return value == null ? "null" : value.toPlainString();
  }

  public static String pxweb_json(Long value) {
    return value == null ? "null" : value.toString();
  }

  public static String pxweb_json(Integer value) {
    return value == null ? "null" : value.toString();
  }

  public static String pxweb_json(Double value) {
    return value == null ? "null" : PgType.floatText(value);
  }

  public static String pxweb_json(Boolean value) {
    return value == null ? "null" : value.toString();
  }

  /** A date in row_to_json's object: ISO 8601, quoted ("2015-01-01"), whatever the DateStyle. */
  public static String pxweb_json(Date value) {
    return value == null ? "null" : "\"" + value.toLocalDate() + "\"";
  }

  /** A timestamp in row_to_json's object: ISO 8601 with a T ("2015-01-01T00:00:00"). */
  public static String pxweb_json(Timestamp value) {
    if (value == null) {
      return "null";
    }
    LocalDateTime t = value.toLocalDateTime();
    return "\"" + (t.getNano() == 0 ? JSON_WHOLE_SECONDS : JSON_TIMESTAMP).format(t) + "\"";
  }

  /**
   * A timestamptz in row_to_json's object: the session zone's wall clock with its offset
   * ({@code "2015-01-01T00:00:00+01:00"}), as PostgreSQL writes it.
   */
  public static String pxweb_json_timestamptz(Timestamp value, String zone) {
    if (value == null) {
      return "null";
    }
    LocalDateTime t = value.toLocalDateTime();
    ZoneId z = TimeZones.zone(zone);
    String offset = TimeZones.offset(z == null ? ZoneOffset.UTC : z, t).getId();
    String text = pxweb_json(value);
    return text.substring(0, text.length() - 1) + (offset.equals("Z") ? "+00:00" : offset) + "\"";
  }

  /** PostgreSQL's format(): %s as text, %I as a quoted name, %L as a literal, %% a percent. */
  public static String format(String template, String a) {
    return formatOf(template, a);
  }

  public static String format(String template, String a, String b) {
    return formatOf(template, a, b);
  }

  public static String format(String template, String a, String b, String c) {
    return formatOf(template, a, b, c);
  }

  private static String formatOf(String template, String... args) {
    if (template == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    int next = 0;
    for (int i = 0; i < template.length(); i++) {
      char ch = template.charAt(i);
      if (ch != '%' || i + 1 == template.length()) {
        sb.append(ch);
        continue;
      }
      char kind = template.charAt(++i);
      if (kind == '%') {
        sb.append('%');
        continue;
      }
      String arg = next < args.length ? args[next++] : null;
      switch (kind) {
        case 's' -> sb.append(arg == null ? "" : arg);
        case 'I' -> sb.append(quote_ident(arg));
        case 'L' -> sb.append(arg == null ? "NULL" : "'" + arg.replace("'", "''") + "'");
        default -> sb.append('%').append(kind);
      }
    }
    return sb.toString();
  }

  /** A relation's OID from its (possibly qualified, possibly quoted) name: x::regclass. */
  public static Integer regclass_of(DataContext root, String name) {
    CatalogData data = catalog(root);
    if (name == null || data == null) {
      return null;
    }
    try {
      return data.relationOid(name);
    } catch (SQLException e) {
      return null;
    }
  }

  public static boolean has_table_privilege(String table, String privilege) {
    return readOnly(privilege);
  }

  public static boolean has_table_privilege(String user, String table, String privilege) {
    return readOnly(privilege);
  }

  public static boolean has_table_privilege(Integer table, String privilege) {
    return readOnly(privilege);
  }

  public static boolean has_schema_privilege(String schema, String privilege) {
    return readOnly(privilege);
  }

  public static boolean has_schema_privilege(String user, String schema, String privilege) {
    return readOnly(privilege);
  }

  public static boolean has_schema_privilege(Integer schema, String privilege) {
    return readOnly(privilege);
  }

  public static boolean has_database_privilege(String database, String privilege) {
    return readOnly(privilege);
  }

  public static boolean has_database_privilege(String user, String database, String privilege) {
    return readOnly(privilege);
  }

  public static boolean has_column_privilege(String table, String column, String privilege) {
    return readOnly(privilege);
  }

  public static boolean has_column_privilege(Integer table, Integer column, String privilege) {
    return readOnly(privilege);
  }

  public static boolean has_column_privilege(String user, String table, String column,
      String privilege) {
    return readOnly(privilege);
  }

  public static boolean has_any_column_privilege(String table, String privilege) {
    return readOnly(privilege);
  }

  public static boolean has_any_column_privilege(Integer table, String privilege) {
    return readOnly(privilege);
  }

  public static boolean has_any_column_privilege(String user, String table, String privilege) {
    return readOnly(privilege);
  }

  public static String pg_get_statisticsobjdef_columns(Integer oid) {
    return null;
  }

  public static boolean pg_relation_is_publishable(Integer oid) {
    return false;
  }

  public static String array_to_string(Object array, String separator) {
    if (!(array instanceof List<?> list)) {
      return array == null ? null : array.toString();
    }
    StringBuilder sb = new StringBuilder();
    for (Object o : list) {
      if (o != null) {
        sb.append(sb.length() > 0 ? separator : "").append(o);
      }
    }
    return sb.toString();
  }

  public static Integer array_upper(Object array, Integer dimension) {
    return array instanceof List<?> list && !list.isEmpty() ? list.size() : null;
  }

  public static Integer array_lower(Object array, Integer dimension) {
    return array instanceof List<?> list && !list.isEmpty() ? 1 : null;
  }

  /** The server is read-only: reading privileges are granted, writing ones are not. */
  private static boolean readOnly(String privilege) {
    String p = privilege == null ? "" : privilege.toLowerCase(Locale.ROOT);
    return !p.matches("(?s).*(insert|update|delete|truncate|create|trigger|temp).*");
  }

  /** Statbank columns have no sequences. */
  public static String pg_get_serial_sequence(String table, String column) {
    return null;
  }

  /** SQLAlchemy builds identity options with it over pg_sequence, which is empty here. */
  public static String json_build_object(Object k1, Object v1, Object k2, Object v2, Object k3,
      Object v3, Object k4, Object v4, Object k5, Object v5, Object k6, Object v6, Object k7,
      Object v7) {
    return null;
  }

  public static String current_setting(DataContext root, String name) {
    SessionSettings s = settings(root);
    return s == null ? null : s.get(name.toLowerCase(Locale.ROOT));
  }
}
