package io.pxweb.jdbc.klasstestserver;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Klass's {@code selectCodes} (guide §3.3): a comma-separated list of codes, prefixes
 * ({@code 11*}) and ranges ({@code 3004-3400}, {@code 3004-34*}).
 */
final class SelectCodes implements Predicate<String> {
  private final List<Predicate<String>> items = new ArrayList<>();

  SelectCodes(String text) {
    for (String raw : text.split(",")) {
      String item = raw.trim();
      int dash = item.indexOf('-');
      if (dash > 0) {
        String low = item.substring(0, dash).trim();
        String high = item.substring(dash + 1).trim();
        items.add(code -> atLeast(code, low) && atMost(code, high));
      } else if (item.endsWith("*")) {
        String prefix = item.substring(0, item.length() - 1);
        items.add(code -> code.startsWith(prefix));
      } else {
        items.add(item::equals);
      }
    }
  }

  private static boolean atLeast(String code, String low) {
    return low.endsWith("*") ? code.compareTo(low.substring(0, low.length() - 1)) >= 0
        : code.compareTo(low) >= 0;
  }

  private static boolean atMost(String code, String high) {
    if (high.endsWith("*")) {
      String prefix = high.substring(0, high.length() - 1);
      return code.startsWith(prefix) || code.compareTo(prefix) <= 0;
    }
    return code.compareTo(high) <= 0;
  }

  @Override public boolean test(String code) {
    return items.stream().anyMatch(p -> p.test(code));
  }
}
