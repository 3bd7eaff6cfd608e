package io.pxweb.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A synthetic statbank table: variables in metadata order, each with its value codes and
 * labels, and cells whose values are a pure function of the table and the cell's position.
 *
 * <p>About one cell in 15 is null with a status symbol and about one in 40 has a number and a
 * status, as on Statistics Norway's tables (their JSON-stat 2.0 responses). Numbers have 1 to 6 digits before
 * the content value's decimals; whole numbers are written without a fraction, as the
 * reference server's {@code DecimalJsonConverter} writes them.
 */
public final class SynthTable {
  /** The JSON-stat role of a variable. */
  public enum Role { REGULAR, GEO, CONTENT, TIME }

  /** One variable; {@code decimals} is per value for the content variable, else null. */
  public record Variable(String code, String label, Role role, List<String> codes,
      List<String> labels, int[] decimals, String[] units, boolean elimination) {

    public int size() {
      return codes.size();
    }
  }

  private static final String[] SYMBOLS = {"..", ".", ":"};
  private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000,
      10_000_000};

  private final String id;
  private final String label;
  private final String subjectCode;
  private final String timeUnit;
  private final String updated;
  private final List<Variable> variables;
  private final List<Map<String, Integer>> positions = new ArrayList<>();
  private final long[] strides;
  private final long seed;

  public SynthTable(String id, String label, String subjectCode, String timeUnit, String updated,
      List<Variable> variables) {
    this.id = id;
    this.label = label;
    this.subjectCode = subjectCode;
    this.timeUnit = timeUnit;
    this.updated = updated;
    this.variables = List.copyOf(variables);
    this.strides = new long[variables.size()];
    long stride = 1;
    for (int v = variables.size() - 1; v >= 0; v--) {
      strides[v] = stride;
      stride *= variables.get(v).size();
    }
    for (Variable v : variables) {
      Map<String, Integer> byCode = new HashMap<>();
      for (int i = 0; i < v.size(); i++) {
        byCode.put(v.codes().get(i).toLowerCase(Locale.ROOT), i);
      }
      positions.add(byCode);
    }
    long h = 0xcbf29ce484222325L;
    for (char c : id.toCharArray()) {
      h = (h ^ c) * 0x100000001b3L;
    }
    this.seed = h;
  }

  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  public String subjectCode() {
    return subjectCode;
  }

  public String timeUnit() {
    return timeUnit;
  }

  public String updated() {
    return updated;
  }

  public List<Variable> variables() {
    return variables;
  }

  /** Returns the index of a variable by code (case-insensitive; "time" is the time variable), or -1. */
  public int variableIndex(String code) {
    for (int v = 0; v < variables.size(); v++) {
      Variable var = variables.get(v);
      if (var.code().equalsIgnoreCase(code)
          || (code.equalsIgnoreCase("time") && var.role() == Role.TIME)) {
        return v;
      }
    }
    return -1;
  }

  /** Returns the position of a value code (case-insensitive), or -1. */
  public int position(int variable, String code) {
    Integer p = positions.get(variable).get(code.toLowerCase(Locale.ROOT));
    return p == null ? -1 : p;
  }

  public long cells() {
    long n = 1;
    for (Variable v : variables) {
      n *= v.size();
    }
    return n;
  }

  /** Returns the distance between neighbouring positions of a variable in the full table. */
  public long stride(int variable) {
    return strides[variable];
  }

  /** Returns the index of the content variable, or -1. */
  public int contentIndex() {
    for (int v = 0; v < variables.size(); v++) {
      if (variables.get(v).role() == Role.CONTENT) {
        return v;
      }
    }
    return -1;
  }

  private long hash(long flat) {
    long z = seed + flat * 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * Appends the JSON number of a cell (given by its flat index in the full table) to
   * {@code out}, or returns false for a null cell.
   */
  public boolean appendValue(long flat, int decimals, StringBuilder out) {
    long h = hash(flat);
    int bucket = (int) Long.remainderUnsigned(h, 600);
    if (bucket % 15 == 0) {
      return false;
    }
    int digits = 1 + (int) Long.remainderUnsigned(h >>> 40, 6);
    long raw = Long.remainderUnsigned(h >>> 8, POW10[digits] * POW10[decimals]);
    long whole = raw / POW10[decimals];
    long fraction = raw % POW10[decimals];
    out.append(whole);
    if (fraction != 0) {
      String f = Long.toString(fraction);
      out.append('.');
      for (int i = f.length(); i < decimals; i++) {
        out.append('0');
      }
      // Trailing zeros are not written (1.50 is 1.5).
      int end = f.length();
      while (f.charAt(end - 1) == '0') {
        end--;
      }
      out.append(f, 0, end);
    }
    return true;
  }

  /** Returns the status symbol of a cell, or null. */
  public String status(long flat) {
    long h = hash(flat);
    int bucket = (int) Long.remainderUnsigned(h, 600);
    if (bucket % 15 == 0 || bucket % 40 == 1) {
      return SYMBOLS[(int) Long.remainderUnsigned(h >>> 17, SYMBOLS.length)];
    }
    return null;
  }
}
