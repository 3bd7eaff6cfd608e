package io.pxweb.jdbc.docs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Compares what a document shows with what a statement returned. A line {@code ...} in the
 * document marks an excerpt (the shown lines or rows must appear, in order); without it the
 * document must show everything. Within an EXPLAIN line, {@code ...} stands for any text.
 */
final class DocOutput {
  private DocOutput() {
  }

  /** Returns null when the plan matches the document, else what differs. */
  static String comparePlan(List<String> expected, String plan) {
    List<String> shown = expected.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    boolean excerpt = shown.contains("...");
    List<String> actual = plan.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    List<Pattern> patterns = shown.stream().filter(s -> !s.equals("...")).map(DocOutput::pattern)
        .toList();
    return match(patterns, actual, excerpt, "plan line");
  }

  /**
   * Returns null when the rows match the document's table (header = the column labels, then
   * rows of cells; {@code +---} and {@code |---|} rules ignored), else what differs.
   */
  static String compareRows(List<String> expected, List<String> columns, List<List<String>> rows) {
    List<List<String>> table = new ArrayList<>();
    boolean excerpt = false;
    for (String line : expected) {
      String s = line.strip();
      if (s.equals("...")) {
        excerpt = true;
      } else if (s.startsWith("|") && !s.matches("\\|[-:| ]+\\|")) {
        table.add(cells(s));
      }
    }
    if (table.isEmpty()) {
      return "the expected block shows no table (| a | b | lines)";
    }
    if (!table.get(0).equals(columns)) {
      return "columns: document shows " + table.get(0) + ", the statement returns " + columns;
    }
    List<String> actual = rows.stream().map(r -> String.join(" | ", r)).toList();
    List<Pattern> patterns = table.subList(1, table.size()).stream()
        .map(r -> Pattern.compile(Pattern.quote(String.join(" | ", r)))).toList();
    return match(patterns, actual, excerpt, "row");
  }

  /** A value as the shell prints it: NULL empty, decimals without exponent, ISO dates. */
  static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().toString().replace('T', ' ');
    }
    return v.toString();
  }

  private static String match(List<Pattern> shown, List<String> actual, boolean excerpt,
      String what) {
    int a = 0;
    for (Pattern p : shown) {
      int from = a;
      while (a < actual.size() && !p.matcher(actual.get(a)).matches()) {
        if (!excerpt) {
          return what + " " + (a + 1) + ": document shows\n  " + p.pattern().replace("\\Q", "")
              .replace("\\E", "") + "\nthe statement gives\n  " + actual.get(a);
        }
        a++;
      }
      if (a == actual.size()) {
        return "document shows a " + what + " not found (in order) after " + what + " " + from
            + ":\n  " + p.pattern().replace("\\Q", "").replace("\\E", "")
            + "\nthe statement gives\n  " + String.join("\n  ", actual);
      }
      a++;
    }
    if (!excerpt && a < actual.size()) {
      return "the statement gives more than the document shows (add a line ... to show an"
          + " excerpt); next " + what + ":\n  " + actual.get(a);
    }
    return null;
  }

  private static Pattern pattern(String shown) {
    String[] parts = shown.split("\\.\\.\\.", -1);
    return Pattern.compile(String.join(".*", Arrays.stream(parts).map(Pattern::quote).toList()));
  }

  private static List<String> cells(String line) {
    String inner = line.substring(1, line.endsWith("|") && line.length() > 1
        ? line.length() - 1 : line.length());
    List<String> out = new ArrayList<>();
    for (String cell : inner.split("(?<!\\\\)\\|", -1)) {
      out.add(cell.strip().replace("\\|", "|"));
    }
    return out;
  }
}
