package io.pxweb.bench;

import io.pxweb.bench.SynthTable.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of the PxWebApi 2.0 selection grammar the benchmark needs (PxWebApi 2.0, PxAPI-2.yml): {@code *},
 * explicit codes (case-insensitive), {@code range(a,b)}, {@code top(n[,offset])},
 * {@code bottom(n[,offset])}, {@code from(x)} and {@code to(x)}; the GET list splitting on commas
 * outside brackets; and the cell limit. Anything else is a 400, as on the real server.
 */
final class Selections {
  private static final Pattern RANGE = Pattern.compile("(?i)range\\(([^,]+),([^,)]+)\\)");
  private static final Pattern TOP = Pattern.compile("(?i)(top|bottom)\\(([1-9]\\d*)(?:,(\\d+))?\\)");
  private static final Pattern FROM_TO = Pattern.compile("(?i)(from|to)\\(([^,)]+)\\)");

  /** A 400 answer with the server's problem title. */
  static final class Problem extends Exception {
    final int status;

    Problem(int status, String title) {
      super(title);
      this.status = status;
    }

    String json() {
      return "{\"type\":\"Parameter error\",\"title\":\"" + getMessage() + "\",\"status\":" + status
          + (getMessage().startsWith("Too many") ? ",\"detail\":\"" + getMessage() + "\"" : "")
          + "}";
    }
  }

  private Selections() {
  }

  /** Splits a GET list on commas outside brackets; unwraps bracketed items, trims the others. */
  static List<String> split(String list) {
    List<String> items = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i <= list.length(); i++) {
      char c = i < list.length() ? list.charAt(i) : ',';
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth = Math.max(0, depth - 1);
      } else if (c == ',' && depth == 0) {
        String item = list.substring(start, i);
        if (item.startsWith("[") && item.endsWith("]") && item.length() >= 2) {
          items.add(item.substring(1, item.length() - 1));
        } else {
          items.add(item.trim());
        }
        start = i + 1;
      }
    }
    return items;
  }

  /**
   * Resolves the selection of every variable (by code, case-insensitive) to sorted positions,
   * and checks the cell limit.
   */
  static int[][] resolve(SynthTable t, Map<String, List<String>> byVariable, long maxCells)
      throws Problem {
    int n = t.variables().size();
    List<TreeSet<Integer>> chosen = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      chosen.add(null);
    }
    for (Map.Entry<String, List<String>> e : byVariable.entrySet()) {
      int v = t.variableIndex(e.getKey());
      if (v < 0) {
        throw new Problem(400, "Non-existent variable");
      }
      TreeSet<Integer> set = chosen.get(v) == null ? new TreeSet<>() : chosen.get(v);
      for (String item : e.getValue()) {
        addItem(t, v, item, set);
      }
      chosen.set(v, set);
    }
    int[][] out = new int[n][];
    long cells = 1;
    for (int v = 0; v < n; v++) {
      if (chosen.get(v) == null) {
        // The reference server would eliminate (sum) an eliminable variable; the driver always
        // selects every variable, so the benchmark server need not.
        throw new Problem(400, "Missing selection for mandantory variable");
      }
      out[v] = chosen.get(v).stream().mapToInt(Integer::intValue).toArray();
      cells *= out[v].length;
    }
    if (cells > maxCells) {
      throw new Problem(400, "Too many cells selected");
    }
    return out;
  }

  private static void addItem(SynthTable t, int v, String item, TreeSet<Integer> set)
      throws Problem {
    int size = t.variables().get(v).size();
    int exact = t.position(v, item);
    if (exact >= 0) {
      set.add(exact);
      return;
    }
    if (item.equals("*")) {
      for (int i = 0; i < size; i++) {
        set.add(i);
      }
      return;
    }
    Matcher m = RANGE.matcher(item);
    if (m.matches()) {
      int a = t.position(v, m.group(1));
      int b = t.position(v, m.group(2));
      if (a < 0 || b < 0) {
        throw new Problem(400, "Non-existent value");
      }
      for (int i = Math.min(a, b); i <= Math.max(a, b); i++) {
        set.add(i);
      }
      return;
    }
    m = TOP.matcher(item);
    if (m.matches()) {
      boolean top = m.group(1).toLowerCase(Locale.ROOT).equals("top");
      int count = Integer.parseInt(m.group(2));
      int offset = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
      boolean time = t.variables().get(v).role() == Role.TIME;
      // On the time variable top is the latest periods; elsewhere the first values.
      boolean fromEnd = top == time;
      for (int k = offset; k < offset + count && k < size; k++) {
        set.add(fromEnd ? size - 1 - k : k);
      }
      return;
    }
    m = FROM_TO.matcher(item);
    if (m.matches()) {
      int p = t.position(v, m.group(2));
      if (p < 0) {
        throw new Problem(400, "Non-existent value");
      }
      boolean from = m.group(1).toLowerCase(Locale.ROOT).equals("from");
      for (int i = from ? p : 0; i <= (from ? size - 1 : p); i++) {
        set.add(i);
      }
      return;
    }
    throw new Problem(400, "Non-existent value");
  }
}
