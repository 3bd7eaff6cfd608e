package io.pxweb.jdbc.adapter;

import io.pxweb.jdbc.model.Cube;
import io.pxweb.jdbc.model.DataRequest;
import io.pxweb.jdbc.model.Selection;
import io.pxweb.jdbc.model.Value;
import io.pxweb.jdbc.model.Variable;
import io.pxweb.jdbc.model.VariableRole;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Arrays;
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
  /** The cube offset of the current row (the sum of the odometer's offsets). */
  private long base;
  /** Per projected column: what it reads (one of the constants below). */
  private final byte[] kinds;
  /** Per projected column of a row variable: that variable's index among the row variables. */
  private final int[] columnRow;
  /** Per projected measure or status column: its content's cube offset, or -1. */
  private final long[] columnOffset;
  /** Per projected measure column: its decimals. */
  private final int[] scales;
  /** Per projected code or label column: its strings by selection position, once read. */
  private final String[][] strings;
  /** Per projected date column: its days by selection position, once read. */
  private final Integer[][] days;
  private static final byte CODE_OR_LABEL = 0;
  private static final byte DATE = 1;
  private static final byte MEASURE = 2;
  private static final byte STATUS = 3;
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
        Arrays.fill(contents, -1);
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
    int n = projection.length;
    kinds = new byte[n];
    columnRow = new int[n];
    columnOffset = new long[n];
    scales = new int[n];
    strings = new String[n][];
    days = new Integer[n][];
    for (int k = 0; k < n; k++) {
      ColumnLayout.Column column = layout.column(projection[k]);
      switch (column.kind()) {
        case CODE, LABEL -> {
          kinds[k] = CODE_OR_LABEL;
          columnRow[k] = rowIndex[column.variable()];
        }
        case DATE -> {
          kinds[k] = DATE;
          columnRow[k] = rowIndex[column.variable()];
        }
        case MEASURE -> {
          kinds[k] = MEASURE;
          columnOffset[k] = contentOffsets[column.content()];
          scales[k] = layout.decimals(column);
        }
        case STATUS -> {
          kinds[k] = STATUS;
          columnOffset[k] = contentOffsets[column.content()];
        }
        default -> throw new AssertionError(column.kind());
      }
    }
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
      base = 0;
      for (long[] o : offsets) {
        base += o[0];
      }
      return true;
    }
    // The cube offset of the row follows the odometer: only the digits that move change it.
    for (int i = odometer.length - 1; i >= 0; i--) {
      long[] o = offsets[i];
      int at = odometer[i];
      if (at + 1 < o.length) {
        odometer[i] = at + 1;
        base += o[at + 1] - o[at];
        return true;
      }
      odometer[i] = 0;
      base += o[0] - o[at];
    }
    exhausted = true;
    return false;
  }

  /** Returns the current row, projected. */
  Object[] row() {
    if (!started || exhausted) {
      throw new NoSuchElementException();
    }
    Object[] row = new Object[projection.length];
    for (int k = 0; k < projection.length; k++) {
      row[k] = cell(k);
    }
    return row;
  }

  /**
   * Returns one cell of the current row: element {@code k} of {@link #row()}, the same value
   * (the same object for codes, labels and dates), without building the row. Codes, labels and
   * dates are looked up once per category and response.
   */
  Object cell(int k) {
    switch (kinds[k]) {
      case CODE_OR_LABEL: {
        int i = columnRow[k];
        String[] s = strings[k];
        return s != null ? s[odometer[i]] : prepareStrings(k)[odometer[i]];
      }
      case DATE: {
        int i = columnRow[k];
        Integer[] d = days[k];
        return d != null ? d[odometer[i]] : prepareDays(k)[odometer[i]];
      }
      case MEASURE: {
        long offset = columnOffset[k];
        if (offset < 0) {
          return null;
        }
        int index = Math.toIntExact(base + offset);
        if (cube.isNull(index)) {
          return null;
        }
        return decimal(cube.value(index), scales[k]);
      }
      case STATUS: {
        long offset = columnOffset[k];
        return offset < 0 ? null : cube.status(Math.toIntExact(base + offset));
      }
      default:
        throw new AssertionError(kinds[k]);
    }
  }

  /** The codes or labels of a column's variable, by position in the request's selection. */
  private String[] prepareStrings(int k) {
    boolean code = layout.column(projection[k]).kind() == ColumnLayout.Kind.CODE;
    Value[] values = selectedValues(k);
    String[] s = new String[values.length];
    for (int j = 0; j < s.length; j++) {
      s[j] = code ? values[j].code() : values[j].label();
    }
    strings[k] = s;
    return s;
  }

  /**
   * The first days of a column's periods (Calcite's internal DATE: days since 1970-01-01, or
   * null for a code that names no period), by position in the request's selection.
   */
  private Integer[] prepareDays(int k) {
    Value[] values = selectedValues(k);
    Integer[] d = new Integer[values.length];
    for (int j = 0; j < d.length; j++) {
      LocalDate day = PeriodDates.firstDay(values[j].code());
      d[j] = day == null ? null : (int) day.toEpochDay();
    }
    days[k] = d;
    return d;
  }

  /** The requested values of a column's variable, in the request's (table) order. */
  private Value[] selectedValues(int k) {
    List<Value> values = layout.metadata().variables()
        .get(layout.column(projection[k]).variable()).values();
    int[] positions = tablePositions[columnRow[k]];
    Value[] selected = new Value[positions.length];
    for (int j = 0; j < positions.length; j++) {
      selected[j] = values.get(positions[j]);
    }
    return selected;
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
}
