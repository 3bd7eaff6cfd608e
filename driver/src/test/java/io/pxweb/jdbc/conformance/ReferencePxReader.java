package io.pxweb.jdbc.conformance;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small reader of PX files written from the PX-2013 specification (Statistics Sweden, "PX file
 * format specification", 2013), independent of the driver's PX classes, to check them cell by
 * cell. It reads what cells hold: the variables (STUB then HEADING), their codes (CODES, else
 * VALUES, else the periods of TIMEVAL) and the DATA section, plain or in the KEYS form. Labels,
 * languages other than the default and display keywords are not its business.
 *
 * <p>A cell is the number text as stored (a {@link BigDecimal}), or null for a missing-value
 * symbol ({@code "."} to {@code "......."}, {@code "-"}, or other quoted text).
 */
final class ReferencePxReader {
  /** The table as the specification defines its cells. */
  record Table(List<String> variables, List<List<String>> codes, int stubCount,
      BigDecimal[] cells) {
  }

  private final String text;
  private int at;

  private ReferencePxReader(String text) {
    this.text = text;
  }

  /** Reads a file's bytes; throws IllegalArgumentException naming what does not follow PX-2013. */
  static Table read(byte[] bytes) {
    return new ReferencePxReader(decode(bytes)).table();
  }

  /**
   * Decodes the bytes: a UTF-8 byte order mark, else CODEPAGE, else Windows-1252 for
   * CHARSET="ANSI", else ISO-8859-1 (the specification's default). As PxWeb does, a header that
   * declares a single-byte code page but is valid UTF-8 with non-ASCII text is UTF-8 (files
   * re-saved by UTF-8 tools).
   */
  static String decode(byte[] bytes) {
    if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf) {
      return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }
    String latin = new String(bytes, StandardCharsets.ISO_8859_1);
    Matcher cp = Pattern.compile("CODEPAGE\\s*=\\s*\"([^\"]+)\"").matcher(latin);
    Charset declared = StandardCharsets.ISO_8859_1;
    if (cp.find()) {
      declared = Charset.forName(cp.group(1).trim().toLowerCase(Locale.ROOT)
          .replaceFirst("^iso8859-", "iso-8859-"));
    } else if (Pattern.compile("CHARSET\\s*=\\s*\"ANSI\"").matcher(latin).find()) {
      declared = Charset.forName("windows-1252");
    }
    boolean nonAscii = false;
    for (byte b : bytes) {
      nonAscii |= b < 0;
    }
    if (nonAscii && !declared.equals(StandardCharsets.UTF_8) && validUtf8(bytes)) {
      declared = StandardCharsets.UTF_8;
    }
    return new String(bytes, declared);
  }

  private static boolean validUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  // ------------------------------------------------------------------ header

  /** Statements of the default language: "NAME" or "NAME(sub1,sub2)" to values. */
  private final Map<String, List<String>> keywords = new HashMap<>();

  private Table table() {
    String language = null;
    while (true) {
      skipBlanks();
      if (at >= text.length()) {
        throw new IllegalArgumentException("no DATA");
      }
      int nameStart = at;
      while (at < text.length() && "[(=".indexOf(text.charAt(at)) < 0) {
        at++;
      }
      String name = text.substring(nameStart, at).trim().toUpperCase(Locale.ROOT)
          .replace('.', '-');
      String lang = null;
      if (peek() == '[') {
        int close = text.indexOf(']', at);
        lang = text.substring(at + 1, close).replace("\"", "").trim();
        at = close + 1;
      }
      List<String> subkeys = new ArrayList<>();
      if (peek() == '(') {
        at++;
        while (peek() != ')') {
          skipBlanks();
          if (peek() == '"') {
            subkeys.add(quoted());
          } else if (peek() == ',') {
            at++;
          } else if (peek() != ')') {
            throw new IllegalArgumentException("bad sub-key of " + name);
          }
          skipBlanks();
        }
        at++;
      }
      skipBlanks();
      if (peek() != '=') {
        throw new IllegalArgumentException("no '=' after " + name);
      }
      at++;
      if (name.equals("DATA")) {
        return data(language);
      }
      List<String> values = values();
      if (name.equals("LANGUAGE")) {
        language = values.get(0);
      }
      if (lang == null || lang.equals(language)) {
        keywords.putIfAbsent(subkeys.isEmpty() ? name : name + "(" + String.join(",", subkeys)
            + ")", values);
      }
    }
  }

  /** Reads values up to the ';' that ends the statement. */
  private List<String> values() {
    List<String> out = new ArrayList<>();
    StringBuilder bare = new StringBuilder();
    while (true) {
      skipBlanks();
      char c = peek();
      if (c == 0) {
        throw new IllegalArgumentException("a statement has no ';'");
      }
      if (c == '"') {
        StringBuilder s = new StringBuilder(quoted());
        while (true) {
          int save = at;
          skipBlanks();
          if (peek() == '"') {
            s.append(quoted());
          } else if (peek() == '-' && next('"')) {
            at++;
            skipBlanks();
            // A range "from"-"to" (TIMEVAL).
            s.insert(0, '"').append("\"-\"").append(quoted()).append('"');
          } else {
            at = save;
            break;
          }
        }
        out.add(s.toString());
      } else if (c == ',' || c == ';') {
        at++;
        if (bare.length() > 0) {
          out.add(bare.toString().trim());
          bare.setLength(0);
        }
        if (c == ';') {
          return out;
        }
      } else if (c == '(') {
        int close = text.indexOf(')', at);
        bare.append(text, at, close + 1);
        at = close + 1;
      } else {
        bare.append(c);
        at++;
      }
    }
  }

  private boolean next(char expected) {
    int i = at + 1;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i < text.length() && text.charAt(i) == expected;
  }

  private String quoted() {
    int close = text.indexOf('"', at + 1);
    if (close < 0) {
      throw new IllegalArgumentException("an unclosed quotation mark");
    }
    String s = text.substring(at + 1, close);
    at = close + 1;
    return s;
  }

  private void skipBlanks() {
    while (at < text.length() && (Character.isWhitespace(text.charAt(at))
        || text.charAt(at) == '\u001a')) {
      at++;
    }
  }

  private char peek() {
    return at < text.length() ? text.charAt(at) : 0;
  }

  // ------------------------------------------------------------------ variables and DATA

  private List<String> list(String key) {
    List<String> v = keywords.get(key);
    return v == null ? List.of() : v;
  }

  private List<String> codes(String variable) {
    List<String> codes = keywords.get("CODES(" + variable + ")");
    if (codes == null) {
      codes = keywords.get("VALUES(" + variable + ")");
    }
    if (codes == null) {
      List<String> timeval = keywords.get("TIMEVAL(" + variable + ")");
      if (timeval == null) {
        throw new IllegalArgumentException("no VALUES for " + variable);
      }
      codes = periods(timeval);
    }
    return codes;
  }

  /** The periods of TLIST(x),"p1",... and of ranges, in the scale's own format. */
  private static List<String> periods(List<String> timeval) {
    Matcher head = Pattern.compile("TLIST\\(\\s*(\\w+)\\s*(?:,\\s*\"(\\d+)\"\\s*-\\s*\"(\\d+)\")?"
        + "\\s*\\)").matcher(timeval.get(0));
    if (!head.matches()) {
      throw new IllegalArgumentException("TIMEVAL is no TLIST");
    }
    String scale = head.group(1).toUpperCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    if (head.group(2) != null) {
      out.addAll(range(scale, head.group(2), head.group(3)));
    }
    for (String p : timeval.subList(1, timeval.size())) {
      Matcher r = Pattern.compile("\"(\\d+)\"-\"(\\d+)\"").matcher(p);
      if (r.matches()) {
        out.addAll(range(scale, r.group(1), r.group(2)));
      } else {
        out.add(p);
      }
    }
    String letter = switch (scale) {
      case "H1" -> "H";
      case "Q1" -> "Q";
      case "M1" -> "M";
      case "W1" -> "W";
      default -> "";
    };
    // Without VALUES the specification shows 1995Q1, 1995M01: the year, the letter, the rest.
    return out.stream().map(p -> p.matches("\\d{5,6}") && !letter.isEmpty()
        ? p.substring(0, 4) + letter + p.substring(4) : p).toList();
  }

  private static List<String> range(String scale, String from, String to) {
    int per = switch (scale) {
      case "A1" -> 1;
      case "H1" -> 2;
      case "Q1" -> 4;
      case "M1" -> 12;
      default -> 53;
    };
    int width = from.length() - 4;
    List<String> out = new ArrayList<>();
    int y = Integer.parseInt(from.substring(0, 4));
    int s = width == 0 ? 1 : Integer.parseInt(from.substring(4));
    int ty = Integer.parseInt(to.substring(0, 4));
    int ts = width == 0 ? 1 : Integer.parseInt(to.substring(4));
    while (y < ty || (y == ty && s <= ts)) {
      out.add(width == 0 ? Integer.toString(y) : y + String.format(Locale.ROOT, "%0" + width
          + "d", s));
      if (++s > per) {
        s = 1;
        y++;
      }
    }
    return out;
  }

  private Table data(String language) {
    List<String> stub = list("STUB");
    List<String> heading = list("HEADING");
    List<String> variables = new ArrayList<>(stub);
    variables.addAll(heading);
    List<List<String>> codes = new ArrayList<>();
    long cells = 1;
    for (String v : variables) {
      codes.add(codes(v));
      cells *= codes.get(codes.size() - 1).size();
    }
    if (cells > 50_000_000) {
      throw new IllegalArgumentException("too many cells for the reference reader");
    }
    BigDecimal[] out = new BigDecimal[(int) cells];
    List<Object> tokens = dataTokens();
    int rowCells = 1;
    for (int i = stub.size(); i < variables.size(); i++) {
      rowCells *= codes.get(i).size();
    }
    boolean keyed = keywords.keySet().stream().anyMatch(k -> k.startsWith("KEYS("));
    if (!keyed) {
      if (tokens.size() != cells) {
        throw new IllegalArgumentException("DATA has " + tokens.size() + " values for " + cells
            + " cells");
      }
      for (int i = 0; i < cells; i++) {
        out[i] = cell(tokens.get(i));
      }
    } else {
      // KEYS: each row names its STUB values; rows left out hold zeros.
      java.util.Arrays.fill(out, BigDecimal.ZERO);
      List<Map<String, Integer>> keys = new ArrayList<>();
      for (int v = 0; v < stub.size(); v++) {
        String mode = list("KEYS(" + stub.get(v) + ")").get(0).toUpperCase(Locale.ROOT);
        List<String> names = mode.equals("CODES") ? codes.get(v)
            : keywords.getOrDefault("VALUES(" + stub.get(v) + ")", codes.get(v));
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
          m.putIfAbsent(names.get(i), i);
        }
        keys.add(m);
      }
      int t = 0;
      while (t < tokens.size()) {
        int row = 0;
        for (int v = 0; v < stub.size(); v++) {
          Object k = tokens.get(t++);
          Integer p = k instanceof Quoted q ? keys.get(v).get(q.text()) : null;
          if (p == null) {
            throw new IllegalArgumentException("unknown key " + k);
          }
          row = row * codes.get(v).size() + p;
        }
        for (int c = 0; c < rowCells; c++) {
          out[row * rowCells + c] = cell(tokens.get(t++));
        }
      }
    }
    return new Table(List.copyOf(variables), List.copyOf(codes), stub.size(), out);
  }

  private record Quoted(String text) {
  }

  private List<Object> dataTokens() {
    List<Object> out = new ArrayList<>();
    while (true) {
      // PX-2013 lets a semicolon, a comma, a space, a tab or a line break separate values.
      while (at < text.length() && (Character.isWhitespace(text.charAt(at))
          || text.charAt(at) == ',' || text.charAt(at) == ';' || text.charAt(at) == '\u001a')) {
        at++;
      }
      if (at >= text.length()) {
        return out;
      }
      if (text.charAt(at) == '"') {
        out.add(new Quoted(quoted()));
      } else {
        int start = at;
        while (at < text.length() && !Character.isWhitespace(text.charAt(at))
            && ",;\"".indexOf(text.charAt(at)) < 0) {
          at++;
        }
        out.add(text.substring(start, at));
      }
    }
  }

  private static BigDecimal cell(Object token) {
    if (token instanceof Quoted q) {
      return null;
    }
    String s = (String) token;
    if (s.equals("-") || s.matches("\\.{1,7}")) {
      return null;
    }
    return new BigDecimal(s);
  }
}
