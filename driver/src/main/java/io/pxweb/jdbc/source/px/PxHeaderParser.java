package io.pxweb.jdbc.source.px;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tokenizer and parser of the metadata part of a PX file into {@link PxKeyword} statements.
 *
 * <p>The grammar is PX-2013's: {@code KEYWORD[lang]("sub","sub2")=value,value,...;}. Values
 * are quoted strings or bare words ({@code YES}, {@code 2}, {@code TLIST(A1)},
 * {@code 20230525 15:42}); a quoted string followed by another with only white space between
 * them is one text continued over several lines. A quoted string cannot contain a quotation
 * mark (the format has no escape), but it may contain {@code ;}, {@code =}, commas and line
 * breaks. A bare word ends at a comma or semicolon outside parentheses, so
 * {@code TLIST(A1, "1994"-"1996")} stays one value. Two quoted strings joined by {@code -} (a
 * TIMEVAL range, {@code TLIST(A1),"2019"-"2022"}) or {@code :} (a HIERARCHIES pair,
 * {@code "SE":"SE1"}) are one value. Keyword names may be written with dots for dashes
 * ({@code CREATION.DATE}).
 *
 * <p>The text given must end before the {@code DATA} keyword; finding that boundary in the bytes
 * of a file is {@link PxTableFile}'s job.
 */
final class PxHeaderParser {
  private final String text;
  private final List<PxWarning> warnings;
  private int pos;
  private int line = 1;

  private PxHeaderParser(String text, List<PxWarning> warnings) {
    this.text = text;
    this.warnings = warnings;
  }

  /** Parses every statement of a header. */
  static List<PxKeyword> parse(String header) throws PxFormatException {
    return parse(header, new ArrayList<>());
  }

  /** Parses every statement of a header, adding the deviations it accepts to a list. */
  static List<PxKeyword> parse(String header, List<PxWarning> warnings)
      throws PxFormatException {
    return new PxHeaderParser(header, warnings).statements();
  }

  private List<PxKeyword> statements() throws PxFormatException {
    List<PxKeyword> out = new ArrayList<>();
    while (true) {
      skipSpace();
      if (pos >= text.length()) {
        return out;
      }
      out.add(statement());
    }
  }

  private PxKeyword statement() throws PxFormatException {
    int startLine = line;
    String name = keywordName();
    skipSpace();
    String language = null;
    if (peek() == '[') {
      language = language(name);
      skipSpace();
    }
    List<String> subkeys = List.of();
    if (peek() == '(') {
      subkeys = subkeys(name);
      skipSpace();
    }
    if (peek() != '=') {
      throw error("expected '=' after keyword " + name + ", found " + describe(peek()));
    }
    pos++;
    List<String> values = new ArrayList<>();
    boolean quoted = true;
    while (true) {
      skipSpace();
      char c = peek();
      if (c == '"') {
        String text = quotedText(name);
        skipSpace();
        char joiner = peek();
        if ((joiner == '-' || joiner == ':') && followedByQuote()) {
          // "2019"-"2022" (a TIMEVAL range after TLIST(A1)) and "SE":"SE1" (a HIERARCHIES
          // parent:child pair) are one value each; the range keeps its quotation marks so that
          // PxTimeList tells it from a period.
          pos++;
          skipSpace();
          String second = quotedText(name);
          if (joiner == '-' && !name.equals("TIMEVAL")) {
            warnings.add(new PxWarning(line, "a range \"" + text + "\"-\"" + second + "\" in "
                + name + " is kept as one value"));
          }
          values.add(joiner == '-' ? "\"" + text + "\"-\"" + second + "\"" : text + ":" + second);
          quoted = false;
        } else {
          values.add(text);
        }
      } else if (c == ';' && values.isEmpty()) {
        // KEYWORD=; (PX-Edit writes it for an emptied text): an empty text, as PxWeb reads it.
        warnings.add(new PxWarning(line, name + " has no value; read as an empty text"));
        pos++;
        return new PxKeyword(name, language, subkeys, List.of(""), true, startLine);
      } else if (c == ';' || c == ',') {
        throw error("empty value in " + name);
      } else if (c == 0) {
        throw new PxFormatException(startLine, "statement " + name + " has no ';' at its end");
      } else {
        values.add(bareWord(name, startLine));
        quoted = false;
      }
      skipSpace();
      c = peek();
      if (c == ',') {
        pos++;
      } else if (c == ';') {
        pos++;
        return new PxKeyword(name, language, subkeys, values, quoted, startLine);
      } else if (c == 0) {
        throw new PxFormatException(startLine, "statement " + name + " has no ';' at its end");
      } else {
        throw error("expected ',' or ';' after a value of " + name + ", found " + describe(c));
      }
    }
  }

  private String keywordName() throws PxFormatException {
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.') {
        pos++;
      } else {
        break;
      }
    }
    if (start == pos) {
      throw error("expected a keyword, found " + describe(peek()));
    }
    String name = text.substring(start, pos).toUpperCase(Locale.ROOT);
    if (name.indexOf('.') >= 0) {
      // Some writers spell PX-2013's dashes as dots (CREATION.DATE, LAST.UPDATED); PxWeb reads them.
      warnings.add(new PxWarning(line, "keyword " + name + " is read as " + name.replace('.', '-')));
      return name.replace('.', '-');
    }
    return name;
  }

  private String language(String name) throws PxFormatException {
    pos++;
    int close = text.indexOf(']', pos);
    int newline = text.indexOf('\n', pos);
    if (close < 0 || (newline >= 0 && newline < close)) {
      throw error("language of " + name + " has no closing ']'");
    }
    String lang = text.substring(pos, close).trim();
    pos = close + 1;
    // PX-2013 shows both [sv] and ["sv"].
    if (lang.length() >= 2 && lang.startsWith("\"") && lang.endsWith("\"")) {
      lang = lang.substring(1, lang.length() - 1).trim();
    }
    if (lang.isEmpty()) {
      throw error("empty language in " + name + "[]");
    }
    return lang.toLowerCase(Locale.ROOT);
  }

  private List<String> subkeys(String name) throws PxFormatException {
    pos++;
    List<String> out = new ArrayList<>();
    while (true) {
      skipSpace();
      char c = peek();
      if (c == '"') {
        out.add(quotedText(name));
      } else if (c == ')' && out.isEmpty()) {
        pos++;
        return out;
      } else if (c == 0) {
        throw error("sub-key of " + name + " has no closing ')'");
      } else {
        // Unquoted sub-keys are not PX-2013, but cost nothing to accept.
        int start = pos;
        while (pos < text.length() && ",)\"\n;=".indexOf(text.charAt(pos)) < 0) {
          pos++;
        }
        if (start == pos) {
          throw error("expected a quoted sub-key in " + name + "(...), found " + describe(peek()));
        }
        out.add(text.substring(start, pos).trim());
      }
      skipSpace();
      c = peek();
      if (c == ',') {
        pos++;
      } else if (c == ')') {
        pos++;
        return out;
      } else {
        throw error("expected ',' or ')' in the sub-key of " + name + ", found " + describe(c));
      }
    }
  }

  /** Reads a quoted string and any strings that continue it on the following lines. */
  private String quotedText(String name) throws PxFormatException {
    StringBuilder b = new StringBuilder();
    while (true) {
      int openLine = line;
      int close = text.indexOf('"', pos + 1);
      if (close < 0) {
        throw new PxFormatException(openLine, "text in " + name + " has no closing quotation mark");
      }
      String part = text.substring(pos + 1, close);
      countLines(part);
      b.append(part);
      pos = close + 1;
      int save = pos;
      int saveLine = line;
      skipSpace();
      if (peek() != '"') {
        pos = save;
        line = saveLine;
        return b.toString();
      }
    }
  }

  private String bareWord(String name, int startLine) throws PxFormatException {
    int start = pos;
    int depth = 0;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '"') {
        int close = text.indexOf('"', pos + 1);
        if (close < 0) {
          throw error("text in " + name + " has no closing quotation mark");
        }
        countLines(text.substring(pos, close));
        pos = close + 1;
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (depth <= 0 && (c == ',' || c == ';')) {
        break;
      } else if (c == '\n') {
        line++;
      }
      pos++;
    }
    if (depth > 0) {
      throw new PxFormatException(startLine, "value of " + name + " has no closing ')'");
    }
    return text.substring(start, pos).trim();
  }

  /** Returns whether the character after the current one, past white space, is a quote. */
  private boolean followedByQuote() {
    int i = pos + 1;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i < text.length() && text.charAt(i) == '"';
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        line++;
      } else if (!Character.isWhitespace(c) && c != '\u001a' && c != '\ufeff') {
        // U+001A is the DOS end-of-file mark, U+FEFF a byte order mark: both appear in old files.
        return;
      }
      pos++;
    }
  }

  private void countLines(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        line++;
      }
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  private static String describe(char c) {
    return c == 0 ? "the end of the header" : "'" + c + "'";
  }

  private PxFormatException error(String detail) {
    return new PxFormatException(line, detail);
  }
}
