package io.pxweb.jdbc.adapter.klass;

import java.util.List;

/**
 * Parameters that a scan of a Klass table pushes into its request: the codes
 * ({@code selectCodes}), the level ({@code selectLevel}) or a search query.
 *
 * <p>Public because generated code reads it; not part of the driver's API.
 *
 * @param codes code patterns, each a whole code or a prefix ending in {@code *}; null for all
 * @param level the level, or null for all
 * @param search the search query of {@code classifications}, or null for the full list
 */
public record KlassPush(List<String> codes, Integer level, String search) {
  /** Nothing pushed: the whole table. */
  public static final KlassPush NONE = new KlassPush(null, null, null);

  public KlassPush {
    codes = codes == null ? null : List.copyOf(codes);
  }

  KlassPush withCodes(List<String> newCodes) {
    return new KlassPush(newCodes, level, search);
  }

  KlassPush withLevel(Integer newLevel) {
    return new KlassPush(codes, newLevel, search);
  }

  KlassPush withSearch(String newSearch) {
    return new KlassPush(codes, level, newSearch);
  }

  /** Returns the value of Klass's {@code selectCodes}, e.g. {@code 0301,11*}; null for all. */
  public String selectCodes() {
    return codes == null ? null : String.join(",", codes);
  }

  /**
   * Returns whether a row of a code table passes the pushed codes and level. The scan checks
   * this on Klass's answer too, so the rows are exactly SQL's whatever Klass's matching does
   * with case or wildcards.
   */
  boolean accepts(String code, Integer rowLevel) {
    if (level != null && !level.equals(rowLevel)) {
      return false;
    }
    if (codes == null) {
      return true;
    }
    if (code == null) {
      return false;
    }
    for (String pattern : codes) {
      if (pattern.endsWith("*")
          ? code.startsWith(pattern.substring(0, pattern.length() - 1))
          : code.equals(pattern)) {
        return true;
      }
    }
    return false;
  }
}
