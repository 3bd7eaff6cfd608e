package io.pxweb.jdbc.px;

import io.pxweb.jdbc.jsonstat.Cube;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Streaming reader of the DATA section of a PX file that keeps only the selected cells.
 *
 * <p>The file is opened again and read from the byte after {@code DATA=}, token by token: only
 * the cells of the selection are stored, so memory follows the selection, never the file.
 * Cells come row by row over the STUB combinations, and within a row over the HEADING
 * combinations, the last variable varying fastest. Delimiters are space, tab, line break, comma
 * and semicolon (PX-2013 treats them alike). A number is stored as a double; a quoted (or bare)
 * {@code "."} to {@code "......"}, {@code "......."} or {@code "-"} is a missing value whose
 * status is the table's DATASYMBOL1..6, DATASYMBOLSUM or DATASYMBOLNIL text, or the stored text
 * when the table defines none; any other quoted text is a missing value with that text as status.
 *
 * <p>In the KEYS form each row starts with the quoted code or text of every STUB variable; rows
 * may come in any order, and a row left out holds zeros (PX-2013: rows of zeros are omitted).
 *
 * <p>Too few or too many values, a value that is no number, or a KEYS row naming an unknown
 * value fail with the line they were found on.
 */
final class PxDataReader {
  /** Checks for cancellation after this many tokens even within one long row. */
  private static final int CANCEL_CHECK_TOKENS = 1 << 16;
  private static final double[] POWERS_OF_TEN = {
      1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
      1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

  private final PxTableLayout table;
  private final String[] symbols;
  private final BooleanSupplier cancelled;

  /**
   * Creates a reader.
   *
   * @param symbols status texts by stored symbol, see {@link PxMetadataMapper#symbols}
   * @param cancelled tells the reader to stop; checked between rows
   */
  PxDataReader(PxTableLayout table, String[] symbols, BooleanSupplier cancelled) {
    this.table = table;
    this.symbols = symbols.clone();
    this.cancelled = cancelled;
  }

  /**
   * Reads the cells of a selection.
   *
   * @param selected for each variable in metadata order, the table positions selected, in the
   *     order the cube lists them
   * @throws PxFormatException when DATA does not match the header
   * @throws CancellationException when cancelled
   */
  Cube read(int[][] selected) throws IOException, PxFormatException {
    List<PxTableLayout.Dim> dims = table.variables();
    if (selected.length != dims.size()) {
      throw new IllegalArgumentException("expected " + dims.size() + " selections");
    }
    int n = dims.size();
    int[] sizes = new int[n];
    long cells = 1;
    for (int v = 0; v < n; v++) {
      sizes[v] = selected[v].length;
      cells *= sizes[v];
    }
    if (cells > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many cells in one selection: " + cells);
    }
    int[] strides = new int[n];
    int stride = 1;
    for (int v = n - 1; v >= 0; v--) {
      strides[v] = stride;
      stride *= Math.max(1, sizes[v]);
    }
    // For each variable: table position -> offset in the cube, or -1 when not selected.
    int[][] offsets = new int[n][];
    for (int v = 0; v < n; v++) {
      offsets[v] = new int[dims.get(v).size()];
      Arrays.fill(offsets[v], -1);
      for (int k = selected[v].length - 1; k >= 0; k--) {
        offsets[v][selected[v][k]] = k * strides[v];
      }
    }
    int first = table.firstFileVariable();
    // A synthetic content variable has one value and adds its (zero) offset to every cell.
    int base = first == 1 ? offsets[0][0] : 0;
    int stubEnd = first + table.stubCount();
    double[] values = new double[(int) cells];
    Arrays.fill(values, table.keyed() ? 0.0 : Double.NaN);
    Map<Integer, String> statuses = new HashMap<>();
    if (cells > 0 && base >= 0) {
      int[] headingTargets = combinations(dims, offsets, stubEnd, n);
      try (InputStream in = Files.newInputStream(table.file().path())) {
        in.skipNBytes(table.file().dataOffset());
        Tokens tokens = new Tokens(new InputStreamReader(in, table.file().charset()),
            table.file().dataLine());
        Cells out = new Cells(values, statuses);
        if (table.keyed()) {
          readKeyed(tokens, dims, offsets, first, stubEnd, base, headingTargets, out);
        } else {
          readPlain(tokens, dims, offsets, first, stubEnd, base, headingTargets, out);
        }
      }
    }
    List<String> ids = new ArrayList<>(n);
    List<Map<String, Integer>> positions = new ArrayList<>(n);
    for (int v = 0; v < n; v++) {
      PxTableLayout.Dim d = dims.get(v);
      ids.add(d.code());
      Map<String, Integer> p = new LinkedHashMap<>();
      for (int k = 0; k < selected[v].length; k++) {
        p.putIfAbsent(d.codes().get(selected[v][k]), k);
      }
      positions.add(p);
    }
    return Cube.of(ids, sizes, positions, values, statuses);
  }

  /** Returns, for every combination of the variables [from, to), its cube offset or -1. */
  private static int[] combinations(List<PxTableLayout.Dim> dims, int[][] offsets, int from,
      int to) throws PxFormatException {
    long count = 1;
    for (int v = from; v < to; v++) {
      count *= dims.get(v).size();
    }
    if (count > Integer.MAX_VALUE - 8) {
      throw new PxFormatException(1, "the HEADING has too many combinations (" + count + ")");
    }
    int[] out = new int[(int) count];
    int[] odometer = new int[to - from];
    for (int c = 0; c < out.length; c++) {
      int target = 0;
      for (int v = from; v < to && target >= 0; v++) {
        int o = offsets[v][odometer[v - from]];
        target = o < 0 ? -1 : target + o;
      }
      out[c] = target;
      for (int v = to - 1; v >= from; v--) {
        if (++odometer[v - from] < dims.get(v).size()) {
          break;
        }
        odometer[v - from] = 0;
      }
    }
    return out;
  }

  private void readPlain(Tokens tokens, List<PxTableLayout.Dim> dims, int[][] offsets, int first,
      int stubEnd, int base, int[] headingTargets, Cells out)
      throws IOException, PxFormatException {
    long rows = 1;
    for (int v = first; v < stubEnd; v++) {
      rows *= dims.get(v).size();
    }
    long expected = rows * headingTargets.length;
    int[] odometer = new int[stubEnd - first];
    long read = 0;
    for (long r = 0; r < rows; r++) {
      checkCancelled();
      int rowTarget = base;
      for (int v = first; v < stubEnd && rowTarget >= 0; v++) {
        int o = offsets[v][odometer[v - first]];
        rowTarget = o < 0 ? -1 : rowTarget + o;
      }
      for (int h = 0; h < headingTargets.length; h++) {
        if (!tokens.next()) {
          throw new PxFormatException(tokens.line, "DATA has " + read + " values, but the table"
              + " has " + expected + " cells (" + shape(dims, first, stubEnd) + ")");
        }
        read++;
        if ((read & (CANCEL_CHECK_TOKENS - 1)) == 0) {
          checkCancelled();
        }
        if (rowTarget >= 0 && headingTargets[h] >= 0) {
          out.store(rowTarget + headingTargets[h], tokens);
        }
      }
      for (int v = stubEnd - 1; v >= first; v--) {
        if (++odometer[v - first] < dims.get(v).size()) {
          break;
        }
        odometer[v - first] = 0;
      }
    }
    if (tokens.next()) {
      throw new PxFormatException(tokens.line, "DATA has more values than the " + expected
          + " cells of the table (" + shape(dims, first, stubEnd) + "); the first extra value is "
          + tokens.describe());
    }
  }

  private void readKeyed(Tokens tokens, List<PxTableLayout.Dim> dims, int[][] offsets, int first,
      int stubEnd, int base, int[] headingTargets, Cells out)
      throws IOException, PxFormatException {
    List<Map<String, Integer>> keys = new ArrayList<>();
    for (int v = first; v < stubEnd; v++) {
      PxTableLayout.Dim d = dims.get(v);
      List<String> names = d.keyMode() == PxTableLayout.KeyMode.CODES ? d.codes() : d.labels();
      Map<String, Integer> byName = new HashMap<>();
      for (int i = names.size() - 1; i >= 0; i--) {
        byName.put(names.get(i), i);
      }
      keys.add(byName);
    }
    BitSet seen = new BitSet();
    while (true) {
      checkCancelled();
      if (!tokens.next()) {
        return;
      }
      int rowLine = tokens.line;
      long row = 0;
      int rowTarget = base;
      for (int v = first; v < stubEnd; v++) {
        if (v > first && !tokens.next()) {
          throw new PxFormatException(tokens.line, "a KEYS row ends after " + (v - first)
              + " of its " + (stubEnd - first) + " keys");
        }
        PxTableLayout.Dim d = dims.get(v);
        Integer position = tokens.quoted ? keys.get(v - first).get(tokens.text.toString()) : null;
        if (position == null) {
          throw new PxFormatException(tokens.line, (tokens.quoted ? "unknown key " : "expected the"
              + " quoted key of \"" + d.name() + "\", found ") + tokens.describe()
              + (tokens.quoted ? " for variable \"" + d.name() + "\" (KEYS(\"" + d.name() + "\")="
              + d.keyMode() + ")" : ""));
        }
        row = row * d.size() + position;
        int o = offsets[v][position];
        rowTarget = rowTarget < 0 || o < 0 ? -1 : rowTarget + o;
      }
      if (row < Integer.MAX_VALUE && seen.get((int) row)) {
        throw new PxFormatException(rowLine, "a second KEYS row for the same STUB values");
      }
      if (row < Integer.MAX_VALUE) {
        seen.set((int) row);
      }
      for (int h = 0; h < headingTargets.length; h++) {
        if (!tokens.next()) {
          throw new PxFormatException(tokens.line, "a KEYS row has " + h + " values, but the"
              + " HEADING has " + headingTargets.length + " cells");
        }
        if (rowTarget >= 0 && headingTargets[h] >= 0) {
          out.store(rowTarget + headingTargets[h], tokens);
        }
      }
    }
  }

  private static String shape(List<PxTableLayout.Dim> dims, int first, int stubEnd) {
    StringBuilder b = new StringBuilder("STUB ");
    for (int v = first; v < dims.size(); v++) {
      if (v == stubEnd) {
        b.append(" by HEADING ");
      } else if (v > first) {
        b.append('x');
      }
      b.append(dims.get(v).size());
    }
    if (stubEnd == dims.size()) {
      b.append(" by HEADING 1");
    }
    return b.toString();
  }

  private void checkCancelled() {
    if (cancelled.getAsBoolean()) {
      throw new CancellationException("reading " + table.file().path() + " was cancelled");
    }
  }

  /** The cube's values and statuses, filled cell by cell. */
  private final class Cells {
    private final double[] values;
    private final Map<Integer, String> statuses;

    Cells(double[] values, Map<Integer, String> statuses) {
      this.values = values;
      this.statuses = statuses;
    }

    void store(int index, Tokens token) throws PxFormatException {
      StringBuilder t = token.text;
      if (!token.quoted) {
        double d = parseNumber(t);
        if (!Double.isNaN(d)) {
          values[index] = d;
          return;
        }
      }
      String symbol = symbol(t);
      if (symbol == null && !token.quoted) {
        throw new PxFormatException(token.line, "not a number: " + token.describe());
      }
      values[index] = Double.NaN;
      statuses.put(index, symbol != null ? symbol : t.toString());
    }

    /** Returns the status text of a stored symbol (dots or a dash), or null for other text. */
    private String symbol(StringBuilder t) {
      int len = t.length();
      if (len == 1 && t.charAt(0) == '-') {
        return symbols[0];
      }
      if (len == 0 || len > 7) {
        return null;
      }
      for (int i = 0; i < len; i++) {
        if (t.charAt(i) != '.') {
          return null;
        }
      }
      return symbols[len];
    }
  }

  /**
   * Parses a decimal number; NaN when the text is none. Numbers of up to 15 significant digits
   * and 22 decimals (all real PX data) are computed exactly as {@code digits / 10^decimals}, which
   * IEEE division rounds correctly; anything else goes to {@link Double#parseDouble}.
   */
  static double parseNumber(CharSequence t) {
    int len = t.length();
    int i = 0;
    boolean negative = false;
    if (len > 0 && (t.charAt(0) == '-' || t.charAt(0) == '+')) {
      negative = t.charAt(0) == '-';
      i = 1;
    }
    long digits = 0;
    int significant = 0;
    int decimals = -1;
    boolean any = false;
    for (; i < len; i++) {
      char c = t.charAt(i);
      if (c >= '0' && c <= '9') {
        any = true;
        if (significant > 0 || c != '0') {
          significant++;
        }
        digits = digits * 10 + (c - '0');
        if (decimals >= 0) {
          decimals++;
        }
      } else if (c == '.' && decimals < 0) {
        decimals = 0;
      } else {
        break;
      }
    }
    if (i == len && any && significant <= 15 && decimals <= 22) {
      double d = decimals > 0 ? digits / POWERS_OF_TEN[decimals] : digits;
      return negative ? -d : d;
    }
    if (!any || (i < len && t.charAt(i) != 'e' && t.charAt(i) != 'E')) {
      return Double.NaN;
    }
    // Exponents, or more digits than a long keeps exactly.
    String s = t.toString();
    if (!s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
      return Double.NaN;
    }
    double d = Double.parseDouble(s);
    return Double.isInfinite(d) ? Double.NaN : d;
  }

  /** Tokenizer of the DATA section, reading a character stream through its own buffer. */
  private static final class Tokens {
    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int pos;
    private int limit;
    /** The current token's text, without quotation marks. */
    final StringBuilder text = new StringBuilder();
    boolean quoted;
    /** Line of the current token; 1-based line of the whole file. */
    int line;
    private int currentLine;

    Tokens(Reader in, int firstLine) {
      this.in = in;
      this.currentLine = firstLine;
      this.line = firstLine;
    }

    /** Moves to the next token; false at the end of the data. */
    boolean next() throws IOException, PxFormatException {
      text.setLength(0);
      int c;
      while (true) {
        c = read();
        if (c < 0) {
          return false;
        }
        if (c == '\n') {
          currentLine++;
        } else if (!(c == ' ' || c == '\t' || c == '\r' || c == ',' || c == ';' || c == 0x1a
            || c == '\f')) {
          break;
        }
      }
      line = currentLine;
      if (c == '"') {
        quoted = true;
        while (true) {
          c = read();
          if (c < 0) {
            throw new PxFormatException(line, "a quoted value in DATA has no closing quotation"
                + " mark");
          }
          if (c == '"') {
            return true;
          }
          if (c == '\n') {
            currentLine++;
          }
          text.append((char) c);
        }
      }
      quoted = false;
      text.append((char) c);
      while (true) {
        c = peek();
        if (c < 0 || c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ';'
            || c == '"' || c == 0x1a) {
          return true;
        }
        pos++;
        text.append((char) c);
      }
    }

    String describe() {
      String s = text.length() > 40 ? text.substring(0, 40) + "..." : text.toString();
      return quoted ? "\"" + s + "\"" : "'" + s + "'";
    }

    private int read() throws IOException {
      int c = peek();
      if (c >= 0) {
        pos++;
      }
      return c;
    }

    private int peek() throws IOException {
      if (pos >= limit) {
        limit = in.read(buffer, 0, buffer.length);
        pos = 0;
        if (limit <= 0) {
          limit = 0;
          return -1;
        }
      }
      return buffer[pos];
    }
  }

}
