package io.pxweb.jdbc.source.px;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Value of a {@code TIMEVAL} statement: the time scale and the periods it lists.
 *
 * <p>Both forms of PX-2013 are read: {@code TLIST(A1),"1994","1995","1996"} and the range
 * {@code TLIST(A1,"1994"-"1996")}, which is expanded period by period in the scale's own
 * format (CCYY, CCYYH, CCYYQ, CCYYMM, CCYYWW); so is a range after the head,
 * {@code TLIST(A1),"2019"-"2022"}, a deviation PxWeb reads.
 *
 * @param scale A1, H1, Q1, M1 or W1 (upper case as written)
 * @param periods the periods in file format, e.g. "200601"
 */
record PxTimeList(String scale, List<String> periods) {
  private static final Pattern TLIST =
      Pattern.compile("TLIST\\s*\\(\\s*([A-Za-z0-9]+)\\s*(?:,(.*))?\\)\\s*", Pattern.DOTALL);
  private static final Pattern RANGE =
      Pattern.compile("\\s*\"([^\"]*)\"\\s*-\\s*\"([^\"]*)\"\\s*");

  PxTimeList {
    periods = List.copyOf(periods);
  }

  /** Parses the values of a TIMEVAL statement. */
  static PxTimeList parse(PxKeyword timeval) throws PxFormatException {
    List<String> values = timeval.values();
    Matcher m = values.isEmpty() ? null : TLIST.matcher(values.get(0));
    if (m == null || !m.matches()) {
      throw new PxFormatException(timeval.line(), timeval + " does not start with TLIST(...)");
    }
    String scale = m.group(1).toUpperCase(Locale.ROOT);
    List<String> periods = new ArrayList<>();
    for (String v : values.subList(1, values.size())) {
      Matcher r = v.startsWith("\"") ? RANGE.matcher(v) : null;
      if (r != null && r.matches()) {
        // TLIST(A1),"2019"-"2022": a range written after the list's head, as PxWeb reads it.
        periods.addAll(expand(scale, r.group(1), r.group(2), timeval));
      } else {
        periods.add(v);
      }
    }
    if (m.group(2) != null) {
      Matcher r = RANGE.matcher(m.group(2));
      if (!r.matches()) {
        throw new PxFormatException(timeval.line(), "expected a range \"from\"-\"to\" in "
            + timeval + ", found " + m.group(2).trim());
      }
      periods.addAll(expand(scale, r.group(1), r.group(2), timeval));
    }
    return new PxTimeList(scale, periods);
  }

  /** Returns the table-list time unit: Annual, Quarterly, Monthly, Weekly, or Other (H1). */
  String timeUnit() {
    switch (scale) {
      case "A1":
        return "Annual";
      case "Q1":
        return "Quarterly";
      case "M1":
        return "Monthly";
      case "W1":
        return "Weekly";
      default:
        return "Other";
    }
  }

  /**
   * Returns the period as PX-2013 shows it when a file has no VALUES for its time variable:
   * 1995, 1995H1, 1995Q1, 1995M01, 1995W01.
   */
  String display(String period) {
    if (!period.matches("\\d{5,6}")) {
      return period;
    }
    String year = period.substring(0, 4);
    String rest = period.substring(4);
    switch (scale) {
      case "H1":
        return year + "H" + rest;
      case "Q1":
        return year + "Q" + rest;
      case "M1":
        return year + "M" + rest;
      case "W1":
        return year + "W" + rest;
      default:
        return period;
    }
  }

  private static List<String> expand(String scale, String from, String to, PxKeyword timeval)
      throws PxFormatException {
    int perYear;
    int width;
    switch (scale) {
      case "A1":
        perYear = 1;
        width = 0;
        break;
      case "H1":
        perYear = 2;
        width = 1;
        break;
      case "Q1":
        perYear = 4;
        width = 1;
        break;
      case "M1":
        perYear = 12;
        width = 2;
        break;
      case "W1":
        perYear = -1;
        width = 2;
        break;
      default:
        throw new PxFormatException(timeval.line(), "cannot expand a range of time scale "
            + scale + " in " + timeval);
    }
    int[] a = split(from, width);
    int[] b = split(to, width);
    if (a == null || b == null || a[1] < 1 || b[1] < 1 || a[1] > max(a[0], perYear)
        || b[1] > max(b[0], perYear)) {
      throw new PxFormatException(timeval.line(), "the range \"" + from + "\"-\"" + to + "\" in "
          + timeval + " is not in the format of time scale " + scale);
    }
    List<String> out = new ArrayList<>();
    int year = a[0];
    int sub = a[1];
    while (year < b[0] || (year == b[0] && sub <= b[1])) {
      out.add(width == 0 ? Integer.toString(year)
          : year + String.format(Locale.ROOT, "%0" + width + "d", sub));
      if (out.size() > 100_000) {
        throw new PxFormatException(timeval.line(), "the range in " + timeval + " is too long");
      }
      if (++sub > max(year, perYear)) {
        sub = 1;
        year++;
      }
    }
    if (out.isEmpty()) {
      throw new PxFormatException(timeval.line(), "the range \"" + from + "\"-\"" + to + "\" in "
          + timeval + " is empty");
    }
    return out;
  }

  /** Splits CCYY[sub] into year and sub-period (1 for annual periods); null if malformed. */
  private static int[] split(String period, int width) {
    String p = period.trim();
    if (!p.matches("\\d{" + (4 + width) + "}")) {
      return null;
    }
    int year = Integer.parseInt(p.substring(0, 4));
    return new int[] {year, width == 0 ? 1 : Integer.parseInt(p.substring(4))};
  }

  private static int max(int year, int perYear) {
    if (perYear > 0) {
      return perYear;
    }
    // ISO 8601: 28 December always lies in the last week of its week-based year.
    return LocalDate.of(year, 12, 28).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
  }
}
