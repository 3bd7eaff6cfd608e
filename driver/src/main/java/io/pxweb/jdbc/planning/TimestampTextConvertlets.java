package io.pxweb.jdbc.planning;

import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;

/**
 * Calcite's conversions, but for a text constant cast to DATE or TIMESTAMP (also the cast the
 * validator adds where a date column is compared with text), which is read as PostgreSQL reads
 * it: a date with a time of day and a zone ({@code '2015-01-01T00:00:00Z'},
 * {@code '2024-01-01 00:00'}, as Grafana and Superset write time filters) is that date for a
 * DATE (the time and zone are dropped, PostgreSQL's date_in), and that local date and time for a
 * TIMESTAMP (the zone is dropped, as for PostgreSQL's timestamp without time zone). Calcite's
 * own reading takes only {@code yyyy-mm-dd} for a date, and failed with 22007. Other texts keep
 * Calcite's reading and its errors.
 */
final class TimestampTextConvertlets implements SqlRexConvertletTable {
  static final TimestampTextConvertlets INSTANCE = new TimestampTextConvertlets();

  /**
   * A date (1-3), then optionally T or spaces (4), a time of day (5-8) and a zone (9: Z, UTC,
   * +hh, -hh:mm).
   */
  private static final Pattern DATE_TIME = Pattern.compile(
      "\\s*(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:(T|\\s+)(\\d{1,2}):(\\d{2})(?::(\\d{2})"
          + "(?:\\.(\\d{1,9}))?)?\\s*(Z|UTC|[+-]\\d{1,2}(?::?\\d{2})?)?)?\\s*",
      Pattern.CASE_INSENSITIVE);

  private TimestampTextConvertlets() {
  }

  @Override public SqlRexConvertlet get(SqlCall call) {
    if (call.getKind() == SqlKind.CAST && call.operandCount() >= 2
        && call.operand(0) instanceof SqlCharStringLiteral literal) {
      return (cx, cast) -> {
        // Casts the validator made inside other constructs (an ARRAY's elements) have no type
        // of their own: Calcite's conversion takes them.
        RelDataType type = cx.getValidator().getValidatedNodeTypeIfKnown(cast);
        String text = literal.getValueAs(String.class);
        RexBuilder rex = cx.getRexBuilder();
        if (type == null) {
          return StandardConvertletTable.INSTANCE.get(cast).convertCall(cx, cast);
        }
        if (type.getSqlTypeName() == SqlTypeName.DATE) {
          DateString date = date(text);
          if (date != null) {
            return rex.makeCast(type, rex.makeDateLiteral(date));
          }
        } else if (type.getSqlTypeName() == SqlTypeName.TIMESTAMP) {
          TimestampString timestamp = timestamp(text);
          if (timestamp != null) {
            return rex.makeCast(type, rex.makeTimestampLiteral(timestamp,
                type.getPrecision()));
          }
        }
        return StandardConvertletTable.INSTANCE.get(cast).convertCall(cx, cast);
      };
    }
    return StandardConvertletTable.INSTANCE.get(call);
  }

  /** The date of a date-and-time text, or null when it is not one (or has no time of day). */
  static DateString date(String text) {
    Matcher m = DATE_TIME.matcher(text);
    if (!m.matches() || m.group(5) == null || !validTime(m)) {
      return null;
    }
    return validDate(m) ? new DateString(Integer.parseInt(m.group(1)),
        Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))) : null;
  }

  /**
   * The local date and time of a text written with a T or a zone, or null otherwise (Calcite
   * reads {@code yyyy-mm-dd hh:mm:ss} itself).
   */
  static TimestampString timestamp(String text) {
    Matcher m = DATE_TIME.matcher(text);
    if (!m.matches() || m.group(5) == null || !validTime(m) || !validDate(m)
        || !m.group(4).equalsIgnoreCase("T") && m.group(9) == null) {
      return null;
    }
    TimestampString t = new TimestampString(Integer.parseInt(m.group(1)),
        Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(5)),
        Integer.parseInt(m.group(6)), m.group(7) == null ? 0 : Integer.parseInt(m.group(7)));
    return m.group(8) == null ? t : t.withFraction(m.group(8));
  }

  private static boolean validDate(Matcher m) {
    int month = Integer.parseInt(m.group(2));
    int day = Integer.parseInt(m.group(3));
    if (month < 1 || month > 12 || day < 1) {
      return false;
    }
    return day <= YearMonth.of(Integer.parseInt(m.group(1)), month).lengthOfMonth();
  }

  private static boolean validTime(Matcher m) {
    int hour = Integer.parseInt(m.group(5));
    int minute = Integer.parseInt(m.group(6));
    int second = m.group(7) == null ? 0 : Integer.parseInt(m.group(7));
    return hour <= 23 && minute <= 59 && second <= 59;
  }
}
