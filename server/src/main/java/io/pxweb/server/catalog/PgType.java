package io.pxweb.server.catalog;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
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
      case FLOAT4: {
        float f = rs.getFloat(column);
        return rs.wasNull() ? null : float4Text(f);
      }
      case FLOAT8: {
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

  /**
   * A float8 as PostgreSQL 12+ writes it (float8out with extra_float_digits at least 1, the
   * default, and what pgjdbc and psql set): the shortest digits that read back as the same
   * double, in fixed point for decimal exponents -4 to 14 ({@code 12345678.5}, {@code 0.0001}),
   * else as {@code 1.5e-07}, {@code 1e+15}. Java's {@code Double.toString} switches to its
   * {@code 1.23456785E7} form from 10^7 on.
   */
  public static String floatText(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15 && d != 0) {
      return Long.toString((long) d); // the common case, and the same digits
    }
    return shortest(d, d == 0 ? "0.0" : shortestDigits(Math.abs(d)), 15);
  }

  /** A float4 as PostgreSQL writes it: as {@link #floatText}, fixed point below 10^6. */
  public static String float4Text(float f) {
    if (Float.isNaN(f)) {
      return "NaN";
    }
    if (Float.isInfinite(f)) {
      return f > 0 ? "Infinity" : "-Infinity";
    }
    return shortest(f, f == 0 ? "0.0" : shortestDigits(Math.abs(f)), 6);
  }

  /**
   * The shortest digits of a positive double as PostgreSQL's Ryu finds them: Java 17's
   * {@code Double.toString} is one digit longer for some values (integers from 2^53 on,
   * subnormals: JDK-4511638, fixed in Java 19), so a long or subnormal answer is checked.
   */
  private static String shortestDigits(double d) {
    String java = Double.toString(d);
    int digits = significantDigits(java);
    return digits >= 17 || d < Double.MIN_NORMAL
        ? shorter(d, Math.nextUp(d), Math.nextDown(d), java, digits) : java;
  }

  private static String shortestDigits(float f) {
    String java = Float.toString(f);
    int digits = significantDigits(java);
    // Float.toString is a digit long more often (7.8744241E13 for 7.874424e+13), and real
    // columns are rare: always checked.
    return digits > 1 ? shorter(f, Math.nextUp(f), Math.nextDown(f), java, digits) : java;
  }

  private static int significantDigits(String java) {
    int digits = 0;
    boolean leading = true;
    for (int i = 0; i < java.length() && java.charAt(i) != 'E'; i++) {
      char c = java.charAt(i);
      if (c >= '1' && c <= '9' || c == '0' && !leading) {
        digits++;
        leading = false;
      }
    }
    return digits;
  }

  /**
   * The fewest digits of {@code v} strictly inside its rounding interval (halfway to the
   * neighbours {@code up} and {@code down}, exclusive, as PostgreSQL's Ryu takes it: 2e23 is
   * written 1.9999999999999998e+23), the closest to {@code v} of those (Java's may be another
   * of the same length: 6.4168285E25 for 6.4168286e+25).
   */
  private static String shorter(double v, double up, double down, String java, int digits) {
    BigDecimal exact = new BigDecimal(v);
    BigDecimal two = BigDecimal.valueOf(2);
    BigDecimal below = new BigDecimal(down);
    // Past the largest value its neighbour above would be as far as the one below.
    BigDecimal above = Double.isInfinite(up) ? exact.add(exact.subtract(below))
        : new BigDecimal(up);
    BigDecimal high = exact.add(above).divide(two);
    BigDecimal low = exact.add(below).divide(two);
    String best = java;
    for (int p = digits; p >= 1; p--) { // at Java's length too: Ryu takes the closest
      BigDecimal c = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (c.compareTo(low) <= 0 || c.compareTo(high) >= 0) {
        // Next to a power of two the interval is lopsided: the other side's p digits.
        c = exact.round(new MathContext(p, c.compareTo(exact) < 0 ? RoundingMode.CEILING
            : RoundingMode.FLOOR));
        if (c.compareTo(low) <= 0 || c.compareTo(high) >= 0) {
          break;
        }
      }
      best = c.toString();
    }
    return best;
  }

  /**
   * Writes {@code v}'s digits, given as Java writes a non-negative number ({@code 123.45},
   * {@code 1.0E-5}, or BigDecimal's {@code 1.2E+7}), in PostgreSQL's form: fixed point when
   * the first digit's decimal exponent is from -4 to {@code fixedBelow - 1}, else d.ddde±XX.
   */
  private static String shortest(double v, String java, int fixedBelow) {
    int e = Math.max(java.indexOf('E'), java.indexOf('e'));
    String mantissa = e < 0 ? java : java.substring(0, e);
    int exponent = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1).replace("+", ""));
    int dot = mantissa.indexOf('.');
    String all = dot < 0 ? mantissa : mantissa.substring(0, dot) + mantissa.substring(dot + 1);
    int point = (dot < 0 ? mantissa.length() : dot) + exponent; // digits before the point
    int first = 0;
    while (first < all.length() - 1 && all.charAt(first) == '0') {
      first++;
    }
    int end = all.length();
    while (end > first + 1 && all.charAt(end - 1) == '0') {
      end--;
    }
    String digits = all.substring(first, end);
    point -= first;
    StringBuilder sb = new StringBuilder(24);
    if (v < 0 || (v == 0 && 1 / v < 0)) {
      sb.append('-');
    }
    if (digits.equals("0")) {
      return sb.append('0').toString();
    }
    int x = point - 1;
    if (x >= -4 && x < fixedBelow) {
      if (point <= 0) {
        sb.append("0.").append("0".repeat(-point)).append(digits);
      } else if (point >= digits.length()) {
        sb.append(digits).append("0".repeat(point - digits.length()));
      } else {
        sb.append(digits, 0, point).append('.').append(digits, point, digits.length());
      }
      return sb.toString();
    }
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    return sb.append('e').append(x < 0 ? '-' : '+').append(Math.abs(x) < 10 ? "0" : "")
        .append(Math.abs(x)).toString();
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
