package io.pxweb.jdbc.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The status symbols of a cube's cells, looked up by flat index without boxing: a response
 * uses a handful of symbols ({@code ..}, {@code .}, {@code :}), so each cell holds the number
 * of its symbol in a {@code char} (0 for none) and each symbol is kept once. A row reads the
 * status of every measure, so this lookup is on a scan's hot path; a map keyed by boxed
 * integers cost a fifth of a {@code next()}-only scan (docs/benchmarks.md).
 *
 * <p>The array grows to the highest index given, which the caller bounds by the cells
 * requested. A document with more than 65,535 distinct symbols (no real server has a dozen)
 * keeps the rest in a map.
 */
public final class CellStatuses {
  private static final int MAX_SYMBOLS = Character.MAX_VALUE;

  private char[] codes = new char[0];
  private String[] symbols = new String[8];
  private int symbolCount = 1;
  private final Map<String, Integer> numbers = new HashMap<>();
  private Map<Integer, String> overflow;
  private int highest = -1;

  /** Returns the statuses of a map keyed by flat index. */
  public static CellStatuses of(Map<Integer, String> byIndex) {
    CellStatuses s = new CellStatuses();
    byIndex.forEach((index, symbol) -> {
      if (symbol != null) {
        s.put(index, symbol);
      }
    });
    return s;
  }

  /** Gives a cell its symbol (the last one given wins). */
  public void put(int index, String symbol) {
    if (index >= codes.length) {
      codes = Arrays.copyOf(codes, Math.max(index + 1, Math.min(Integer.MAX_VALUE - 8,
          2 * codes.length + 16)));
    }
    Integer number = numbers.get(symbol);
    if (number == null && symbolCount < MAX_SYMBOLS) {
      number = symbolCount++;
      if (number == symbols.length) {
        symbols = Arrays.copyOf(symbols, 2 * symbols.length);
      }
      symbols[number] = symbol;
      numbers.put(symbol, number);
    }
    if (number == null) {
      if (overflow == null) {
        overflow = new HashMap<>();
      }
      overflow.put(index, symbol);
      codes[index] = 0;
    } else {
      codes[index] = (char) (int) number;
      if (overflow != null) {
        overflow.remove(index);
      }
    }
    highest = Math.max(highest, index);
  }

  /** Returns the symbol of a cell, or null. */
  public String get(int index) {
    if (index < codes.length) {
      char c = codes[index];
      if (c != 0) {
        return symbols[c];
      }
    }
    return overflow == null ? null : overflow.get(index);
  }

  /** Returns the highest index given a symbol, or -1. */
  public int highest() {
    return highest;
  }
}
