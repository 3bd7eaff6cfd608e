package io.pxweb.jdbc.testserver;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Deterministic made-up cell values for tables whose fixtures carry no data.
 *
 * <p>A cell's value is a pure function of the table id and the cell's value codes in metadata
 * order, so tests can recompute any expected value without the server. About one cell in 15
 * is {@code null} with a status, and about one in 40 has a number and a status; the symbols
 * are those SSB uses since 2021 and the contract lists: {@code "."}, {@code ".."} and
 * {@code ":"} (PCAxis.Serializers).
 */
public final class SyntheticValues {

  /** The symbols a synthesized cell can carry. */
  public static final List<String> SYMBOLS = List.of("..", ".", ":");

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private SyntheticValues() {
  }

  /**
   * The synthesized cell.
   *
   * @param tableId the table id (case-insensitive)
   * @param codes the cell's value codes, one per variable in metadata order
   * @param decimals the number of decimals of the cell's content value
   */
  public static Cell cell(String tableId, List<String> codes, int decimals) {
    long h = hash(tableId, codes);
    // 600 = lcm(15, 40): residue 0 mod 15 and residue 1 mod 40 never coincide, so the two
    // kinds of status cells are disjoint.
    int bucket = (int) Long.remainderUnsigned(h, 600);
    String symbol = SYMBOLS.get((int) Long.remainderUnsigned(h >>> 17, SYMBOLS.size()));
    if (bucket % 15 == 0) {
      return new Cell(null, symbol);
    }
    BigDecimal value = number(h, decimals);
    return new Cell(value, bucket % 40 == 1 ? symbol : null);
  }

  /** The synthesized number (or {@code null}) of a cell; see {@link #cell}. */
  public static BigDecimal value(String tableId, List<String> codes, int decimals) {
    return cell(tableId, codes, decimals).value();
  }

  /** The synthesized status (or {@code null}) of a cell; see {@link #cell}. */
  public static String status(String tableId, List<String> codes, int decimals) {
    return cell(tableId, codes, decimals).status();
  }

  /** A number in [0, 1,000,000) with exactly {@code decimals} decimals. */
  private static BigDecimal number(long h, int decimals) {
    int scale = Math.max(0, Math.min(decimals, 6));
    long range = 1_000_000L * BigDecimal.TEN.pow(scale).longValueExact();
    return BigDecimal.valueOf(Long.remainderUnsigned(h >>> 11, range), scale);
  }

  /** FNV-1a over the upper-cased id and the codes, then a SplitMix64 finaliser to spread the bits. */
  private static long hash(String tableId, List<String> codes) {
    long h = FNV_OFFSET;
    h = mix(h, tableId.toUpperCase(java.util.Locale.ROOT));
    for (String code : codes) {
      h = (h ^ 0x1f) * FNV_PRIME;
      h = mix(h, code);
    }
    h ^= h >>> 30;
    h *= 0xbf58476d1ce4e5b9L;
    h ^= h >>> 27;
    h *= 0x94d049bb133111ebL;
    h ^= h >>> 31;
    return h;
  }

  private static long mix(long h, String s) {
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * FNV_PRIME;
    }
    return h;
  }
}
