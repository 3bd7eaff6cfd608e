package io.pxweb.jdbc.source.px;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parsed header of one PX file: its statements indexed by keyword, language and sub-keys, its
 * languages, its character set, and where its DATA section starts.
 *
 * <p>Only the header is read: the bytes are scanned up to the statement {@code DATA=} (outside
 * quotation marks, at the start of a statement), so listing a folder never reads data. The scan
 * works on bytes because every character set a PX file may use is ASCII-compatible; the header
 * is decoded once its character set is known.
 */
final class PxTableFile {
  /** Headers larger than this are taken for files without a DATA keyword. */
  static final int MAX_HEADER_BYTES = 64 * 1024 * 1024;
  /**
   * Values one header may list, in all its statements and languages together (each comma
   * outside quotes counts). A value costs about 200 bytes of heap while its table is read and
   * its metadata made (its text, its places in lists, the set that checks codes are unique, its
   * value in the metadata): a header of 1,000,000 values read alone fitted a JVM of 256 MB, but
   * not beside a listed folder of 20,000 tables; half that leaves room, and is still far more
   * than a statistical table lists.
   */
  static final int MAX_HEADER_VALUES = 500_000;

  private final Path path;
  private final Charset charset;
  private final long dataOffset;
  private final int dataLine;
  private final String defaultLanguage;
  private final List<String> languages;
  private final Map<String, List<PxKeyword>> index;
  /** Deviations read by a lenient rule: the parser's, then the mapper's (added once, at load). */
  private final List<PxWarning> warnings;

  private PxTableFile(Path path, Charset charset, long dataOffset, int dataLine,
      List<PxKeyword> statements, List<PxWarning> warnings) {
    this.path = path;
    this.warnings = new ArrayList<>(warnings);
    this.charset = charset;
    this.dataOffset = dataOffset;
    this.dataLine = dataLine;
    Map<String, List<PxKeyword>> byKey = new LinkedHashMap<>();
    String lang = null;
    List<String> langs = new ArrayList<>();
    for (PxKeyword k : statements) {
      if (k.name().equals("LANGUAGE") && k.language() == null && k.first() != null) {
        lang = k.first().trim().toLowerCase(Locale.ROOT);
      } else if (k.name().equals("LANGUAGES") && k.language() == null) {
        for (String l : k.values()) {
          langs.add(l.trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    for (PxKeyword k : statements) {
      // KEY[xx] where xx is the file's own language is the same statement as KEY.
      String l = k.language() != null && k.language().equals(lang) ? null : k.language();
      byKey.computeIfAbsent(key(k.name(), l, k.subkeys()), x -> new ArrayList<>()).add(k);
    }
    this.index = byKey;
    this.defaultLanguage = lang;
    if (lang != null) {
      // LANGUAGES may list the default language anywhere; it goes first.
      langs.remove(lang);
      langs.add(0, lang);
    }
    this.languages = List.copyOf(langs);
  }

  /**
   * Reads the header of a PX file.
   *
   * @throws PxFormatException when the header has no DATA keyword, cannot be decoded, or does
   *     not parse
   */
  static PxTableFile read(Path path) throws IOException, PxFormatException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
      return read(path, in);
    }
  }

  static PxTableFile read(Path path, InputStream in) throws IOException, PxFormatException {
    HeaderBytes header = new HeaderBytes();
    boolean quoted = false;
    boolean sawEquals = false;
    boolean inStatement = false;
    // The start of the current statement up to its '=', enough to recognise DATA.
    StringBuilder name = new StringBuilder();
    int statementStart = -1;
    int line = 1;
    int statementLine = 1;
    int size = 0;
    // Values so far: one per statement and one per comma outside quotes (an upper bound).
    int values = 0;
    int b;
    while ((b = in.read()) >= 0) {
      if (size >= MAX_HEADER_BYTES) {
        throw new PxFormatException(line, "no DATA keyword in the first " + MAX_HEADER_BYTES
            + " bytes");
      }
      header.write(b);
      size++;
      if (b == '\n') {
        line++;
      }
      if (quoted) {
        quoted = b != '"';
        continue;
      }
      if (!inStatement) {
        if (b <= ' ' || b == 0x7f || b >= 0x80) {
          // White space, the DOS end-of-file mark, or a byte order mark before a statement.
          continue;
        }
        inStatement = true;
        statementStart = size - 1;
        statementLine = line;
        name.setLength(0);
        values++;
      }
      if (b == '"') {
        quoted = true;
      } else if (b == ';') {
        inStatement = false;
        sawEquals = false;
      } else if (b == ',') {
        values++;
      } else if (b == '=' && !sawEquals) {
        sawEquals = true;
        if (name.toString().trim().equalsIgnoreCase("DATA")) {
          break;
        }
      } else if (!sawEquals && name.length() < 16) {
        name.append((char) b);
      }
      if (values > MAX_HEADER_VALUES) {
        // Checked before anything is parsed: each value costs its text and its places in the
        // header's lists and indexes, far more than its bytes in the file.
        throw PxFormatException.tooLarge(line, "the header lists more than " + MAX_HEADER_VALUES
            + " values, the most the driver reads in one PX file");
      }
    }
    if (b < 0) {
      int stray = strayQuoteLine(header.buffer(), header.size());
      if (stray > 0) {
        throw new PxFormatException(stray, "a quotation mark opened on this line is not closed"
            + " on it, so the statements after it are read as text and DATA is never found");
      }
      if (quoted) {
        throw new PxFormatException(line, "the file ends inside a quoted text, before DATA");
      }
      throw new PxFormatException(line, "no DATA keyword: the file ends after its header");
    }
    // One copy of the header at a time: the bytes, then the text, then the statements.
    byte[] head = Arrays.copyOf(header.buffer(), statementStart);
    header = null;
    List<PxWarning> warnings = new ArrayList<>();
    Charset charset = PxEncoding.choose(head, PxEncoding.declared(head), warnings);
    String text = PxEncoding.decode(head, charset);
    head = null;
    List<PxKeyword> statements = PxHeaderParser.parse(text, warnings);
    return new PxTableFile(path, charset, size, statementLine, statements, warnings);
  }

  /** The header's bytes as read, without the copies {@link ByteArrayOutputStream} makes. */
  private static final class HeaderBytes extends ByteArrayOutputStream {
    HeaderBytes() {
      super(1 << 14);
    }

    byte[] buffer() {
      return buf;
    }
  }

  /** A line that starts a statement: a keyword, maybe [lang] and ("sub-keys"), then '='. */
  private static final Pattern STATEMENT_START = Pattern.compile(
      "[A-Za-z][A-Za-z0-9._-]*\\s*(\\[[^\\]\\n]*\\])?\\s*(\\([^\\n]*\\))?\\s*=.*");

  /**
   * Finds the line of a stray quotation mark: the first quoted text that runs over a line break
   * into a line that starts a statement ({@code KEYWORD=}), or up to the end of the file. A text
   * may legally continue over lines, but not into the next statement; without this the error
   * would name the end of the file. Returns 0 when there is none.
   */
  private static int strayQuoteLine(byte[] bytes, int length) {
    String text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    int line = 1;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
      } else if (c == '"') {
        int close = text.indexOf('"', i + 1);
        if (close < 0) {
          return line;
        }
        int openLine = line;
        for (int j = i + 1; j < close; j++) {
          if (text.charAt(j) == '\n') {
            line++;
            int end = text.indexOf('\n', j + 1);
            String next = text.substring(j + 1, end < 0 || end > close ? close : end).strip();
            if (STATEMENT_START.matcher(next).matches()) {
              return openLine;
            }
          }
        }
        i = close;
      }
      i++;
    }
    return 0;
  }

  private static String key(String name, String language, List<String> subkeys) {
    StringBuilder b = new StringBuilder(name).append('\u0001');
    if (language != null) {
      b.append(language);
    }
    for (String s : subkeys) {
      b.append('\u0001').append(s);
    }
    return b.toString();
  }

  Path path() {
    return path;
  }

  /** Most decimals a number in DATA is written with, or -1 before {@link #dataDecimals()}. */
  private volatile int dataDecimals = -1;

  /**
   * Returns the most decimals any number in DATA is written with (at most 15), read once per
   * version of the file: some files store more digits than DECIMALS says (a PRECISION left out,
   * a DECIMALS of the shown figures), and a cell must read as the digits stored. Returns 0 when
   * the file cannot be read now; the data request will report that.
   */
  int dataDecimals() {
    int d = dataDecimals;
    if (d < 0) {
      d = scanDataDecimals();
      dataDecimals = d;
    }
    return d;
  }

  private int scanDataDecimals() {
    int most = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
      in.skipNBytes(dataOffset);
      boolean quoted = false;
      int decimals = -1;
      int b;
      // Every character set a PX file may use is ASCII-compatible: digits and '.' are bytes.
      while ((b = in.read()) >= 0) {
        if (quoted) {
          quoted = b != '"';
        } else if (b == '"') {
          quoted = true;
          decimals = -1;
        } else if (b == '.') {
          decimals = decimals == -1 ? 0 : -2;
        } else if (b >= '0' && b <= '9') {
          if (decimals >= 0 && ++decimals > most) {
            most = Math.min(decimals, 15);
          }
        } else if (b == 'e' || b == 'E') {
          decimals = -2;
        } else if (b != '-' && b != '+') {
          decimals = -1;
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return most;
  }

  /** Returns the deviations read by a lenient rule, in the order found. */
  List<PxWarning> warnings() {
    return Collections.unmodifiableList(warnings);
  }

  /** Records a deviation the mapper accepted; only while the file is being loaded. */
  void warn(int line, String detail) {
    warnings.add(new PxWarning(line, detail));
  }

  Charset charset() {
    return charset;
  }

  /** Returns the byte offset of the first character after {@code DATA=}. */
  long dataOffset() {
    return dataOffset;
  }

  /** Returns the line {@code DATA=} is on. */
  int dataLine() {
    return dataLine;
  }

  /** Returns the file's LANGUAGE in lower case, or null when it has none. */
  String defaultLanguage() {
    return defaultLanguage;
  }

  /** Returns LANGUAGES in lower case, the default language first; may be empty. */
  List<String> languages() {
    return languages;
  }

  /** Returns whether the file has texts in a language: its default, or one of LANGUAGES. */
  boolean hasLanguage(String lang) {
    return lang != null && (lang.equals(defaultLanguage) || languages.contains(lang));
  }

  /**
   * Returns a statement by keyword, language and sub-keys, or null.
   *
   * @param language null or the file's default language for the unbracketed statement
   */
  PxKeyword find(String name, String language, List<String> subkeys) {
    String l = language != null && language.equals(defaultLanguage) ? null : language;
    List<PxKeyword> list = index.get(key(name, l, subkeys));
    return list == null ? null : list.get(0);
  }

  /** Returns every statement with this keyword, language and sub-keys (notes may repeat). */
  List<PxKeyword> findAll(String name, String language, List<String> subkeys) {
    String l = language != null && language.equals(defaultLanguage) ? null : language;
    List<PxKeyword> list = index.get(key(name, l, subkeys));
    return list == null ? List.of() : Collections.unmodifiableList(list);
  }

  /** Returns a default-language statement, or null. */
  PxKeyword find(String name, String... subkeys) {
    return find(name, null, List.of(subkeys));
  }

  /** Returns the first value of a default-language statement, or null. */
  String text(String name, String... subkeys) {
    PxKeyword k = find(name, subkeys);
    return k == null ? null : k.first();
  }

  /** Returns every statement of a keyword in any language with any sub-keys, in file order. */
  List<PxKeyword> all(String name) {
    List<PxKeyword> out = new ArrayList<>();
    String prefix = name + '\u0001';
    for (Map.Entry<String, List<PxKeyword>> e : index.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        out.addAll(e.getValue());
      }
    }
    out.sort(Comparator.comparingInt(PxKeyword::line));
    return out;
  }
}
