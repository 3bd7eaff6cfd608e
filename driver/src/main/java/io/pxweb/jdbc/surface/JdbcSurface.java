package io.pxweb.jdbc.surface;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * What the driver answers itself at the JDBC surface, where Calcite's and Avatica's answers do
 * not fit a read-only driver or JDBC 4.2 (see docs/sql-mapping.md, "JDBC"):
 *
 * <ul>
 *   <li>Transactions: the driver only reads, so every statement is its own transaction.
 *       Auto-commit is on, {@code commit} and {@code rollback} are harmless no-ops (Spark's JDBC
 *       source commits after each task), and the connection is read-only, as its metadata says.
 *   <li>{@code ResultSet.getObject(column, Class)} for the JDBC 4.2 types: {@code java.time}
 *       ({@code LocalDate}, {@code LocalDateTime}, {@code OffsetDateTime} and {@code Instant}
 *       at UTC), boxed numbers, {@code BigDecimal}, {@code String}, the {@code java.sql} dates.
 *   <li>{@code PreparedStatement.setObject} with {@code java.time} values, also with a target
 *       type as {@code int} or {@link SQLType}.
 *   <li>No catalogs: {@code DatabaseMetaData.supportsCatalogsIn*} are false (names are
 *       schema.table; {@code getCatalogs} is empty, see PxWebMeta).
 * </ul>
 */
final class JdbcSurface {
  /** Returned when the call is not the surface's to answer: the target runs it. */
  static final Object PASS = new Object();

  private JdbcSurface() {
  }

  /** Answers a call, or returns {@link #PASS}. */
  static Object intercept(Object target, Method method, Object[] args) throws SQLException {
    Class<?> owner = method.getDeclaringClass();
    String name = method.getName();
    if (owner == Connection.class) {
      return connection(name);
    }
    if (owner == DatabaseMetaData.class && name.startsWith("supportsCatalogsIn")) {
      // Names are schema.table; saying catalogs may qualify them made LibreOffice Base read
      // statbank.TAB004 as catalog statbank, table TAB004 (and find no columns for it).
      return false;
    }
    if (args == null) {
      return PASS;
    }
    if (owner == ResultSet.class && name.equals("getObject") && args.length == 2
        && args[1] instanceof Class<?> type) {
      return typedGet((ResultSet) target, args[0], type);
    }
    if (owner == PreparedStatement.class && name.equals("setObject")) {
      return args[1] instanceof String text && args.length == 2
          ? setText((PreparedStatement) target, (Integer) args[0], text)
          : setObject((PreparedStatement) target, args);
    }
    if (owner == PreparedStatement.class && name.equals("setString") && args[1] != null) {
      return setText((PreparedStatement) target, (Integer) args[0], (String) args[1]);
    }
    return PASS;
  }

  private static Object connection(String name) {
    switch (name) {
    case "getAutoCommit":
    case "isReadOnly":
      return true;
    case "setAutoCommit":
    case "setReadOnly":
    case "commit":
      return null;
    case "rollback":
      // rollback() and rollback(Savepoint): nothing was written, nothing to undo.
      return null;
    case "setClientInfo":
      // Pools and tools label their connections (ApplicationName); there is no server session
      // to label, so the label is accepted and dropped rather than failing the pool.
      return null;
    default:
      return PASS;
    }
  }

  /** Reads a column as the requested class, by the getter JDBC defines for it. */
  static Object typedGet(ResultSet rs, Object column, Class<?> type) throws SQLException {
    int c = column instanceof Integer i ? i : rs.findColumn((String) column);
    Object value;
    if (type == LocalDate.class) {
      java.sql.Date d = rs.getDate(c);
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
      java.sql.Time t = rs.getTime(c);
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
    } else if (type == java.sql.Date.class) {
      value = rs.getDate(c);
    } else if (type == Timestamp.class) {
      value = rs.getTimestamp(c);
    } else if (type == java.sql.Time.class) {
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
   * column binds as its date. Other values, and calls without a date or time, pass. Handles
   * {@code setObject(i, x)}, {@code (i, x, int)}, {@code (i, x, int, scale)} and the
   * {@link SQLType} forms (Avatica implements only the int forms).
   */
  private static Object setObject(PreparedStatement ps, Object[] args) throws SQLException {
    int index = (Integer) args[0];
    Object x = args[1];
    LocalDateTime at = x instanceof LocalDate d ? d.atStartOfDay()
        : x instanceof LocalDateTime t ? t
        : x instanceof OffsetDateTime o ? o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
        : x instanceof Instant i ? LocalDateTime.ofInstant(i, ZoneOffset.UTC)
        : x instanceof java.sql.Date d ? d.toLocalDate().atStartOfDay()
        : x instanceof Timestamp t ? t.toLocalDateTime()
        : null;
    if (at == null && !(x instanceof LocalTime)) {
      if (args.length >= 3 && args[2] instanceof SQLType type) {
        Integer vendor = type.getVendorTypeNumber();
        int sqlType = vendor == null ? Types.OTHER : vendor;
        if (args.length == 4) {
          ps.setObject(index, x, sqlType, (Integer) args[3]);
        } else {
          ps.setObject(index, x, sqlType);
        }
        return null;
      }
      return PASS;
    }
    int parameterType = ps.getParameterMetaData().getParameterType(index);
    if (x instanceof LocalTime t) {
      ps.setTime(index, java.sql.Time.valueOf(t));
      return null;
    }
    switch (parameterType) {
    case Types.DATE:
      ps.setDate(index, java.sql.Date.valueOf(at.toLocalDate()));
      break;
    case Types.CHAR:
    case Types.VARCHAR:
      // ISO text, as the value prints: 2024-01-01 for dates, 2024-01-01T10:00 otherwise.
      ps.setString(index, x instanceof LocalDate || x instanceof java.sql.Date
          ? at.toLocalDate().toString() : at.toString());
      break;
    default:
      ps.setTimestamp(index, Timestamp.valueOf(at));
      break;
    }
    return null;
  }

  /**
   * Binds a text where the statement compares a date, time or number, as PostgreSQL reads a
   * text parameter by the type it meets ({@code setString(1, "2024-01-01")} for a DATE).
   * Avatica would hand the text to the generated code, which fails with a ClassCastException.
   */
  private static Object setText(PreparedStatement ps, int index, String text)
      throws SQLException {
    int type = ps.getParameterMetaData().getParameterType(index);
    try {
      switch (type) {
      case Types.DATE:
        ps.setDate(index, java.sql.Date.valueOf(LocalDate.parse(text.trim())));
        return null;
      case Types.TIMESTAMP:
        ps.setTimestamp(index, Timestamp.valueOf(LocalDateTime.parse(
            text.trim().replace(' ', 'T'))));
        return null;
      case Types.DECIMAL:
      case Types.NUMERIC:
      case Types.DOUBLE:
      case Types.FLOAT:
      case Types.REAL:
        ps.setBigDecimal(index, new BigDecimal(text.trim()));
        return null;
      case Types.INTEGER:
      case Types.BIGINT:
      case Types.SMALLINT:
      case Types.TINYINT:
        ps.setLong(index, Long.parseLong(text.trim()));
        return null;
      default:
        return PASS;
      }
    } catch (NumberFormatException e) {
      throw new SQLDataException("Parameter " + index + " is compared with a number, but '"
          + text + "' is not one", "22018", e);
    } catch (java.time.format.DateTimeParseException e) {
      throw new SQLDataException("Parameter " + index + " is compared with a "
          + (type == Types.DATE ? "date (write it as 2024-01-31)"
              : "timestamp (write it as 2024-01-31 10:00:00)") + ", but '" + text
          + "' is not one", "22007", e);
    }
  }
}
