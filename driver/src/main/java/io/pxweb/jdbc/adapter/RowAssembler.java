package io.pxweb.jdbc.adapter;

import io.pxweb.jdbc.model.DataRequest;
import io.pxweb.jdbc.model.Selection;
import io.pxweb.jdbc.model.Cube;
import io.pxweb.jdbc.model.Value;
import io.pxweb.jdbc.model.Variable;
import io.pxweb.jdbc.model.VariableRole;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Cursor that turns the cells of one response into rows of the flattened cube, in table order.
 *
 * <p>Rows follow the requested values of the non-content variables in metadata order, whatever
 * order the response's dimensions come in: each cell is located by the response's own
 * dimension ids, sizes and {@code category.index} positions. A response that lacks a requested
 * variable or value is malformed, never a reason to return fewer rows.
 */
final class RowAssembler {
  private final ColumnLayout layout;
  private final int[] projection;
  private final Cube cube;
  /** Non-content variables (metadata indexes) that make up a row, in metadata order. */
  private final int[] rowVariables;
  /** For each row variable, the cube offset (position times stride) of each requested value. */
  private final long[][] offsets;
  /** For each row variable, the table-order position of each requested value. */
  private final int[][] tablePositions;
  /** For each content value (metadata order), its cube offset, or -1 when it was not requested. */
  private final long[] contentOffsets;
  private final int[] odometer;
  /** For each variable (metadata index), its index among the row variables. */
  private final int[] rowIndex;
  /** For each row variable, the first days of its periods, filled as rows need them. */
  private final Integer[][] dayCache;
  private boolean started;
  private boolean exhausted;

  /**
   * Creates a cursor over a request's rows.
   *
   * @param cube the response, or null to enumerate the rows from metadata alone (measures
   *     and statuses then read as null; used when the query reads none)
   */
  RowAssembler(ColumnLayout layout, int[] projection, DataRequest request, Cube cube)
      throws MalformedResponseException {
    this.layout = layout;
    this.projection = projection;
    this.cube = cube;
    List<Variable> variables = layout.metadata().variables();
    int rowCount = 0;
    for (Variable v : variables) {
      if (v.role() != VariableRole.CONTENT) {
        rowCount++;
      }
    }
    rowVariables = new int[rowCount];
    offsets = new long[rowCount][];
    tablePositions = new int[rowCount][];
    long[] contents = new long[0];
    int r = 0;
    for (int v = 0; v < variables.size(); v++) {
      Variable variable = variables.get(v);
      Selection selection = request.selections().get(v);
      long[] dimOffsets = new long[selection.size()];
      if (cube != null) {
        int d = cube.dimension(variable.code());
        if (d < 0) {
          throw new MalformedResponseException("the response has no dimension '"
              + variable.code() + "', which was requested");
        }
        for (int i = 0; i < selection.size(); i++) {
          int p = cube.position(d, selection.codes().get(i));
          if (p < 0) {
            throw new MalformedResponseException("the response has no value '"
                + selection.codes().get(i) + "' of '" + variable.code() + "', which was requested");
          }
          dimOffsets[i] = (long) p * cube.stride(d);
        }
      }
      if (variable.role() == VariableRole.CONTENT) {
        contents = new long[variable.size()];
        java.util.Arrays.fill(contents, -1);
        for (int i = 0; cube != null && i < selection.size(); i++) {
          contents[selection.positions().get(i)] = dimOffsets[i];
        }
      } else {
        rowVariables[r] = v;
        offsets[r] = dimOffsets;
        tablePositions[r] = selection.positions().stream().mapToInt(Integer::intValue).toArray();
        r++;
      }
    }
    if (layout.metadata().contentVariable() == null) {
      contents = new long[] {cube == null ? -1 : 0};
    }
    this.contentOffsets = contents;
    this.odometer = new int[rowCount];
    this.rowIndex = new int[variables.size()];
    for (int i = 0; i < rowVariables.length; i++) {
      rowIndex[rowVariables[i]] = i;
    }
    this.dayCache = new Integer[rowCount][];
  }

  /** Returns how many rows this response gives. */
  long rowCount() {
    long n = 1;
    for (long[] o : offsets) {
      n *= o.length;
    }
    return n;
  }

  /** Advances to the next row; returns false after the last. */
  boolean next() {
    if (exhausted) {
      return false;
    }
    if (!started) {
      started = true;
      for (long[] o : offsets) {
        if (o.length == 0) {
          exhausted = true;
          return false;
        }
      }
      return true;
    }
    for (int i = odometer.length - 1; i >= 0; i--) {
      if (++odometer[i] < offsets[i].length) {
        return true;
      }
      odometer[i] = 0;
    }
    exhausted = true;
    return false;
  }

  /** Returns the current row, projected. */
  Object[] row() {
    if (!started || exhausted) {
      throw new NoSuchElementException();
    }
    long base = 0;
    for (int i = 0; i < odometer.length; i++) {
      base += offsets[i][odometer[i]];
    }
    Object[] row = new Object[projection.length];
    for (int k = 0; k < projection.length; k++) {
      row[k] = cell(layout.column(projection[k]), base);
    }
    return row;
  }

  private Object cell(ColumnLayout.Column column, long base) {
    switch (column.kind()) {
      case CODE, LABEL, DATE: {
        if (column.kind() == ColumnLayout.Kind.DATE) {
          return dayOf(column.variable());
        }
        Value value = valueOf(column.variable());
        return column.kind() == ColumnLayout.Kind.CODE ? value.code() : value.label();
      }
      case MEASURE: {
        long offset = contentOffsets[column.content()];
        if (offset < 0) {
          return null;
        }
        int index = Math.toIntExact(base + offset);
        if (cube.isNull(index)) {
          return null;
        }
        return decimal(cube.value(index), layout.decimals(column));
      }
      case STATUS: {
        long offset = contentOffsets[column.content()];
        return offset < 0 ? null : cube.status(Math.toIntExact(base + offset));
      }
      default:
        throw new AssertionError(column.kind());
    }
  }

  /** Powers of ten that a double holds exactly. */
  private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
      1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

  /**
   * Returns {@code BigDecimal.valueOf(v).setScale(scale, HALF_UP)} without its detour through
   * {@code Double.toString} (a fifth of a {@code next()}-only scan) in the usual case: when
   * the nearest double to r / 10^scale is v for a whole r below 10^15, that decimal is the
   * only one of at most 15 significant digits that reads as v, so it is the value's text
   * rounded to the scale. Other values (more decimals than the column's, huge ones) take the
   * general way.
   */
  static BigDecimal decimal(double v, int scale) {
    if (scale >= 0 && scale < POWERS_OF_TEN.length) {
      double r = Math.rint(v * POWERS_OF_TEN[scale]);
      if (Math.abs(r) < 1e15 && r / POWERS_OF_TEN[scale] == v) {
        return BigDecimal.valueOf((long) r, scale);
      }
    }
    return BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP);
  }

  private Value valueOf(int variable) {
    int i = rowIndex[variable];
    return layout.metadata().variables().get(variable).values().get(tablePositions[i][odometer[i]]);
  }

  /** Returns the first day of the current period of a variable, computed once per value. */
  private Integer dayOf(int variable) {
    int i = rowIndex[variable];
    int position = tablePositions[i][odometer[i]];
    Integer[] days = dayCache[i];
    if (days == null) {
      days = new Integer[layout.metadata().variables().get(variable).size()];
      dayCache[i] = days;
    }
    if (days[position] == null) {
      LocalDate day = PeriodDates.firstDay(valueOf(variable).code());
      // Calcite's internal form of DATE: days since 1970-01-01; MIN_VALUE marks "no period".
      days[position] = day == null ? Integer.MIN_VALUE : (int) day.toEpochDay();
    }
    return days[position] == Integer.MIN_VALUE ? null : days[position];
  }
}
