package io.pxweb.server.sql;

import io.pxweb.server.catalog.PgType;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Bind parameters as SQL literals. The driver plans every statement anyway, so the server writes
 * each value into the text: Calcite then types it from its context (a dynamic parameter in a
 * select list or a function argument would fail to type), and the text is logged as run.
 */
public final class Parameters {
  private static final LocalDate PG_EPOCH = LocalDate.of(2000, 1, 1);

  private Parameters() {
  }

  /** The value as a literal; strings are quoted with quotes doubled, so they cannot end early. */
  public static String literal(byte[] value, boolean binary, int typeOid) throws SQLException {
    PgType type = PgType.ofOid(typeOid);
    if (value == null) {
      return type == null || type == PgType.UNKNOWN ? "NULL"
          : "CAST(NULL AS " + sqlType(type) + ")";
    }
    String text = binary ? fromBinary(value, type) : new String(value, StandardCharsets.UTF_8);
    if (type == null) {
      return SqlText.literal(text);
    }
    try {
      switch (type) {
        case INT2: case INT4: case INT8: case OID:
          return "(" + Long.parseLong(text.trim()) + ")";
        case NUMERIC: case FLOAT4: case FLOAT8:
          return "(" + new BigDecimal(text.trim()).toString() + ")";
        case BOOL:
          return text.trim().toLowerCase(java.util.Locale.ROOT).startsWith("t")
              || text.trim().equals("1") || text.trim().equalsIgnoreCase("on")
              || text.trim().equalsIgnoreCase("yes") ? "TRUE" : "FALSE";
        case DATE:
          return "DATE " + SqlText.literal(LocalDate.parse(text.trim()).toString());
        case TIMESTAMP: case TIMESTAMPTZ:
          return "TIMESTAMP " + SqlText.literal(timestamp(text));
        case TIME:
          return "TIME " + SqlText.literal(LocalTime.parse(text.trim()).toString());
        default:
          return SqlText.literal(text);
      }
    } catch (RuntimeException e) {
      throw new SQLException("invalid input syntax for type " + type.name + ": \"" + text + "\"",
          "22P02");
    }
  }

  private static String timestamp(String text) {
    String t = text.trim().replace('T', ' ');
    // Drop a zone suffix (+01, +01:00, Z): the driver's timestamps carry none.
    t = t.replaceFirst("(Z|[+-]\\d\\d(:?\\d\\d)?)$", "");
    return t;
  }

  private static String sqlType(PgType type) {
    switch (type) {
      case INT2: return "SMALLINT";
      case INT4: case OID: return "INTEGER";
      case INT8: return "BIGINT";
      case NUMERIC: return "DECIMAL";
      case FLOAT4: return "REAL";
      case FLOAT8: return "DOUBLE";
      case BOOL: return "BOOLEAN";
      case DATE: return "DATE";
      case TIME: return "TIME";
      case TIMESTAMP: case TIMESTAMPTZ: return "TIMESTAMP";
      default: return "VARCHAR";
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
    result = result.setScale(dscale, java.math.RoundingMode.UNNECESSARY);
    return sign == 0x4000 ? result.negate() : result;
  }

}
