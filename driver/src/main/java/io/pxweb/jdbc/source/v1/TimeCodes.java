package io.pxweb.jdbc.source.v1;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Frequency of a v1 time variable, inferred from its codes: v1 metadata flags the variable
 * ({@code "time": true}) but, unlike v2's {@code timeUnit}, never says its frequency.
 *
 * <p>The styles the v1 servers use: {@code 2024} (year), {@code 2024M01} (month),
 * {@code 2024K1} (quarter at SSB and SCB) or {@code 2024Q1} (elsewhere), {@code 2024U05} (week at
 * SSB), {@code 2024W05} or {@code 2024V05}, {@code 2024H1} (half-year), {@code 2024T1}
 * (tertial). The first day of each period, the {@code T_date} column, is computed from the same
 * codes by the SQL layer for every source alike.
 */
public final class TimeCodes {
  private static final Pattern CODE = Pattern.compile("\\d{4}(?:([MKQUWVHT])\\d{1,2})?");

  private TimeCodes() {
  }

  /**
   * Returns the frequency as v2 names it ({@code Annual}, {@code Quarterly}, {@code Monthly},
   * {@code Weekly}), {@code Other} when the codes mix styles or follow none (half-years,
   * sequence numbers as at Greenland), or null for no codes.
   */
  public static String unit(List<String> codes) {
    String unit = null;
    for (String code : codes) {
      String u = unit(code);
      if (unit != null && !unit.equals(u)) {
        return "Other";
      }
      unit = u;
    }
    return unit;
  }

  /** Returns the frequency one code names; {@code Other} for a code in no known style. */
  public static String unit(String code) {
    Matcher m = CODE.matcher(code.trim());
    if (!m.matches()) {
      return "Other";
    }
    if (m.group(1) == null) {
      return "Annual";
    }
    return switch (m.group(1)) {
      case "M" -> "Monthly";
      case "K", "Q" -> "Quarterly";
      case "U", "W", "V" -> "Weekly";
      default -> "Other";
    };
  }
}
