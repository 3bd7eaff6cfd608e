package io.pxweb.shell;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The output formats of {@code pxsql}. NULL prints the same whatever the column's type: an
 * empty cell in table, Markdown, vertical, CSV and TSV output, {@code null} in JSON.
 */
enum ResultFormat {
  /** Aligned columns in a box; numbers right-aligned; multi-line values (plans) kept whole. */
  TABLE("aligned columns in a box (the default); never cut to the terminal's width") {
    @Override void print(Result r, PrintStream out) throws SQLException {
      List<String[]> rows = texts(r);
      int[] widths = widths(r.columns, rows);
      String rule = rule(widths, '+', '-');
      out.println(rule);
      printLines(out, r.columns.toArray(new String[0]), widths, new boolean[widths.length]);
      out.println(rule);
      for (String[] row : rows) {
        printLines(out, row, widths, r.numeric);
      }
      if (!rows.isEmpty()) {
        out.println(rule);
      }
    }
  },
  /** RFC 4180: comma-separated, CRLF line ends, fields with , " CR LF quoted, " doubled. */
  CSV("RFC 4180: header line, commas, double quotes where needed, CRLF line ends") {
    @Override void print(Result r, PrintStream out) throws SQLException {
      StringBuilder line = new StringBuilder();
      for (String c : r.columns) {
        line.append(line.length() > 0 ? "," : "").append(csvField(c));
      }
      out.print(line.append("\r\n"));
      for (Object[] row = r.next(); row != null; row = r.next()) {
        line.setLength(0);
        for (int i = 0; i < row.length; i++) {
          String v = Result.text(row[i]);
          // NULL is an empty field, the empty string a quoted one: readers can tell them apart.
          line.append(i > 0 ? "," : "").append(v == null ? "" : v.isEmpty() ? "\"\"" : csvField(v));
        }
        out.print(line.append("\r\n"));
      }
    }
  },
  /** Tab-separated; tab, newline and backslash in values escaped as \t, \n, \\. */
  TSV("tab-separated, header line; tab, newline and backslash escaped as \\t \\n \\\\") {
    @Override void print(Result r, PrintStream out) throws SQLException {
      out.println(String.join("\t", r.columns.stream().map(ResultFormat::tsvField).toList()));
      for (Object[] row = r.next(); row != null; row = r.next()) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
          line.append(i > 0 ? "\t" : "").append(tsvField(Result.text(row[i])));
        }
        out.println(line);
      }
    }
  },
  /** An array of objects, one per row; numbers as JSON numbers, NULL as null. */
  JSON("an array of objects, one per row; numbers as numbers, NULL as null") {
    @Override void print(Result r, PrintStream out) throws SQLException {
      try {
        JsonGenerator g = JSON_FACTORY.createGenerator(new NonClosing(out));
        // One row a line: diffs and line tools (grep, head) stay usable.
        g.setPrettyPrinter(new DefaultPrettyPrinter()
            .withArrayIndenter(new DefaultIndenter("", "\n"))
            .withObjectIndenter(DefaultPrettyPrinter.NopIndenter.instance)
            .withoutSpacesInObjectEntries());
        g.writeStartArray();
        for (Object[] row = r.next(); row != null; row = r.next()) {
          g.writeStartObject();
          for (int i = 0; i < row.length; i++) {
            g.writeFieldName(r.columns.get(i));
            writeJson(g, row[i]);
          }
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeRaw('\n');
        g.close();
      } catch (IOException e) {
        throw new SQLException("Cannot write JSON output: " + e.getMessage(), "58030", e);
      }
    }
  },
  /** A GitHub-flavoured Markdown table, to paste into issues and notes. */
  MARKDOWN("a Markdown table, to paste into issues and notes (interactive sessions: table)") {
    @Override void print(Result r, PrintStream out) throws SQLException {
      StringBuilder head = new StringBuilder("|");
      StringBuilder align = new StringBuilder("|");
      for (int i = 0; i < r.columns.size(); i++) {
        head.append(' ').append(markdownCell(r.columns.get(i))).append(" |");
        align.append(r.numeric[i] ? "---:|" : "---|");
      }
      out.println(head);
      out.println(align);
      for (Object[] row = r.next(); row != null; row = r.next()) {
        StringBuilder line = new StringBuilder("|");
        for (Object v : row) {
          String t = Result.text(v);
          line.append(' ').append(t == null ? "" : markdownCell(t)).append(" |");
        }
        out.println(line);
      }
    }
  },
  /** One "column: value" line per column, rows separated by a blank line. */
  VERTICAL("one line per column, rows separated by a blank line") {
    @Override void print(Result r, PrintStream out) throws SQLException {
      int width = r.columns.stream().mapToInt(String::length).max().orElse(0);
      boolean first = true;
      for (Object[] row = r.next(); row != null; row = r.next()) {
        if (!first) {
          out.println();
        }
        first = false;
        for (int i = 0; i < row.length; i++) {
          String t = Result.text(row[i]);
          out.println(pad(r.columns.get(i), width, false) + "  " + (t == null ? "" : t));
        }
      }
    }
  };

  private static final JsonFactory JSON_FACTORY = JsonFactory.builder()
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  final String description;

  ResultFormat(String description) {
    this.description = description;
  }

  abstract void print(Result r, PrintStream out) throws SQLException;

  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format named {@code name} (any case), or null. */
  static ResultFormat of(String name) {
    for (ResultFormat f : values()) {
      if (f.id().equalsIgnoreCase(name)) {
        return f;
      }
    }
    return null;
  }

  static List<String> ids() {
    return Arrays.stream(values()).map(ResultFormat::id).toList();
  }

  private static List<String[]> texts(Result r) throws SQLException {
    List<String[]> rows = new ArrayList<>();
    for (Object[] row = r.next(); row != null; row = r.next()) {
      String[] t = new String[row.length];
      for (int i = 0; i < row.length; i++) {
        String v = Result.text(row[i]);
        // A plan's text ends with a line break; an empty last line in the box says nothing.
        t[i] = v == null ? "" : v.endsWith("\n") ? v.substring(0, v.length() - 1) : v;
      }
      rows.add(t);
    }
    return rows;
  }

  private static int[] widths(List<String> columns, List<String[]> rows) {
    int[] w = new int[columns.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = longestLine(columns.get(i));
    }
    for (String[] row : rows) {
      for (int i = 0; i < w.length; i++) {
        w[i] = Math.max(w[i], longestLine(row[i]));
      }
    }
    return w;
  }

  private static int longestLine(String s) {
    int max = 0;
    for (String line : s.split("\n", -1)) {
      max = Math.max(max, line.codePointCount(0, line.length()));
    }
    return max;
  }

  private static String rule(int[] widths, char corner, char line) {
    StringBuilder b = new StringBuilder().append(corner);
    for (int w : widths) {
      b.append(String.valueOf(line).repeat(w + 2)).append(corner);
    }
    return b.toString();
  }

  /** Prints one row; a value with line breaks takes as many lines as it has. */
  private static void printLines(PrintStream out, String[] cells, int[] widths, boolean[] right) {
    String[][] lines = new String[cells.length][];
    int height = 1;
    for (int i = 0; i < cells.length; i++) {
      lines[i] = cells[i].split("\n", -1);
      height = Math.max(height, lines[i].length);
    }
    for (int l = 0; l < height; l++) {
      StringBuilder b = new StringBuilder("|");
      for (int i = 0; i < cells.length; i++) {
        String text = l < lines[i].length ? lines[i][l] : "";
        b.append(' ').append(pad(text, widths[i], right[i])).append(" |");
      }
      out.println(b);
    }
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(Math.max(0, width - s.codePointCount(0, s.length())));
    return right ? fill + s : s + fill;
  }

  static String csvField(String s) {
    boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
        || s.indexOf('\r') >= 0;
    return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }

  static String tsvField(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }

  static String markdownCell(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "<br>")
        .replace("\n", "<br>");
  }

  private static void writeJson(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof BigDecimal d) {
      g.writeNumber(d);
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short
        || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isFinite(d)) {
        g.writeNumber(d);
      } else {
        g.writeString(Double.toString(d)); // JSON has no NaN or Infinity
      }
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else {
      g.writeString(Result.text(v));
    }
  }

  /** Keeps System.out open when the JSON generator closes. */
  private static final class NonClosing extends FilterOutputStream {
    NonClosing(PrintStream out) {
      super(out);
    }

    @Override public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override public void close() throws IOException {
      flush();
    }
  }
}
