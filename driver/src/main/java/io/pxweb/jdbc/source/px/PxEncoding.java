package io.pxweb.jdbc.source.px;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooser of the character set a PX file is read with.
 *
 * <p>The rule, in order: a UTF-8 byte order mark means UTF-8; otherwise the {@code CODEPAGE}
 * keyword, else Windows-1252 for {@code CHARSET="ANSI"}, else ISO-8859-1 (PX-2013's default),
 * unless the bytes say otherwise.
 * Files are often re-saved by tools that write UTF-8 and leave the header alone (the reference
 * server's own PX output does), so a file whose non-ASCII bytes form valid UTF-8 is read as
 * UTF-8 even when it declares a single-byte code page: Latin-1 text practically never forms
 * valid UTF-8 sequences by accident. A file that declares UTF-8 but is not valid UTF-8 is read
 * as Windows-1252.
 */
final class PxEncoding {
  /** Finds CODEPAGE="..." at the start of a statement, before the file is decoded. */
  private static final Pattern CODEPAGE =
      Pattern.compile("(?:^|;)\\s*CODEPAGE\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
  /** Finds CHARSET="ANSI": PX-2013's mark of a file written with a Windows code page. */
  private static final Pattern ANSI =
      Pattern.compile("(?:^|;)\\s*CHARSET\\s*=\\s*\"\\s*ANSI\\s*\"", Pattern.CASE_INSENSITIVE);
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private PxEncoding() {
  }

  /** Returns whether the bytes start with a UTF-8 byte order mark. */
  static boolean hasUtf8Bom(byte[] bytes) {
    return bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf;
  }

  /**
   * Returns the character set a PX header declares, by an ASCII pre-scan of its bytes: its
   * CODEPAGE, else Windows-1252 when it says {@code CHARSET="ANSI"} (the Windows code page PC-Axis
   * and PX-Edit write with); null when it declares neither.
   *
   * @throws PxFormatException when the declared code page is unknown to Java
   */
  static Charset declared(byte[] header) throws PxFormatException {
    // ISO-8859-1 maps every byte to one char, so offsets and line numbers stay those of the bytes.
    String ascii = new String(header, StandardCharsets.ISO_8859_1);
    Matcher m = CODEPAGE.matcher(ascii);
    if (!m.find()) {
      return ANSI.matcher(ascii).find() ? WINDOWS_1252 : null;
    }
    String name = m.group(1).trim();
    Charset charset = forName(name);
    if (charset == null) {
      int line = 1;
      for (int i = 0; i < m.start(1); i++) {
        if (ascii.charAt(i) == '\n') {
          line++;
        }
      }
      throw new PxFormatException(line, "unknown CODEPAGE \"" + name + "\"");
    }
    return charset;
  }

  /** Returns the Java character set for a code page name as PX files write it, or null. */
  static Charset forName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    // Spellings seen in PX files that Java does not know as aliases.
    if (n.equals("ansi")) {
      n = "windows-1252";
    } else if (n.matches("iso8859-\\d+")) {
      n = "iso-" + n.substring(3);
    }
    try {
      return Charset.forName(n);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return null;
    }
  }

  /**
   * Chooses the character set for a file's bytes.
   *
   * @param bytes the bytes to decode (the header, or a whole small file), BOM included
   * @param declared the declared character set, or null for PX-2013's default ISO-8859-1
   * @throws PxFormatException when the bytes are valid in neither the declared set nor UTF-8
   */
  static Charset choose(byte[] bytes, Charset declared) throws PxFormatException {
    return choose(bytes, declared, new ArrayList<>());
  }

  /** Chooses the character set, adding a warning when it is not the declared one. */
  static Charset choose(byte[] bytes, Charset declared, List<PxWarning> warnings)
      throws PxFormatException {
    if (hasUtf8Bom(bytes)) {
      return StandardCharsets.UTF_8;
    }
    Charset cs = declared == null ? StandardCharsets.ISO_8859_1 : declared;
    boolean utf8 = decodes(bytes, StandardCharsets.UTF_8);
    if (cs.equals(StandardCharsets.UTF_8)) {
      if (!utf8) {
        warnings.add(new PxWarning(0, "the file declares UTF-8 but is not valid UTF-8; read as"
            + " Windows-1252"));
      }
      return utf8 ? cs : WINDOWS_1252;
    }
    if (utf8 && hasNonAscii(bytes)) {
      warnings.add(new PxWarning(0, "the file declares " + cs.name() + (declared == null
          ? " (the default)" : "") + " but its text is valid UTF-8; read as UTF-8"));
      return StandardCharsets.UTF_8;
    }
    if (!decodes(bytes, cs)) {
      throw new PxFormatException(1, "the file is neither valid " + cs.name()
          + (declared == null ? " (the default)" : " (its CODEPAGE)") + " nor valid UTF-8");
    }
    return cs;
  }

  /** Decodes bytes, skipping a UTF-8 byte order mark. */
  static String decode(byte[] bytes, Charset charset) {
    int from = hasUtf8Bom(bytes) ? 3 : 0;
    return new String(bytes, from, bytes.length - from, charset);
  }

  private static boolean decodes(byte[] bytes, Charset charset) {
    int from = hasUtf8Bom(bytes) ? 3 : 0;
    try {
      charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, from, bytes.length - from));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static boolean hasNonAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return true;
      }
    }
    return false;
  }
}
