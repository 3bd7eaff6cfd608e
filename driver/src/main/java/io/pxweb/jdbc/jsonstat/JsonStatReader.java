package io.pxweb.jdbc.jsonstat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.pxweb.jdbc.json.JsonDocuments;
import io.pxweb.jdbc.model.CellStatuses;
import io.pxweb.jdbc.model.Cube;
import io.pxweb.jdbc.model.MalformedDocumentException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streaming reader of JSON-stat 2.0 data responses into a {@link Cube}.
 *
 * <p>The document is read token by token: {@code value} and {@code status} go straight into a
 * primitive array and a sparse map, {@code dimension} entries into code positions; nothing is
 * read as a tree. Cells are indexed by the response's own {@code id}/{@code size} and by the
 * integer values of {@code category.index}, because servers reorder dimensions by placement and
 * JSON key order is not meaningful.
 *
 * <p>Every allocation is bounded by what was asked for, never by what the response claims: a
 * response may hold at most the cells of its request, each dimension at most the values
 * requested of it, and no dimension that was not requested. A hostile {@code size} of
 * [1290,1290,1290] with a sparse {@code "value":{}} is rejected before any array is made.
 *
 * <p>Anything that would give fewer or wrong rows is an error: a missing, repeated or
 * inconsistent {@code id}/{@code size}/{@code dimension}, a dimension whose size or categories
 * differ from the request, a value count that differs from the product of the sizes (a
 * truncated body), a value that is no finite number, or a body that is no JSON at all.
 */
public final class JsonStatReader {
  /** Cells a response read without a request may hold (as many as a PX folder's request). */
  public static final long DEFAULT_MAX_CELLS = 10_000_000;
  /** The members the reader uses; each may appear once. */
  private static final Set<String> READ_FIELDS =
      Set.of("class", "id", "size", "dimension", "value", "status");
  /** Dimensions a response read without a request may have; real tables have fewer than 30. */
  private static final int MAX_DIMENSIONS = 1000;

  private JsonStatReader() {
  }

  /**
   * Reads a whole data response that no request bounds, up to {@link #DEFAULT_MAX_CELLS} cells;
   * the caller closes the stream.
   *
   * @throws java.io.EOFException when the body ends before the document does (cut off)
   * @throws MalformedDocumentException when the body is not a JSON-stat dataset
   */
  public static Cube read(InputStream in) throws IOException, MalformedDocumentException {
    return read(in, null);
  }

  /**
   * Reads the response to a request; the caller closes the stream.
   *
   * @param requested for each requested dimension id, the number of values requested; the
   *     response must have exactly these dimensions and sizes. Null accepts any shape up to
   *     {@link #DEFAULT_MAX_CELLS} cells.
   * @throws java.io.EOFException when the body ends before the document does (cut off)
   * @throws MalformedDocumentException when the body is not a JSON-stat dataset, or not the
   *     answer to the request
   */
  public static Cube read(InputStream in, Map<String, Integer> requested)
      throws IOException, MalformedDocumentException {
    Limits limits = new Limits(requested);
    try (JsonParser p = JsonDocuments.JSON_FACTORY.createParser(in)) {
      return read(p, limits);
    } catch (JsonProcessingException e) {
      if (JsonDocuments.endsEarly(e)) {
        // The body stopped mid-document: a transport failure, worth a retry, never fewer rows.
        throw new EOFException("data response ends early: " + e.getOriginalMessage());
      }
      throw new MalformedDocumentException(
          "data response is not valid JSON-stat: " + e.getOriginalMessage());
    }
  }

  /** What the request allows: its dimensions and sizes, and so its cells. */
  private static final class Limits {
    final Map<String, Integer> requested;
    final long maxCells;

    Limits(Map<String, Integer> requested) {
      this.requested = requested;
      long cells = 1;
      if (requested != null) {
        for (int size : requested.values()) {
          cells = Math.multiplyHigh(cells, size) != 0 ? Long.MAX_VALUE : cells * size;
        }
      }
      this.maxCells = Math.min(Integer.MAX_VALUE - 8,
          requested == null ? DEFAULT_MAX_CELLS : cells);
    }

    /** Returns the largest size a dimension may have: the largest requested, or the cell bound. */
    long maxSize() {
      return requested == null ? maxCells
          : requested.values().stream().mapToLong(Integer::longValue).max().orElse(0);
    }

    int maxDimensions() {
      return requested == null ? MAX_DIMENSIONS : requested.size();
    }

    /** Returns how many values a dimension may have: its requested count, or the cell bound. */
    long maxValues(String id) throws MalformedDocumentException {
      if (requested == null) {
        return maxCells;
      }
      Integer n = requested.get(id);
      if (n == null) {
        throw new MalformedDocumentException("data response has dimension '" + id
            + "', which was not requested (requested " + requested.keySet() + ")");
      }
      return n;
    }
  }

  private static Cube read(JsonParser p, Limits limits)
      throws IOException, MalformedDocumentException {
    if (next(p) != JsonToken.START_OBJECT) {
      throw new MalformedDocumentException("data response is not a JSON object");
    }
    List<String> ids = null;
    int[] sizes = null;
    Map<String, Map<String, Integer>> dimensions = new HashMap<>();
    DoubleList values = null;
    CellStatuses statuses = new CellStatuses();
    String uniformStatus = null;
    String clazz = null;
    Set<String> seen = new HashSet<>();
    while (next(p) == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken token = next(p);
      if (READ_FIELDS.contains(field) && !seen.add(field)) {
        // Which of two 'value' arrays would count? Neither: a document says it once.
        throw new MalformedDocumentException("data response has '" + field + "' twice");
      }
      switch (field) {
        case "class" -> {
          // Anything but a text (or null) is no "dataset"; a structure is skipped whole.
          clazz = token == JsonToken.VALUE_NULL ? null
              : token == JsonToken.VALUE_STRING ? p.getText() : token.toString();
          p.skipChildren();
        }
        case "id" -> ids = readIds(p, token, limits);
        case "size" -> sizes = readSizes(p, token, limits);
        case "dimension" -> readDimensions(p, token, dimensions, limits);
        case "value" -> values = readValues(p, token, limits);
        case "status" -> {
          if (token == JsonToken.VALUE_STRING) {
            uniformStatus = p.getText();
          } else {
            readStatuses(p, token, statuses, limits);
          }
        }
        default -> p.skipChildren();
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new MalformedDocumentException("data response ends early");
    }
    if (clazz != null && !"dataset".equals(clazz)) {
      throw new MalformedDocumentException("expected a JSON-stat dataset, got class '" + clazz + "'");
    }
    return assemble(ids, sizes, dimensions, values, statuses, uniformStatus, limits);
  }

  private static Cube assemble(List<String> ids, int[] sizes,
      Map<String, Map<String, Integer>> dimensions, DoubleList values,
      CellStatuses statuses, String uniformStatus, Limits limits)
      throws MalformedDocumentException {
    if (ids == null || sizes == null) {
      throw new MalformedDocumentException("data response has no 'id' or 'size': not JSON-stat 2.0");
    }
    if (ids.size() != sizes.length) {
      throw new MalformedDocumentException("expected " + ids.size() + " sizes for dimensions "
          + ids + ", got " + sizes.length);
    }
    if (limits.requested != null && !new HashSet<>(ids).equals(limits.requested.keySet())) {
      throw new MalformedDocumentException("data response has dimensions " + ids
          + ", but the request asked for " + limits.requested.keySet());
    }
    long expected = 1;
    List<Map<String, Integer>> positions = new ArrayList<>();
    for (int d = 0; d < ids.size(); d++) {
      Map<String, Integer> byCode = dimensions.get(ids.get(d));
      if (byCode == null) {
        throw new MalformedDocumentException("data response has no dimension '" + ids.get(d) + "'");
      }
      if (limits.requested != null && sizes[d] != limits.requested.get(ids.get(d))) {
        throw new MalformedDocumentException("dimension '" + ids.get(d) + "' has size "
            + sizes[d] + ", but " + limits.requested.get(ids.get(d)) + " values were requested");
      }
      if (byCode.size() != sizes[d]) {
        throw new MalformedDocumentException("expected " + sizes[d] + " categories in dimension '"
            + ids.get(d) + "', got " + byCode.size());
      }
      for (Map.Entry<String, Integer> e : byCode.entrySet()) {
        if (e.getValue() < 0 || e.getValue() >= sizes[d]) {
          throw new MalformedDocumentException("dimension '" + ids.get(d) + "' has index "
              + e.getValue() + " outside its size " + sizes[d]);
        }
      }
      if (new HashSet<>(byCode.values()).size() != byCode.size()) {
        throw new MalformedDocumentException("dimension '" + ids.get(d)
            + "' gives two categories the same index");
      }
      positions.add(byCode);
      expected *= sizes[d];
    }
    // Sizes were each checked against the cell bound when read, so the product cannot overflow.
    if (expected > limits.maxCells) {
      throw new MalformedDocumentException("data response claims " + expected + " cells, more"
          + " than the " + limits.maxCells + " requested");
    }
    double[] cells;
    if (values == null) {
      throw new MalformedDocumentException("data response has no 'value'");
    } else if (values.sparse) {
      cells = values.toSparseArray((int) expected);
    } else if (values.size != expected) {
      throw new MalformedDocumentException("expected " + expected + " values (sizes "
          + Arrays.toString(sizes) + "), got " + values.size + ": the response is incomplete");
    } else {
      cells = values.toArray();
    }
    if (statuses.highest() >= expected) {
      throw new MalformedDocumentException("status for cell " + statuses.highest() + " outside "
          + expected + " cells");
    }
    return new Cube(ids, sizes, positions, cells, statuses, uniformStatus);
  }

  private static List<String> readIds(JsonParser p, JsonToken token, Limits limits)
      throws IOException, MalformedDocumentException {
    expect(token, JsonToken.START_ARRAY, "'id'");
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (next(p) != JsonToken.END_ARRAY) {
      String id = p.getValueAsString();
      if (id == null) {
        throw new MalformedDocumentException("expected a string in 'id', got " + p.currentToken());
      }
      if (!seen.add(id)) {
        throw new MalformedDocumentException("data response lists dimension '" + id + "' twice");
      }
      limits.maxValues(id);
      if (out.size() >= limits.maxDimensions()) {
        throw new MalformedDocumentException("data response has more than "
            + limits.maxDimensions() + " dimensions");
      }
      out.add(id);
    }
    return out;
  }

  private static int[] readSizes(JsonParser p, JsonToken token, Limits limits)
      throws IOException, MalformedDocumentException {
    expect(token, JsonToken.START_ARRAY, "'size'");
    int[] out = new int[0];
    int n = 0;
    while (next(p) != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
        throw new MalformedDocumentException("expected a whole number in 'size', got " + p.currentToken());
      }
      long size = p.getLongValue();
      if (size < 0 || size > limits.maxSize()) {
        throw new MalformedDocumentException("data response has a dimension of size " + size
            + "; the request selects at most " + limits.maxSize() + " values of any");
      }
      if (n >= limits.maxDimensions()) {
        throw new MalformedDocumentException("data response has more than "
            + limits.maxDimensions() + " sizes");
      }
      if (n == out.length) {
        out = Arrays.copyOf(out, Math.max(4, n * 2));
      }
      out[n++] = (int) size;
    }
    return Arrays.copyOf(out, n);
  }

  private static void readDimensions(JsonParser p, JsonToken token,
      Map<String, Map<String, Integer>> out, Limits limits)
      throws IOException, MalformedDocumentException {
    expect(token, JsonToken.START_OBJECT, "'dimension'");
    while (next(p) == JsonToken.FIELD_NAME) {
      String id = p.currentName();
      if (limits.requested != null && !limits.requested.containsKey(id)) {
        // Described but not requested: harmless unless 'id' lists it, which is rejected there.
        next(p);
        p.skipChildren();
        continue;
      }
      long max = limits.maxValues(id);
      if (out.containsKey(id)) {
        throw new MalformedDocumentException("data response describes dimension '" + id + "' twice");
      }
      if (out.size() >= limits.maxDimensions()) {
        throw new MalformedDocumentException("data response has more than "
            + limits.maxDimensions() + " dimensions");
      }
      out.put(id, readDimension(p, next(p), id, max));
    }
  }

  /**
   * Reads a dimension's {@code category.index} (or, without one, its label keys) as code
   * positions. A category may repeat a key, and labels count only when no index comes (before
   * or after them); so a problem with what is read is kept with it, and thrown only for what
   * counts in the end. Each map stops growing at the bound, whatever the input holds.
   */
  private static Map<String, Integer> readDimension(JsonParser p, JsonToken token, String id,
      long max) throws IOException, MalformedDocumentException {
    expect(token, JsonToken.START_OBJECT, "dimension '" + id + "'");
    Codes index = null;
    Codes labels = null;
    boolean category = false;
    while (next(p) == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = next(p);
      if (!"category".equals(field)) {
        p.skipChildren();
        continue;
      }
      expect(t, JsonToken.START_OBJECT, "the category of dimension '" + id + "'");
      if (category) {
        throw new MalformedDocumentException("dimension '" + id + "' has 'category' twice");
      }
      category = true;
      Set<String> parts = new HashSet<>();
      while (next(p) == JsonToken.FIELD_NAME) {
        String part = p.currentName();
        JsonToken v = next(p);
        if ((part.equals("index") || part.equals("label")) && !parts.add(part)) {
          throw new MalformedDocumentException("dimension '" + id + "' has '" + part + "' twice");
        }
        if ("index".equals(part) && v == JsonToken.START_OBJECT) {
          index = new Codes(id, max);
          while (next(p) == JsonToken.FIELD_NAME) {
            String code = p.currentName();
            if (next(p) != JsonToken.VALUE_NUMBER_INT) {
              throw new MalformedDocumentException("dimension '" + id + "' has index "
                  + abbreviate(p.getText()) + " for '" + abbreviate(code)
                  + "': expected a whole number");
            }
            index.add(code, p.getLongValue());
          }
        } else if ("index".equals(part) && v == JsonToken.START_ARRAY) {
          index = new Codes(id, max);
          while (next(p) != JsonToken.END_ARRAY) {
            String code = p.getValueAsString();
            if (code == null) {
              throw new MalformedDocumentException("dimension '" + id
                  + "' has a category index entry that is no code: " + p.currentToken());
            }
            index.add(code, index.byCode.size());
          }
        } else if ("label".equals(part) && v == JsonToken.START_OBJECT) {
          labels = new Codes(id, max);
          while (next(p) == JsonToken.FIELD_NAME) {
            String code = p.currentName();
            next(p);
            p.skipChildren();
            labels.add(code, labels.byCode.size());
          }
        } else {
          p.skipChildren();
        }
      }
    }
    Codes codes = index != null ? index : labels;
    if (codes == null) {
      return new HashMap<>();
    }
    if (codes.problem != null) {
      throw new MalformedDocumentException(codes.problem);
    }
    return codes.byCode;
  }

  /** Code positions of one dimension, read up to the bound, with the first problem seen. */
  private static final class Codes {
    final Map<String, Integer> byCode = new HashMap<>();
    final String id;
    final long max;
    String problem;

    Codes(String id, long max) {
      this.id = id;
      this.max = max;
    }

    void add(String code, long position) {
      if (problem != null) {
        return;
      }
      if (byCode.size() >= max) {
        problem = "dimension '" + id + "' has more than the " + max + " values requested";
      } else if (position < 0 || position >= max) {
        problem = "dimension '" + id + "' has index " + position + " for '" + abbreviate(code)
            + "', outside the " + max + " values requested";
      } else if (byCode.putIfAbsent(code, (int) position) != null) {
        problem = "dimension '" + id + "' lists value '" + abbreviate(code) + "' twice";
      }
    }
  }

  private static DoubleList readValues(JsonParser p, JsonToken token, Limits limits)
      throws IOException, MalformedDocumentException {
    DoubleList list = new DoubleList(limits.maxCells);
    if (token == JsonToken.START_ARRAY) {
      while (next(p) != JsonToken.END_ARRAY) {
        list.add(number(p));
      }
    } else if (token == JsonToken.START_OBJECT) {
      // JSON-stat's sparse form: {"<flat index>": value}.
      list.sparse = true;
      while (next(p) == JsonToken.FIELD_NAME) {
        int index = flatIndex(p.currentName(), limits, "value");
        next(p);
        list.put(index, number(p));
      }
    } else {
      throw new MalformedDocumentException("expected 'value' to be an array or object, got " + token);
    }
    return list;
  }

  private static double number(JsonParser p) throws IOException, MalformedDocumentException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return Double.NaN;
    } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      return decimal(p);
    } else if (t.isNumeric()) {
      return finite(p.getDoubleValue(), p);
    } else if (t == JsonToken.VALUE_STRING) {
      // Some writers quote numbers; symbols in place of numbers mean "no value".
      String text = p.getText().trim();
      if (text.length() > 100) {
        return Double.NaN;
      }
      try {
        double d = Double.parseDouble(text);
        return Double.isNaN(d) ? d : finite(d, p);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    throw new MalformedDocumentException("expected a number or null in 'value', got " + t);
  }

  /** Powers of ten that a double holds exactly. */
  private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
      1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

  /**
   * Reads a number with a fraction as {@link Double#parseDouble} would, without its generic
   * algorithm for the usual case: statistics have at most 15 significant digits and no
   * exponent, so the digits make an exact long m and the value is m / 10^d, one correctly
   * rounded division of two exact doubles, which is the correctly rounded value of the text
   * (Clinger's fast path). Anything else goes to Jackson's parser.
   */
  private static double decimal(JsonParser p) throws IOException, MalformedDocumentException {
    int length = p.getTextLength();
    if (length <= 17) {
      char[] text = p.getTextCharacters();
      int i = p.getTextOffset();
      int end = i + length;
      boolean negative = text[i] == '-';
      if (negative) {
        i++;
      }
      long digits = 0;
      int significant = 0;
      int decimals = -1;
      for (; i < end; i++) {
        char c = text[i];
        if (c >= '0' && c <= '9') {
          digits = digits * 10 + (c - '0');
          significant++;
          if (decimals >= 0) {
            decimals++;
          }
        } else if (c == '.' && decimals < 0) {
          decimals = 0;
        } else {
          significant = 99;
          break;
        }
      }
      if (significant <= 15 && decimals >= 0) {
        double d = digits / POWERS_OF_TEN[decimals];
        return negative ? -d : d;
      }
    }
    return finite(p.getDoubleValue(), p);
  }

  /** A value beyond a double's range (1e999) is no statistic: never a wrong or failing row. */
  private static double finite(double d, JsonParser p) throws IOException,
      MalformedDocumentException {
    if (Double.isInfinite(d)) {
      throw new MalformedDocumentException("value " + abbreviate(p.getText())
          + " is out of range");
    }
    return d;
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  private static void readStatuses(JsonParser p, JsonToken token, CellStatuses out,
      Limits limits) throws IOException, MalformedDocumentException {
    if (token == JsonToken.START_OBJECT) {
      while (next(p) == JsonToken.FIELD_NAME) {
        int index = flatIndex(p.currentName(), limits, "status");
        next(p);
        if (p.currentToken() != JsonToken.VALUE_NULL) {
          out.put(index, statusText(p));
        }
      }
    } else if (token == JsonToken.START_ARRAY) {
      int index = 0;
      while (next(p) != JsonToken.END_ARRAY) {
        if (p.currentToken() != JsonToken.VALUE_NULL) {
          // Trailing nulls cost nothing; a status beyond the cells is an error.
          if (index >= limits.maxCells) {
            throw new MalformedDocumentException("'status' has an entry for cell " + index
                + ", beyond the " + limits.maxCells + " cells requested");
          }
          out.put(index, statusText(p));
        }
        index++;
      }
    } else if (token != JsonToken.VALUE_NULL) {
      throw new MalformedDocumentException("expected 'status' to be an object, array or string, got " + token);
    }
  }

  /** Returns a status symbol: any scalar as text, never a structure. */
  private static String statusText(JsonParser p) throws IOException, MalformedDocumentException {
    if (p.currentToken().isStructStart()) {
      throw new MalformedDocumentException("expected a status symbol, got " + p.currentToken());
    }
    return p.getValueAsString();
  }

  private static int flatIndex(String key, Limits limits, String what)
      throws MalformedDocumentException {
    int index;
    try {
      index = Integer.parseInt(key);
    } catch (NumberFormatException e) {
      throw new MalformedDocumentException("expected a cell index in '" + what + "', got '"
          + abbreviate(key) + "'");
    }
    if (index < 0 || index >= limits.maxCells) {
      throw new MalformedDocumentException(what + " for cell " + index + " outside the "
          + limits.maxCells + " cells requested");
    }
    return index;
  }

  /** Returns the next token; the end of input inside the document means the body was cut off. */
  private static JsonToken next(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new EOFException("data response ends early, inside the document");
    }
    return t;
  }

  private static void expect(JsonToken actual, JsonToken expected, String what)
      throws MalformedDocumentException {
    if (actual != expected) {
      throw new MalformedDocumentException("expected " + what + " to start with " + expected + ", got " + actual);
    }
  }

  /** Growable primitive list, so values never box. */
  private static final class DoubleList {
    final long max;
    double[] data;
    int size;
    boolean sparse;

    DoubleList(long max) {
      this.max = max;
      this.data = new double[(int) Math.min(1024, Math.max(1, max))];
    }

    void add(double v) throws MalformedDocumentException {
      if (size >= max) {
        throw new MalformedDocumentException("data response has more values than the " + max
            + " cells requested");
      }
      if (size == data.length) {
        data = Arrays.copyOf(data, (int) Math.min(max, (long) data.length * 2));
      }
      data[size++] = v;
    }

    /** Stores a sparse value; the array grows to the highest index, which the bound caps. */
    void put(int index, double v) {
      if (index >= data.length) {
        int old = data.length;
        data = Arrays.copyOf(data, (int) Math.min(max, Math.max(index + 1L, 2L * old)));
        Arrays.fill(data, old, data.length, Double.NaN);
      }
      if (size < index + 1) {
        Arrays.fill(data, size, index, Double.NaN);
        size = index + 1;
      }
      data[index] = v;
    }

    double[] toArray() {
      return Arrays.copyOf(data, size);
    }

    double[] toSparseArray(int n) throws MalformedDocumentException {
      if (size > n) {
        throw new MalformedDocumentException("value for cell " + (size - 1) + " outside " + n
            + " cells");
      }
      double[] out = Arrays.copyOf(data, n);
      Arrays.fill(out, size, n, Double.NaN);
      return out;
    }
  }
}
