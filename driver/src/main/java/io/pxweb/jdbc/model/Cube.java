package io.pxweb.jdbc.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Cells of one JSON-stat 2.0 data response, indexed by the response's own dimension order.
 *
 * <p>Values are held as primitive doubles (NaN for null), so a response of the server's maximum
 * size (800,000 cells at Statistics Norway) costs about 6 MB; statuses are sparse.
 */
public final class Cube {
  private final List<String> dimensionIds;
  private final int[] sizes;
  private final int[] strides;
  private final List<Map<String, Integer>> positions;
  private final double[] values;
  private final CellStatuses statuses;
  private final String uniformStatus;

  public Cube(List<String> dimensionIds, int[] sizes, List<Map<String, Integer>> positions,
      double[] values, CellStatuses statuses, String uniformStatus) {
    this.dimensionIds = List.copyOf(dimensionIds);
    this.sizes = sizes.clone();
    this.positions = List.copyOf(positions);
    this.values = values;
    this.statuses = statuses;
    this.uniformStatus = uniformStatus;
    this.strides = new int[sizes.length];
    int stride = 1;
    // Row-major: the last dimension varies fastest.
    for (int d = sizes.length - 1; d >= 0; d--) {
      strides[d] = stride;
      stride *= sizes[d];
    }
  }

  /**
   * Creates a cube from cells another source has read (a PX file), in the same terms as a
   * JSON-stat response: dimension ids, sizes, code positions, row-major values (NaN for none)
   * and sparse statuses keyed by flat index.
   */
  public static Cube of(List<String> dimensionIds, int[] sizes,
      List<Map<String, Integer>> positions, double[] values, Map<Integer, String> statuses) {
    long cells = 1;
    for (int size : sizes) {
      cells *= size;
    }
    if (dimensionIds.size() != sizes.length || positions.size() != sizes.length
        || cells != values.length) {
      throw new IllegalArgumentException("inconsistent cube: " + dimensionIds + " "
          + Arrays.toString(sizes) + " with " + values.length + " values");
    }
    return new Cube(dimensionIds, sizes, positions, values, CellStatuses.of(statuses), null);
  }

  /** Returns the dimension ids in response order (which may differ from metadata order). */
  public List<String> dimensionIds() {
    return dimensionIds;
  }

  /** Returns the position of a dimension in the response, or -1. */
  public int dimension(String id) {
    return dimensionIds.indexOf(id);
  }

  public int size(int dimension) {
    return sizes[dimension];
  }

  /** Returns the distance in the value array between neighbouring positions of a dimension. */
  public int stride(int dimension) {
    return strides[dimension];
  }

  /** Returns the position of a value code within a dimension (from {@code category.index}), or -1. */
  public int position(int dimension, String code) {
    Integer p = positions.get(dimension).get(code);
    return p == null ? -1 : p;
  }

  /** Returns the codes of a dimension with their positions. */
  public Map<String, Integer> positions(int dimension) {
    return positions.get(dimension);
  }

  public int cellCount() {
    return values.length;
  }

  /** Returns whether the cell holds no number (a symbol cell such as ".."). */
  public boolean isNull(int flatIndex) {
    return Double.isNaN(values[flatIndex]);
  }

  public double value(int flatIndex) {
    return values[flatIndex];
  }

  /** Returns the status symbol of a cell, or null. */
  public String status(int flatIndex) {
    if (uniformStatus != null) {
      return uniformStatus;
    }
    return statuses.get(flatIndex);
  }

}
