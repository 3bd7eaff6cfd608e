package io.pxweb.jdbc.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A marked SQL example in a Markdown document, with the output the document shows for it.
 * The convention is described in docs/README.md: an HTML comment {@code <!-- doctest: TARGET -->}
 * right before a {@code ```sql} block; an optional {@code ```text} (or unlabelled) block right
 * after it holds the expected EXPLAIN lines or result rows.
 *
 * @param source file name and line of the SQL block, for messages
 * @param target {@code sample} or {@code server}
 * @param properties connection properties appended to the target's URL ({@code ;k=v...})
 * @param sql the statement, without a trailing semicolon
 * @param expected the expected block's lines, or null when the document shows none
 */
record DocExample(String source, String target, String properties, String sql,
    List<String> expected) {

  static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*doctest:\\s*(\\w+)(;[^>]*?)?\\s*-->");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(```+)\\s*([\\w-]*).*$");

  /** Every marked example of one document; throws for a marker without an SQL block after it. */
  static List<DocExample> parse(String name, String markdown) {
    List<String> lines = markdown.lines().toList();
    List<DocExample> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = MARKER.matcher(lines.get(i));
      if (!m.find()) {
        continue;
      }
      int sqlAt = skipBlank(lines, i + 1);
      Matcher open = sqlAt < lines.size() ? FENCE.matcher(lines.get(sqlAt)) : null;
      if (open == null || !open.matches() || !open.group(2).equals("sql")) {
        throw new IllegalArgumentException(name + ":" + (i + 1)
            + ": a doctest marker must be followed by a ```sql block");
      }
      int sqlEnd = closing(lines, sqlAt, open.group(1), name);
      String sql = String.join("\n", lines.subList(sqlAt + 1, sqlEnd)).strip();
      sql = sql.endsWith(";") ? sql.substring(0, sql.length() - 1).strip() : sql;
      List<String> expected = null;
      int next = skipBlank(lines, sqlEnd + 1);
      Matcher after = next < lines.size() ? FENCE.matcher(lines.get(next)) : null;
      if (after != null && after.matches()
          && (after.group(2).isEmpty() || after.group(2).equals("text"))) {
        int end = closing(lines, next, after.group(1), name);
        expected = List.copyOf(lines.subList(next + 1, end));
        i = end;
      } else {
        i = sqlEnd;
      }
      out.add(new DocExample(name + ":" + (sqlAt + 2), m.group(1),
          m.group(2) == null ? "" : m.group(2).strip(), sql, expected));
    }
    return out;
  }

  private static int skipBlank(List<String> lines, int from) {
    int i = from;
    while (i < lines.size() && lines.get(i).isBlank()) {
      i++;
    }
    return i;
  }

  private static int closing(List<String> lines, int open, String fence, String name) {
    for (int i = open + 1; i < lines.size(); i++) {
      String s = lines.get(i).strip();
      if (s.startsWith(fence) && s.replace("`", "").isEmpty()) {
        return i;
      }
    }
    throw new IllegalArgumentException(name + ":" + (open + 1) + ": code block never closed");
  }
}
