package io.pxweb.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements at semicolons that are outside quotes and comments. A line
 * that starts with {@code !} is a shell command and ends at the end of its line.
 */
final class SqlScript {
  private SqlScript() {
  }

  static List<String> split(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int n = script.length();
    int i = 0;
    while (i < n) {
      char c = script.charAt(i);
      if (current.toString().isBlank() && c == '!') {
        int end = script.indexOf('\n', i);
        end = end < 0 ? n : end;
        add(out, script.substring(i, end));
        current.setLength(0);
        i = end;
      } else if (c == '\'' || c == '"') {
        int end = closing(script, i, c);
        current.append(script, i, end);
        i = end;
      } else if (c == '-' && script.startsWith("--", i)) {
        int end = script.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (c == '/' && script.startsWith("/*", i)) {
        int end = script.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        current.append(' ');
      } else if (c == ';') {
        add(out, current.toString());
        current.setLength(0);
        i++;
      } else {
        current.append(c);
        i++;
      }
    }
    add(out, current.toString());
    return out;
  }

  /** Index just past the quote that closes the one at {@code start} (a doubled quote escapes). */
  private static int closing(String s, int start, char quote) {
    int i = start + 1;
    while (i < s.length()) {
      if (s.charAt(i) == quote) {
        if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return s.length();
  }

  private static void add(List<String> out, String statement) {
    String s = statement.strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
  }
}
