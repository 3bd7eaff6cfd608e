package io.pxweb.server.catalog;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL types results are sent as: OID, length, typmod, and the text and binary encodings
 * clients decode. Chosen once per column from the JDBC type, so rows are encoded without lookups.
 */
public enum PgType {
  BOOL(16, 1, "bool"),
  BYTEA(17, -1, "bytea"),
  INT8(20, 8, "int8"),
  INT2(21, 2, "int2"),
  INT4(23, 4, "int4"),
  TEXT(25, -1, "text"),
  OID(26, 4, "oid"),
  FLOAT4(700, 4, "float4"),
  FLOAT8(701, 8, "float8"),
  BPCHAR(1042, -1, "bpchar"),
  VARCHAR(1043, -1, "varchar"),
  DATE(1082, 4, "date"),
  TIME(1083, 8, "time"),
  TIMESTAMP(1114, 8, "timestamp"),
  TIMESTAMPTZ(1184, 8, "timestamptz"),
  NUMERIC(1700, -1, "numeric"),
  NAME(19, 64, "name"),
  CHAR(18, 1, "char"),
  /** row_to_json's: text on the wire, in both formats. */
  JSON(114, -1, "json"),
  /** Every array a query returns (string_to_array, parse_ident, catalog arrays), as text[]. */
  TEXT_ARRAY(1009, -1, "_text"),
  /** pg_constraint.conkey: a smallint array, {@code {1,2}}. */
  INT2_ARRAY(1005, -1, "_int2"),
  /** pg_index.indkey and indoption: a smallint array written {@code 1 2}. */
  INT2VECTOR(22, -1, "int2vector"),
  /** pg_index.indclass and indcollation: an oid array written {@code 1 2}. */
  OIDVECTOR(30, -1, "oidvector"),
  UNKNOWN(705, -2, "unknown");

  private static final LocalDate PG_EPOCH = LocalDate.of(2000, 1, 1);
  private static final LocalDateTime PG_EPOCH_TS = PG_EPOCH.atStartOfDay();
  private static final DateTimeFormatter TIMESTAMP_TEXT = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ')
      .appendPattern("HH:mm:ss").optionalStart()
      .appendFraction(ChronoField.NANO_OF_SECOND, 1, 6, true).toFormatter();

  private static final DateTimeFormatter WHOLE_SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  public final int oid;
  public final int length;
  public final String name;

  PgType(int oid, int length, String name) {
    this.oid = oid;
    this.length = length;
    this.name = name;
  }

  public static PgType ofOid(int oid) {
    for (PgType t : values()) {
      if (t.oid == oid) {
        return t;
      }
    }
    return null;
  }

  public static PgType of(int jdbcType, int precision) {
    switch (jdbcType) {
      case Types.BOOLEAN: case Types.BIT: return BOOL;
      case Types.TINYINT: case Types.SMALLINT: return INT2;
      case Types.INTEGER: return INT4;
      case Types.BIGINT: return INT8;
      case Types.REAL: return FLOAT4;
      case Types.FLOAT: case Types.DOUBLE: return FLOAT8;
      case Types.DECIMAL: case Types.NUMERIC: return NUMERIC;
      case Types.CHAR: return BPCHAR;
      case Types.VARCHAR: case Types.NVARCHAR: case Types.NCHAR:
        return precision > 0 && precision < 10_485_760 ? VARCHAR : TEXT;
      case Types.DATE: return DATE;
      case Types.TIME: case Types.TIME_WITH_TIMEZONE: return TIME;
      case Types.TIMESTAMP: return TIMESTAMP;
      case Types.TIMESTAMP_WITH_TIMEZONE: return TIMESTAMPTZ;
      case Types.BINARY: case Types.VARBINARY: case Types.LONGVARBINARY: case Types.BLOB:
        return BYTEA;
      case Types.ARRAY: return TEXT_ARRAY;
      default: return TEXT;
    }
  }

  /** The column's type modifier as PostgreSQL reports it (length + 4, or precision/scale). */
  public static int typmod(PgType type, ResultSetMetaData md, int column) throws SQLException {
    int precision = md.getPrecision(column);
    switch (type) {
      case NUMERIC:
        int scale = Math.max(md.getScale(column), 0);
        return precision > 0 && precision <= 1000 ? ((precision << 16) | scale) + 4 : -1;
      case VARCHAR: case BPCHAR:
        return precision > 0 && precision < 10_485_760 ? precision + 4 : -1;
      default:
        return -1;
    }
  }

  /** Whether {@link #binary} can encode this type; other types go out as text whatever was asked. */
  public boolean hasBinary() {
    return this != UNKNOWN && this != TEXT_ARRAY && this != INT2_ARRAY && this != INT2VECTOR
        && this != OIDVECTOR;
  }

  /** The value of a result column as PostgreSQL's text output, or null for SQL NULL. */
  public String text(ResultSet rs, int column) throws SQLException {
    switch (this) {
      case BOOL: {
        boolean b = rs.getBoolean(column);
        return rs.wasNull() ? null : b ? "t" : "f";
      }
      case FLOAT4: case FLOAT8: {
        double d = rs.getDouble(column);
        return rs.wasNull() ? null : floatText(d);
      }
      case NUMERIC: {
        BigDecimal d = rs.getBigDecimal(column);
        return d == null ? null : d.toPlainString();
      }
      case BYTEA: {
        byte[] b = rs.getBytes(column);
        return b == null ? null : hex(b);
      }
      case TIMESTAMP: {
        String s = rs.getString(column);
        if (s == null) {
          return null;
        }
        LocalDateTime t = LocalDateTime.parse(s.replace(' ', 'T'));
        // PostgreSQL writes no fraction for whole seconds (the optional section always prints).
        return t.getNano() == 0 ? WHOLE_SECONDS.format(t) : TIMESTAMP_TEXT.format(t);
      }
      case TEXT_ARRAY: case INT2_ARRAY: {
        Object v = rs.getObject(column);
        return v == null ? null : arrayText(v);
      }
      case INT2VECTOR: case OIDVECTOR: {
        // Numbers only: {1,2} written as PostgreSQL writes a vector, 1 2.
        Object v = rs.getObject(column);
        String braces = v == null ? null : arrayText(v);
        return braces == null ? null
            : braces.substring(1, braces.length() - 1).replace(',', ' ');
      }
      default:
        return rs.getString(column);
    }
  }

  /** An array as PostgreSQL writes one: {@code {1,2}}, {@code {a,"b c",NULL}}. */
  static String arrayText(Object array) throws SQLException {
    Object elements = array instanceof java.sql.Array a ? a.getArray() : array;
    List<Object> items = new ArrayList<>();
    if (elements instanceof Iterable<?> iterable) {
      iterable.forEach(items::add);
    } else {
      // Object[] or an array of primitives (a smallint array is short[]).
      for (int i = 0; i < java.lang.reflect.Array.getLength(elements); i++) {
        items.add(java.lang.reflect.Array.get(elements, i));
      }
    }
    StringBuilder sb = new StringBuilder("{");
    for (Object item : items) {
      sb.append(sb.length() > 1 ? "," : "");
      if (item == null) {
        sb.append("NULL");
      } else if (item instanceof java.sql.Array || item instanceof List<?>) {
        sb.append(arrayText(item));
      } else {
        String text = item instanceof Boolean b ? (b ? "t" : "f") : item.toString();
        boolean quote = text.isEmpty() || text.equalsIgnoreCase("NULL")
            || text.chars().anyMatch(c -> c == ',' || c == '{' || c == '}' || c == '"'
                || c == '\\' || Character.isWhitespace(c));
        sb.append(quote ? '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"' : text);
      }
    }
    return sb.append('}').toString();
  }

  /** The value in PostgreSQL's binary format, or null for SQL NULL. */
  public byte[] binary(ResultSet rs, int column) throws SQLException {
    switch (this) {
      case BOOL: {
        boolean b = rs.getBoolean(column);
        return rs.wasNull() ? null : new byte[] {(byte) (b ? 1 : 0)};
      }
      case INT2: {
        short v = rs.getShort(column);
        return rs.wasNull() ? null : new byte[] {(byte) (v >> 8), (byte) v};
      }
      case INT4: case OID: {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : int4(v);
      }
      case INT8: {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : int8(v);
      }
      case FLOAT4: {
        float v = rs.getFloat(column);
        return rs.wasNull() ? null : int4(Float.floatToIntBits(v));
      }
      case FLOAT8: {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : int8(Double.doubleToLongBits(v));
      }
      case NUMERIC: {
        BigDecimal d = rs.getBigDecimal(column);
        return d == null ? null : numeric(d);
      }
      case BYTEA:
        return rs.getBytes(column);
      case DATE: {
        String s = rs.getString(column);
        return s == null ? null : int4((int) ChronoUnit.DAYS.between(PG_EPOCH, LocalDate.parse(s)));
      }
      case TIME: {
        String s = rs.getString(column);
        return s == null ? null : int8(LocalTime.parse(s).toNanoOfDay() / 1000);
      }
      case TIMESTAMP: case TIMESTAMPTZ: {
        String s = rs.getString(column);
        return s == null ? null : int8(ChronoUnit.MICROS.between(PG_EPOCH_TS,
            LocalDateTime.parse(s.replace(' ', 'T').replace("Z", ""))));
      }
      default: {
        String s = rs.getString(column);
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
      }
    }
  }

  /** A NUMERIC without declared scale as PostgreSQL shows it: its digits, no trailing zeros. */
  public static BigDecimal unconstrained(BigDecimal d) {
    BigDecimal stripped = d.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /**
   * A driver timestamp sent as timestamptz: the local time is taken in the session's time zone,
   * and shown with that zone's offset as PostgreSQL does ({@code 2024-01-01 00:00:00+00}).
   */
  public static String timestamptzText(ResultSet rs, int column, ZoneId zone)
      throws SQLException {
    String s = rs.getString(column);
    if (s == null) {
      return null;
    }
    LocalDateTime t = LocalDateTime.parse(s.replace(' ', 'T'));
    int seconds = TimeZones.offset(zone, t).getTotalSeconds();
    int abs = Math.abs(seconds);
    String offset = (seconds < 0 ? "-" : "+") + String.format("%02d", abs / 3600)
        + (abs % 3600 == 0 ? "" : String.format(":%02d", abs % 3600 / 60));
    return (t.getNano() == 0 ? WHOLE_SECONDS.format(t) : TIMESTAMP_TEXT.format(t)) + offset;
  }

  /** The binary timestamptz: microseconds since 2000-01-01 UTC. */
  public static byte[] timestamptzBinary(ResultSet rs, int column, ZoneId zone)
      throws SQLException {
    String s = rs.getString(column);
    if (s == null) {
      return null;
    }
    Instant at = LocalDateTime.parse(s.replace(' ', 'T')).atZone(zone).withLaterOffsetAtOverlap()
        .toInstant();
    return int8(ChronoUnit.MICROS.between(PG_EPOCH_TS.toInstant(ZoneOffset.UTC), at));
  }

  public static String floatText(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder(2 + b.length * 2).append("\\x");
    for (byte x : b) {
      sb.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
    }
    return sb.toString();
  }

  public static byte[] int4(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  public static byte[] int8(long v) {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) v;
      v >>>= 8;
    }
    return b;
  }

  /** PostgreSQL's binary numeric: base-10000 digits with a weight, a sign and a display scale. */
  public static byte[] numeric(BigDecimal d) {
    int dscale = Math.max(d.scale(), 0);
    BigInteger unscaled = d.setScale(dscale).unscaledValue();
    int sign = unscaled.signum() < 0 ? 0x4000 : 0;
    String digits = unscaled.abs().toString();
    // Split into integer and fraction digit strings, then pad each to groups of four.
    int intLen = digits.length() - dscale;
    String intPart = intLen > 0 ? digits.substring(0, intLen) : "";
    String fracPart = intLen > 0 ? digits.substring(intLen) : "0".repeat(-intLen) + digits;
    intPart = "0".repeat((4 - intPart.length() % 4) % 4) + intPart;
    fracPart = fracPart + "0".repeat((4 - fracPart.length() % 4) % 4);
    int intGroups = intPart.length() / 4;
    int nGroups = intGroups + fracPart.length() / 4;
    short[] groups = new short[nGroups];
    String all = intPart + fracPart;
    for (int i = 0; i < nGroups; i++) {
      groups[i] = Short.parseShort(all.substring(i * 4, i * 4 + 4));
    }
    int first = 0;
    while (first < nGroups && groups[first] == 0) {
      first++;
    }
    int last = nGroups - 1;
    while (last >= first && groups[last] == 0) {
      last--;
    }
    int ndigits = first > last ? 0 : last - first + 1;
    int weight = ndigits == 0 ? 0 : intGroups - 1 - first;
    byte[] b = new byte[8 + ndigits * 2];
    b[0] = (byte) (ndigits >> 8);
    b[1] = (byte) ndigits;
    b[2] = (byte) (weight >> 8);
    b[3] = (byte) weight;
    b[4] = (byte) (sign >> 8);
    b[5] = (byte) sign;
    b[6] = (byte) (dscale >> 8);
    b[7] = (byte) dscale;
    for (int i = 0; i < ndigits; i++) {
      short g = groups[first + i];
      b[8 + 2 * i] = (byte) (g >> 8);
      b[9 + 2 * i] = (byte) g;
    }
    return b;
  }
}
