package io.pxweb.jdbc.source.px;

import io.pxweb.jdbc.model.Cube;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
      Heading heading = new Heading(offsets, stubEnd, n);
      try (InputStream in = Files.newInputStream(table.file().path())) {
        in.skipNBytes(table.file().dataOffset());
        Tokens tokens = new Tokens(new InputStreamReader(in, table.file().charset()),
            table.file().dataLine());
        Cells out = new Cells(values, statuses);
        if (table.keyed()) {
          readKeyed(tokens, dims, offsets, first, stubEnd, base, heading, out);
        } else {
          readPlain(tokens, dims, offsets, first, stubEnd, base, heading, out);
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

  /**
   * The HEADING combinations of one row, in file order (last variable fastest), walked without
   * materialising them: three HEADING variables of 1290 values have 2.1e9 combinations, which a
   * 28 KB file can declare and a one-cell query must not pay for.
   */
  private final class Heading {
    private final int[][] offsets;
    private final int from;
    private final int to;
    /** Odometer over the HEADING variables but the last, which the inner loop walks. */
    private final int[] odometer;
    /** Cells of one row: the product of the HEADING sizes (1 without HEADING). */
    final long cells;
    /** Values read so far, for the periodic cancellation check. */
    private long read;

    Heading(int[][] offsets, int from, int to) {
      this.offsets = offsets;
      this.from = from;
      this.to = to;
      this.odometer = new int[Math.max(0, to - from - 1)];
      long c = 1;
      for (int v = from; v < to; v++) {
        c = Math.multiplyHigh(c, offsets[v].length) != 0 ? Long.MAX_VALUE
            : c * offsets[v].length;
      }
      this.cells = c;
    }

    /**
     * Reads the values of one row, storing the selected ones at {@code rowTarget} plus their
     * HEADING offset ({@code rowTarget} -1: none selected).
     *
     * @return the number of values read; fewer than {@link #cells} when DATA ended first
     */
    long readRow(Tokens tokens, int rowTarget, Cells out) throws IOException, PxFormatException {
      if (from == to) {
        return readCell(tokens, rowTarget, out) ? 1 : 0;
      }
      if (cells == 0) {
        return 0;
      }
      Arrays.fill(odometer, 0);
      int[] last = offsets[to - 1];
      long count = 0;
      while (true) {
        int target = rowTarget;
        for (int i = 0; i < odometer.length && target >= 0; i++) {
          int o = offsets[from + i][odometer[i]];
          target = o < 0 ? -1 : target + o;
        }
        for (int k = 0; k < last.length; k++) {
          if (!readCell(tokens, target < 0 || last[k] < 0 ? -1 : target + last[k], out)) {
            return count;
          }
          count++;
        }
        int i = odometer.length - 1;
        for (; i >= 0; i--) {
          if (++odometer[i] < offsets[from + i].length) {
            break;
          }
          odometer[i] = 0;
        }
        if (i < 0) {
          return count;
        }
      }
    }

    private boolean readCell(Tokens tokens, int target, Cells out)
        throws IOException, PxFormatException {
      if (!tokens.next()) {
        return false;
      }
      if ((++read & (CANCEL_CHECK_TOKENS - 1)) == 0) {
        checkCancelled();
      }
      if (target >= 0) {
        out.store(target, tokens);
      }
      return true;
    }
  }

  private void readPlain(Tokens tokens, List<PxTableLayout.Dim> dims, int[][] offsets, int first,
      int stubEnd, int base, Heading heading, Cells out)
      throws IOException, PxFormatException {
    long rows = 1;
    for (int v = first; v < stubEnd; v++) {
      rows *= dims.get(v).size();
    }
    long expected = rows * heading.cells;
    int[] odometer = new int[stubEnd - first];
    long read = 0;
    for (long r = 0; r < rows; r++) {
      checkCancelled();
      int rowTarget = base;
      for (int v = first; v < stubEnd && rowTarget >= 0; v++) {
        int o = offsets[v][odometer[v - first]];
        rowTarget = o < 0 ? -1 : rowTarget + o;
      }
      long n = heading.readRow(tokens, rowTarget, out);
      read += n;
      if (n < heading.cells) {
        throw new PxFormatException(tokens.line, "DATA has " + read + " values, but the table"
            + " has " + expected + " cells (" + shape(dims, first, stubEnd) + ")");
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
      int stubEnd, int base, Heading heading, Cells out)
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
    SeenRows seen = new SeenRows(dims, first, stubEnd);
    while (true) {
      checkCancelled();
      if (!tokens.next()) {
        return;
      }
      int rowLine = tokens.line;
      int[] key = new int[stubEnd - first];
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
        key[v - first] = position;
        int o = offsets[v][position];
        rowTarget = rowTarget < 0 || o < 0 ? -1 : rowTarget + o;
      }
      if (!seen.add(key)) {
        throw new PxFormatException(rowLine, "a second KEYS row for the same STUB values");
      }
      long n = heading.readRow(tokens, rowTarget, out);
      if (n < heading.cells) {
        throw new PxFormatException(tokens.line, "a KEYS row has " + n + " values, but the"
            + " HEADING has " + heading.cells + " cells");
      }
    }
  }

  /**
   * The STUB combinations a KEYS file has given rows for. Their number is bounded by the rows in
   * the file, not by the product of the STUB sizes, which a small file can make huge: a bit set
   * serves small products, a hash set the others.
   */
  private static final class SeenRows {
    private static final long BITS = 1L << 26;
    private final long[] sizes;
    private final BitSet bits;
    private final Set<Object> keys;

    SeenRows(List<PxTableLayout.Dim> dims, int first, int stubEnd) {
      sizes = new long[stubEnd - first];
      long product = 1;
      for (int v = first; v < stubEnd; v++) {
        sizes[v - first] = dims.get(v).size();
        product = Math.multiplyHigh(product, sizes[v - first]) != 0 ? Long.MAX_VALUE
            : product * sizes[v - first];
      }
      bits = product <= BITS ? new BitSet() : null;
      keys = bits == null ? new HashSet<>() : null;
    }

    /** Records a row's STUB positions; false when they were seen before. */
    boolean add(int[] key) {
      if (bits == null) {
        return keys.add(List.of(Arrays.stream(key).boxed().toArray(Integer[]::new)));
      }
      long row = 0;
      for (int i = 0; i < key.length; i++) {
        row = row * sizes[i] + key[i];
      }
      if (bits.get((int) row)) {
        return false;
      }
      bits.set((int) row);
      return true;
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
