package io.pxweb.jdbc.source.px;

import java.util.List;

/**
 * Statement of a PX header, {@code KEYWORD[lang]("sub","sub2")=values;}, as written.
 *
 * @param name keyword in upper case, e.g. "VALUES"
 * @param language language in lower case as written in brackets, or null when there is none
 * @param subkeys the quoted parts in parentheses, e.g. a variable name and a value label
 * @param values the values; adjacent quoted strings (a text continued on the next line) are
 *     already joined, unquoted values such as {@code YES} or {@code TLIST(A1)} are kept as text
 * @param quoted whether every value was a quoted string; tells {@code YES} from {@code "YES"}
 * @param line 1-based line the statement starts on
 */
record PxKeyword(String name, String language, List<String> subkeys, List<String> values,
    boolean quoted, int line) {

  PxKeyword {
    subkeys = List.copyOf(subkeys);
    values = List.copyOf(values);
  }

  /** Returns the first value (most keywords have exactly one). */
  String first() {
    return values.isEmpty() ? null : values.get(0);
  }

  @Override public String toString() {
    return name + (language == null ? "" : "[" + language + "]")
        + (subkeys.isEmpty() ? "" : "(\"" + String.join("\",\"", subkeys) + "\")");
  }
}
