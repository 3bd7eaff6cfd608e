package io.pxweb.jdbc.adapter;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converter of time codes to the first day of their period, the value of a {@code T_date} column.
 *
 * <p>Codes as the servers write them: {@code 2024} (year), {@code 2024M03} (month),
 * {@code 2024K2}/{@code 2024Q2} (quarter: SSB and SCB use K, Latvia Q), {@code 2024U05}/
 * {@code 2024W05}/{@code 2024V05} (ISO week: SSB U, Latvia W, SCB V; Monday of the week),
 * {@code 2024H2} (half-year), {@code 2024T2} (tertial, four months). Anything else, such as the
 * multi-year period {@code 2002-2006}, is no single period and gives null.
 */
public final class PeriodDates {
  private static final Pattern YEAR = Pattern.compile("(\\d{4})");
  private static final Pattern SUB_PERIOD = Pattern.compile("(\\d{4})([MKQUWVHT])(\\d{1,2})");

  private PeriodDates() {
  }

  /** Returns the first day of the period a time code names, or null when it names none. */
  public static LocalDate firstDay(String code) {
    if (code == null) {
      return null;
    }
    String c = code.trim();
    if (YEAR.matcher(c).matches()) {
      return LocalDate.of(Integer.parseInt(c), 1, 1);
    }
    Matcher m = SUB_PERIOD.matcher(c);
    if (!m.matches()) {
      return null;
    }
    int year = Integer.parseInt(m.group(1));
    int n = Integer.parseInt(m.group(3));
    switch (m.group(2)) {
      case "M":
        return n >= 1 && n <= 12 ? LocalDate.of(year, n, 1) : null;
      case "K":
      case "Q":
        return n >= 1 && n <= 4 ? LocalDate.of(year, (n - 1) * 3 + 1, 1) : null;
      case "H":
        return n >= 1 && n <= 2 ? LocalDate.of(year, (n - 1) * 6 + 1, 1) : null;
      case "T":
        return n >= 1 && n <= 3 ? LocalDate.of(year, (n - 1) * 4 + 1, 1) : null;
      default:
        return isoWeekMonday(year, n);
    }
  }

  private static LocalDate isoWeekMonday(int weekBasedYear, int week) {
    // 4 January is always in ISO week 1 of its week-based year.
    LocalDate jan4 = LocalDate.of(weekBasedYear, 1, 4);
    long weeksInYear = jan4.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
    if (week < 1 || week > weeksInYear) {
      return null;
    }
    return jan4.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
  }
}
