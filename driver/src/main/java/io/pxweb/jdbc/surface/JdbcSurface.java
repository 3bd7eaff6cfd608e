package io.pxweb.jdbc.surface;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * What the driver answers itself at the JDBC surface for values, where Avatica's answers do
 * not fit JDBC 4.2 (see docs/sql-mapping.md, "JDBC"):
 *
 * <ul>
 *   <li>{@code ResultSet.getObject(column, Class)} for the JDBC 4.2 types: {@code java.time}
 *       ({@code LocalDate}, {@code LocalDateTime}, {@code OffsetDateTime} and {@code Instant}
 *       at UTC), boxed numbers, {@code BigDecimal}, {@code String}, the {@code java.sql} dates.
 *   <li>{@code PreparedStatement.setObject} with {@code java.time} values, also with a target
 *       type as {@code int} or {@link SQLType}.
 * </ul>
 */
final class JdbcSurface {
  private JdbcSurface() {
  }

  /** Reads a column as the requested class, by the getter JDBC defines for it. */
  static Object typedGet(ResultSet rs, Object column, Class<?> type) throws SQLException {
    int c = column instanceof Integer i ? i : rs.findColumn((String) column);
    Object value;
    if (type == LocalDate.class) {
      Date d = rs.getDate(c);
      return d == null ? null : d.toLocalDate();
    }
    if (type == LocalDateTime.class || type == OffsetDateTime.class || type == Instant.class) {
      Timestamp t = rs.getTimestamp(c);
      if (t == null) {
        return null;
      }
      LocalDateTime local = t.toLocalDateTime();
      return type == LocalDateTime.class ? local
          : type == OffsetDateTime.class ? local.atOffset(ZoneOffset.UTC)
          : local.toInstant(ZoneOffset.UTC);
    }
    if (type == LocalTime.class) {
      Time t = rs.getTime(c);
      return t == null ? null : t.toLocalTime();
    }
    if (type == String.class) {
      value = rs.getString(c);
    } else if (type == BigDecimal.class) {
      value = rs.getBigDecimal(c);
    } else if (type == Long.class) {
      value = rs.getLong(c);
    } else if (type == Integer.class) {
      value = rs.getInt(c);
    } else if (type == Short.class) {
      value = rs.getShort(c);
    } else if (type == Byte.class) {
      value = rs.getByte(c);
    } else if (type == Double.class) {
      value = rs.getDouble(c);
    } else if (type == Float.class) {
      value = rs.getFloat(c);
    } else if (type == Boolean.class) {
      value = rs.getBoolean(c);
    } else if (type == Date.class) {
      value = rs.getDate(c);
    } else if (type == Timestamp.class) {
      value = rs.getTimestamp(c);
    } else if (type == Time.class) {
      value = rs.getTime(c);
    } else {
      value = rs.getObject(c);
      if (value != null && !type.isInstance(value)) {
        throw new SQLDataException("Cannot read column " + column + " (" + value.getClass()
            .getSimpleName() + ") as " + type.getName(), "22018");
      }
    }
    // Primitive getters answer 0 for SQL NULL; getObject answers null.
    return rs.wasNull() ? null : value;
  }

  /**
   * Binds a date or time value ({@code java.time} or {@code java.sql}) by the parameter's SQL
   * type, which Calcite knows from the statement: a {@code LocalDateTime} compared with a DATE
   * column binds as its date. Binds other values with an {@link SQLType} by its vendor number
   * (Avatica implements only the int forms). Returns false for the calls the target runs as
   * given.
   *
   * @param type the {@link SQLType} given, or null
   * @param scale the scale given with it, or null
   */
  static boolean setObject(PreparedStatement ps, int index, Object x, SQLType type,
      Integer scale) throws SQLException {
    LocalDateTime at = x instanceof LocalDate d ? d.atStartOfDay()
        : x instanceof LocalDateTime t ? t
        : x instanceof OffsetDateTime o ? o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
        : x instanceof Instant i ? LocalDateTime.ofInstant(i, ZoneOffset.UTC)
        : x instanceof Date d ? d.toLocalDate().atStartOfDay()
        : x instanceof Timestamp t ? t.toLocalDateTime()
        : null;
    if (at == null && !(x instanceof LocalTime)) {
      if (type == null) {
        return false;
      }
      Integer vendor = type.getVendorTypeNumber();
      int sqlType = vendor == null ? Types.OTHER : vendor;
      if (scale != null) {
        ps.setObject(index, x, sqlType, scale);
      } else {
        ps.setObject(index, x, sqlType);
      }
      return true;
    }
    int parameterType = ps.getParameterMetaData().getParameterType(index);
    if (x instanceof LocalTime t) {
      ps.setTime(index, Time.valueOf(t));
      return true;
    }
    switch (parameterType) {
    case Types.DATE:
      ps.setDate(index, Date.valueOf(at.toLocalDate()));
      break;
    case Types.CHAR:
    case Types.VARCHAR:
      // ISO text, as the value prints: 2024-01-01 for dates, 2024-01-01T10:00 otherwise.
      ps.setString(index, x instanceof LocalDate || x instanceof Date
          ? at.toLocalDate().toString() : at.toString());
      break;
    default:
      ps.setTimestamp(index, Timestamp.valueOf(at));
      break;
    }
    return true;
  }

  /**
   * Binds a text where the statement compares a date, time or number, as PostgreSQL reads a
   * text parameter by the type it meets ({@code setString(1, "2024-01-01")} for a DATE).
   * Avatica would hand the text to the generated code, which fails with a ClassCastException.
   * Returns false for the parameters of other types: the target binds the text.
   */
  static boolean setText(PreparedStatement ps, int index, String text)
      throws SQLException {
    int type = ps.getParameterMetaData().getParameterType(index);
    try {
      switch (type) {
      case Types.DATE:
        ps.setDate(index, Date.valueOf(LocalDate.parse(text.trim())));
        return true;
      case Types.TIMESTAMP:
        ps.setTimestamp(index, Timestamp.valueOf(LocalDateTime.parse(
            text.trim().replace(' ', 'T'))));
        return true;
      case Types.DECIMAL:
      case Types.NUMERIC:
      case Types.DOUBLE:
      case Types.FLOAT:
      case Types.REAL:
        ps.setBigDecimal(index, new BigDecimal(text.trim()));
        return true;
      case Types.INTEGER:
      case Types.BIGINT:
      case Types.SMALLINT:
      case Types.TINYINT:
        ps.setLong(index, Long.parseLong(text.trim()));
        return true;
      default:
        return false;
      }
    } catch (NumberFormatException e) {
      throw new SQLDataException("Parameter " + index + " is compared with a number, but '"
          + text + "' is not one", "22018", e);
    } catch (DateTimeParseException e) {
      throw new SQLDataException("Parameter " + index + " is compared with a "
          + (type == Types.DATE ? "date (write it as 2024-01-31)"
              : "timestamp (write it as 2024-01-31 10:00:00)") + ", but '" + text
          + "' is not one", "22007", e);
    }
  }
}
