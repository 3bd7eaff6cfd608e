package io.pxweb.server.sql;

import io.pxweb.server.catalog.PgType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.JDBCType;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Locale;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Bind parameters as values: each one decoded from PostgreSQL's text or binary format to its
 * text, then converted to the Java value of the type the driver planned the parameter as. No
 * value is ever written into SQL text, so a statement is planned once for all its executions.
 */
final class Parameters {
  private static final LocalDate PG_EPOCH = LocalDate.of(2000, 1, 1);

  private Parameters() {
  }

  /** A Bind value as text (binary values decoded by their declared type); null is SQL NULL. */
  static String text(byte[] value, boolean binary, int typeOid) throws SQLException {
    if (value == null) {
      return null;
    }
    PgType type = PgType.ofOid(typeOid);
    return binary ? fromBinary(value, type) : new String(value, StandardCharsets.UTF_8);
  }

  /** The value for a driver parameter of the given JDBC type, from PostgreSQL's text. */
  static Object value(String text, int jdbcType) throws SQLException {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    try {
      switch (jdbcType) {
        case Types.TINYINT: case Types.SMALLINT: case Types.INTEGER:
          return Integer.valueOf(t);
        case Types.BIGINT:
          return Long.valueOf(t);
        case Types.DECIMAL: case Types.NUMERIC:
          return new BigDecimal(t);
        case Types.REAL: case Types.FLOAT: case Types.DOUBLE:
          return Double.valueOf(t);
        case Types.BOOLEAN: case Types.BIT:
          return bool(t);
        case Types.DATE:
          return Date.valueOf(LocalDate.parse(t.length() > 10 ? t.substring(0, 10) : t));
        case Types.TIMESTAMP: case Types.TIMESTAMP_WITH_TIMEZONE:
          return Timestamp.valueOf(LocalDateTime.parse(timestamp(t)));
        case Types.TIME:
          return Time.valueOf(LocalTime.parse(t));
        default:
          return text;
      }
    } catch (RuntimeException e) {
      throw new SQLException("invalid input syntax for type " + JDBCType.valueOf(jdbcType)
          .getName().toLowerCase(Locale.ROOT) + ": \"" + text + "\"", "22P02");
    }
  }

  private static Boolean bool(String t) {
    switch (t.toLowerCase(Locale.ROOT)) {
      case "t": case "true": case "1": case "on": case "yes": case "y": return true;
      case "f": case "false": case "0": case "off": case "no": case "n": return false;
      default: throw new IllegalArgumentException(t);
    }
  }

  /** A PostgreSQL timestamp text as ISO local date-time: a zone suffix (Z, +01:00) goes. */
  private static String timestamp(String text) {
    String t = text.replace(' ', 'T');
    if (t.length() == 10) {
      return t + "T00:00";
    }
    int zone = Math.max(t.lastIndexOf('+'), t.lastIndexOf('-'));
    if (t.endsWith("Z")) {
      t = t.substring(0, t.length() - 1);
    } else if (zone > t.indexOf('T')) {
      t = t.substring(0, zone);
    }
    return t;
  }

  /** The driver's type for a parameter the client declared as this PostgreSQL type. */
  static SqlTypeName sqlType(PgType type) {
    if (type == null) {
      return SqlTypeName.VARCHAR;
    }
    switch (type) {
      case INT2: return SqlTypeName.SMALLINT;
      case INT4: case OID: return SqlTypeName.INTEGER;
      case INT8: return SqlTypeName.BIGINT;
      case NUMERIC: return SqlTypeName.DECIMAL;
      case FLOAT4: return SqlTypeName.REAL;
      case FLOAT8: return SqlTypeName.DOUBLE;
      case BOOL: return SqlTypeName.BOOLEAN;
      case DATE: return SqlTypeName.DATE;
      case TIME: return SqlTypeName.TIME;
      case TIMESTAMP: case TIMESTAMPTZ: return SqlTypeName.TIMESTAMP;
      default: return SqlTypeName.VARCHAR;
    }
  }

  private static String fromBinary(byte[] v, PgType type) throws SQLException {
    ByteBuffer b = ByteBuffer.wrap(v);
    if (type == null) {
      return new String(v, StandardCharsets.UTF_8);
    }
    try {
      switch (type) {
        case INT2: return Short.toString(b.getShort());
        case INT4: case OID: return Integer.toString(b.getInt());
        case INT8: return Long.toString(b.getLong());
        case FLOAT4: return Float.toString(b.getFloat());
        case FLOAT8: return Double.toString(b.getDouble());
        case BOOL: return v[0] != 0 ? "t" : "f";
        case DATE: return PG_EPOCH.plusDays(b.getInt()).toString();
        case TIMESTAMP: case TIMESTAMPTZ:
          return PG_EPOCH.atStartOfDay().plusNanos(b.getLong() * 1000).toString();
        case TIME: return LocalTime.ofNanoOfDay(b.getLong() * 1000).toString();
        case NUMERIC: return numeric(b).toPlainString();
        default: return new String(v, StandardCharsets.UTF_8);
      }
    } catch (RuntimeException e) {
      throw new SQLException("invalid binary value for type " + type.name, "22P03");
    }
  }

  private static BigDecimal numeric(ByteBuffer b) {
    int ndigits = b.getShort();
    int weight = b.getShort();
    int sign = b.getShort() & 0xffff;
    int dscale = b.getShort();
    if (sign == 0xC000) {
      throw new IllegalArgumentException("NaN");
    }
    BigDecimal result = BigDecimal.ZERO;
    for (int i = 0; i < ndigits; i++) {
      result = result.add(BigDecimal.valueOf(b.getShort()).scaleByPowerOfTen(4 * (weight - i)));
    }
    result = result.setScale(dscale, RoundingMode.UNNECESSARY);
    return sign == 0x4000 ? result.negate() : result;
  }

}
