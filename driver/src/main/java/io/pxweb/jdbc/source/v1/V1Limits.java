package io.pxweb.jdbc.source.v1;

/**
 * A v1 server's limits, from {@code GET <path>?config} or, where a server has none, from the
 * {@link ServerCatalogue}.
 *
 * @param maxValues the most values one answer lists (metadata drops longer value lists); 0 when
 *     unknown
 * @param maxCells the most cells one data request may select (more is HTTP 403 or 400); 0 when
 *     unknown
 * @param maxCalls calls allowed per window; 0 when unknown
 * @param timeWindowSeconds length of the rate-limit window; 0 when unknown
 */
public record V1Limits(int maxValues, int maxCells, int maxCalls, int timeWindowSeconds) {

  /** No limits known. */
  public static final V1Limits UNKNOWN = new V1Limits(0, 0, 0, 0);

  /**
   * Returns the cell limit a request must stay within: {@code maxCells}, or {@code maxValues}
   * where a server publishes only that (pxweb R reads it as "values to download" per call).
   */
  public int cellLimit() {
    return maxCells > 0 ? maxCells : maxValues;
  }

  /** Returns these limits with each unknown figure taken from {@code fallback}. */
  public V1Limits orElse(V1Limits fallback) {
    return new V1Limits(maxValues > 0 ? maxValues : fallback.maxValues,
        maxCells > 0 ? maxCells : fallback.maxCells,
        maxCalls > 0 ? maxCalls : fallback.maxCalls,
        maxCalls > 0 && timeWindowSeconds > 0 ? timeWindowSeconds : fallback.timeWindowSeconds);
  }
}
