package io.pxweb.jdbc.model;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Positions of a variable's value codes. Codes are exact: a PX file may hold "Hyundai I30" and
 * "Hyundai i30" as two values. A code written in another case still finds its value when no
 * other code folds to the same text, because servers match codes case-insensitively.
 */
public final class CodeIndex {
  /** Prefix of the case-folded keys, a character no code holds. */
  private static final char FOLDED = '\u0000';
  /** Code to position, and FOLDED + lower-cased code to position (-1: two codes fold alike). */
  private final Map<String, Integer> positions;

  private CodeIndex(Map<String, Integer> positions) {
    this.positions = positions;
  }

  /** Indexes codes in table order; the first of two equal codes wins. */
  public static CodeIndex of(List<String> codes) {
    Map<String, Integer> positions = new HashMap<>(codes.size() * 4);
    for (int i = codes.size() - 1; i >= 0; i--) {
      String code = codes.get(i);
      String folded = FOLDED + code.toLowerCase(Locale.ROOT);
      Integer other = positions.get(folded);
      boolean ambiguous = other != null && (other < 0 || !codes.get(other).equals(code));
      positions.put(folded, ambiguous ? -1 : i);
    }
    for (int i = codes.size() - 1; i >= 0; i--) {
      positions.put(codes.get(i), i);
    }
    return new CodeIndex(positions);
  }

  /** Returns the position of the exact code, else of the one code equal but for case; else -1. */
  public int indexOf(String code) {
    Integer i = positions.get(code);
    if (i == null) {
      i = positions.get(FOLDED + code.toLowerCase(Locale.ROOT));
    }
    return i == null ? -1 : i;
  }
}
