package io.pxweb.jdbc.source.px;

import io.pxweb.jdbc.model.TableEntry;
import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.model.Value;
import io.pxweb.jdbc.model.Variable;
import io.pxweb.jdbc.model.VariableRole;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mapper of a parsed PX header to the driver's model, in the terms the PxWebApi reference server
 * uses for the same file, so that SQL over a folder and over the server gives the same rows.
 *
 * <p>The rules (PxWebApi and PX-2013): variable code = VARIABLECODE, else the name; value codes =
 * CODES, else VALUES; labels = VALUES in the requested language; the CONTVARIABLE is the content
 * variable (its code is VARIABLECODE, "ContentsCode" in the fixtures); a table without one gets
 * the synthetic variable {@value #CONTENT_CODE} with one value {@value #CONTENT_VALUE} whose
 * label is CONTENTS; time = TIMEVAL or VARIABLE-TYPE T; geographical = VARIABLE-TYPE G or MAP;
 * a content value's scale = DECIMALS (the stored digits) or a larger PRECISION, its shown
 * decimals PRECISION, else SHOWDECIMALS; elimination from
 * ELIMINATION (YES, or the label of the elimination value).
 */
final class PxMetadataMapper {
  /** Code the reference server gives the content variable it adds to a table without one. */
  static final String CONTENT_CODE = "CONTENTS";
  /** Code of that variable's only value. */
  static final String CONTENT_VALUE = "content";
  /**
   * Label of that variable. The server takes a localized resource text the public sources do
   * not show; the label reaches only column remarks, so one English word serves every language.
   */
  static final String CONTENT_LABEL = "contents";

  /**
   * Zone of PX dates ("20230525 15:42" has none). The reference server reads them in its own
   * zone; the recorded outputs and the Nordic producers' files use Central European time.
   */
  static final ZoneId PX_ZONE = ZoneId.of("Europe/Stockholm");

  /** Decimals of a file without DECIMALS: PX-2013's most without SHOWDECIMALS. */
  static final int DEFAULT_DECIMALS = 6;
  /** PX-2013's most stored decimals. */
  static final int MAX_DECIMALS = 15;

  private static final DateTimeFormatter UTC_TEXT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern PX_DATE = Pattern.compile(
      "\\s*(\\d{4})-?(\\d{2})-?(\\d{2})(?:[ T]+(\\d{1,2}):?(\\d{2})(?::?(\\d{2}))?)?\\s*");

  private PxMetadataMapper() {
  }

  // ------------------------------------------------------------------ structure

  /**
   * Builds the language-independent structure of a table, checking what the mapping needs.
   *
   * @throws PxFormatException when a mandatory keyword is missing or the variables do not fit
   *     together (CODES of another length than VALUES, a CONTVARIABLE that is no variable, ...)
   */
  static PxTableLayout layout(PxTableFile f) throws PxFormatException {
    List<String> stub = names(f, "STUB");
    List<String> heading = names(f, "HEADING");
    if (stub.isEmpty() && heading.isEmpty()) {
      throw missing(f, "STUB or HEADING");
    }
    if (f.text("TITLE") == null && f.text("DESCRIPTION") == null) {
      throw missing(f, "TITLE or DESCRIPTION");
    }
    if (f.text("CONTENTS") == null) {
      throw missing(f, "CONTENTS");
    }
    if (f.all("UNITS").isEmpty()) {
      throw missing(f, "UNITS");
    }
    if (integer(f, "DECIMALS") == null) {
      f.warn(f.dataLine(), "no DECIMALS: cells are read with " + DEFAULT_DECIMALS
          + " decimals, PX-2013's most without SHOWDECIMALS");
    }
    if (f.find("SHOWDECIMALS") != null && wholeNumber(f.text("SHOWDECIMALS")) == null) {
      // PxWeb reads such a file on ("error/continue" in its example database).
      f.warn(f.find("SHOWDECIMALS").line(), "SHOWDECIMALS=" + f.text("SHOWDECIMALS")
          + " is no number from 0 to 99; it is ignored");
    }
    String id = f.text("TABLEID") != null && !f.text("TABLEID").isBlank() ? f.text("TABLEID")
        : f.text("MATRIX");
    if (id == null || id.isBlank()) {
      throw missing(f, "MATRIX");
    }
    List<String> all = new ArrayList<>(stub);
    all.addAll(heading);
    Set<String> seen = new HashSet<>();
    for (String name : all) {
      if (!seen.add(name)) {
        PxKeyword k = f.find(stub.contains(name) && heading.contains(name) ? "HEADING" : "STUB");
        throw new PxFormatException(k.line(), "variable \"" + name + "\" appears twice in STUB"
            + " and HEADING");
      }
    }
    String content = f.text("CONTVARIABLE");
    if (content != null && !all.contains(content)) {
      throw new PxFormatException(f.find("CONTVARIABLE").line(), "CONTVARIABLE \"" + content
          + "\" is not a variable of STUB or HEADING");
    }
    String time = null;
    for (String name : all) {
      String type = f.text("VARIABLE-TYPE", name);
      boolean typedTime = type != null && (type.equalsIgnoreCase("T")
          || type.equalsIgnoreCase("TIME"));
      if (!name.equals(content) && (f.find("TIMEVAL", name) != null || typedTime)) {
        time = name;
        break;
      }
    }
    PxTimeList timeList = null;
    if (time != null && f.find("TIMEVAL", time) != null) {
      try {
        timeList = PxTimeList.parse(f.find("TIMEVAL", time));
      } catch (PxFormatException e) {
        if (f.find("VALUES", time) == null) {
          throw e;
        }
        // VALUES gives the periods; a TIMEVAL PxWeb would not expand only loses the time unit.
        f.warn(e.line(), e.detail() + "; the periods are taken from VALUES(\"" + time + "\")");
      }
    }
    boolean keyed = false;
    for (String name : all) {
      PxKeyword keys = f.find("KEYS", name);
      if (keys != null && !stub.contains(name)) {
        throw new PxFormatException(keys.line(), "KEYS(\"" + name + "\") names a variable that is"
            + " not in STUB");
      }
      keyed |= keys != null;
    }

    List<PxTableLayout.Dim> dims = new ArrayList<>();
    if (content == null) {
      dims.add(new PxTableLayout.Dim(null, -1, CONTENT_CODE, List.of(CONTENT_VALUE),
          List.of(f.text("CONTENTS")), VariableRole.CONTENT, false, null, null));
    }
    Set<String> codesSeen = new HashSet<>();
    for (int i = 0; i < all.size(); i++) {
      String name = all.get(i);
      PxKeyword valuesKw = f.find("VALUES", name);
      List<String> labels;
      if (valuesKw != null) {
        labels = valuesKw.values();
      } else if (name.equals(time) && timeList != null) {
        // PX-2013: without VALUES the time values are made from TIMEVAL.
        labels = timeList.periods().stream().map(timeList::display).toList();
      } else {
        throw missing(f, "VALUES(\"" + name + "\")");
      }
      if (labels.isEmpty()) {
        throw new PxFormatException(valuesKw.line(), "VALUES(\"" + name + "\") is empty");
      }
      PxKeyword codesKw = f.find("CODES", name);
      List<String> codes = codesKw == null ? labels : codesKw.values();
      if (codes.size() != labels.size()) {
        throw new PxFormatException(codesKw.line(), "CODES(\"" + name + "\") has " + codes.size()
            + " codes but VALUES(\"" + name + "\") has " + labels.size() + " values");
      }
      Set<String> unique = new HashSet<>();
      for (String c : codes) {
        // Codes are case-sensitive: "Hyundai I30" and "Hyundai i30" are two models.
        if (!unique.add(c)) {
          int line = codesKw != null ? codesKw.line() : valuesKw != null ? valuesKw.line()
              : f.find("TIMEVAL", name).line();
          throw new PxFormatException(line, "variable \"" + name + "\" has the value code \"" + c
              + "\" twice");
        }
      }
      String code = f.text("VARIABLECODE", name);
      if (code == null || code.isBlank()) {
        code = name;
      }
      if (!codesSeen.add(code.toLowerCase(Locale.ROOT))) {
        PxKeyword vc = f.find("VARIABLECODE", name);
        throw new PxFormatException(vc != null ? vc.line() : f.dataLine(), "two variables have the"
            + " code \"" + code + "\"");
      }
      VariableRole role = name.equals(content) ? VariableRole.CONTENT
          : name.equals(time) ? VariableRole.TIME
          : isGeo(f, name) ? VariableRole.GEO : VariableRole.REGULAR;
      boolean elimination = false;
      String eliminationCode = null;
      PxKeyword elim = f.find("ELIMINATION", name);
      if (elim != null && elim.first() != null) {
        String v = elim.first();
        int at = elim.quoted() ? labels.indexOf(v) : -1;
        if (at >= 0) {
          elimination = true;
          eliminationCode = codes.get(at);
        } else {
          // YES means "sum the values"; an elimination value missing from VALUES leaves the
          // variable mandatory, because the server could not pick it.
          elimination = v.equalsIgnoreCase("YES");
        }
      }
      PxTableLayout.KeyMode keyMode = null;
      PxKeyword keys = f.find("KEYS", name);
      if (keys != null) {
        try {
          keyMode = PxTableLayout.KeyMode.valueOf(keys.first().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new PxFormatException(keys.line(), "KEYS(\"" + name + "\") must be CODES or VALUES,"
              + " not " + keys.first());
        }
      } else if (keyed && i < stub.size()) {
        throw missing(f, "KEYS(\"" + name + "\") (KEYS is given for another STUB variable)");
      }
      dims.add(new PxTableLayout.Dim(name, i, code, codes, labels, role, elimination,
          eliminationCode, keyMode));
    }
    return new PxTableLayout(f, id.trim(), dims, stub.size(), timeList, keyed);
  }

  private static List<String> names(PxTableFile f, String keyword) {
    PxKeyword k = f.find(keyword);
    return k == null ? List.of() : k.values();
  }

  private static boolean isGeo(PxTableFile f, String name) {
    String type = f.text("VARIABLE-TYPE", name);
    return (type != null && type.equalsIgnoreCase("G")) || f.find("MAP", name) != null;
  }

  private static Integer integer(PxTableFile f, String keyword) throws PxFormatException {
    PxKeyword k = f.find(keyword);
    if (k == null) {
      return null;
    }
    try {
      return Integer.parseInt(k.first().trim());
    } catch (NumberFormatException e) {
      throw new PxFormatException(k.line(), keyword + " must be a whole number, not " + k.first());
    }
  }

  private static PxFormatException missing(PxTableFile f, String what) {
    return new PxFormatException(f.dataLine(), "missing mandatory keyword " + what
        + " (the header ends here)");
  }

  // ------------------------------------------------------------------ language views

  /**
   * Returns the table's metadata in a language; a language the file lacks gives the file's
   * default language, as PX files carry no other.
   */
  static TableMetadata metadata(PxTableLayout t, String lang) {
    Texts x = new Texts(t, lang);
    List<Variable> variables = new ArrayList<>();
    int content = t.contentIndex();
    for (int i = 0; i < t.variables().size(); i++) {
      PxTableLayout.Dim d = t.variables().get(i);
      List<String> labels = x.labels(i);
      List<Value> values = new ArrayList<>(d.size());
      for (int j = 0; j < d.size(); j++) {
        if (i == content) {
          values.add(new Value(d.codes().get(j), labels.get(j), x.unit(j), decimals(t, j),
              shownDecimals(t, i, j)));
        } else {
          values.add(new Value(d.codes().get(j), labels.get(j), null, 0, shownDecimals(t, i, j)));
        }
      }
      variables.add(new Variable(d.code(), x.variableName(i), d.role(), d.elimination(),
          d.eliminationValueCode(), values));
    }
    return new TableMetadata(t.id(), x.title(), x.text("SOURCE"), updated(t), x.notes(),
        variables);
  }

  /** Returns the table as the table list describes it, in a language. */
  static TableEntry entry(PxTableLayout t, String lang, List<List<TableEntry.Folder>> paths) {
    Texts x = new Texts(t, lang);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < t.variables().size(); i++) {
      names.add(x.variableName(i));
    }
    String first = null;
    String last = null;
    int time = t.timeIndex();
    if (time >= 0) {
      // The server's firstPeriod/lastPeriod are the lexicographic extremes of the labels.
      for (String label : x.labels(time)) {
        first = first == null || label.compareTo(first) < 0 ? label : first;
        last = last == null || label.compareTo(last) > 0 ? label : last;
      }
    }
    String description = x.text("DESCRIPTION");
    return new TableEntry(t.id(), x.title(), description == null ? "" : description, updated(t),
        first, last, t.timeList() == null ? "Other" : t.timeList().timeUnit(), names, paths,
        x.text("SOURCE"), false);
  }

  /**
   * Returns the status texts of stored symbols in a language: index 0 for "-" (DATASYMBOLNIL),
   * 1 to 6 for "." to "......" (DATASYMBOL1..6), 7 for "......." (DATASYMBOLSUM).
   */
  static String[] symbols(PxTableLayout t, String lang) {
    Texts x = new Texts(t, lang);
    String[] out = new String[8];
    out[0] = orElse(x.text("DATASYMBOLNIL"), "-");
    for (int n = 1; n <= 6; n++) {
      out[n] = orElse(x.text("DATASYMBOL" + n), ".".repeat(n));
    }
    out[7] = orElse(x.text("DATASYMBOLSUM"), ".......");
    return out;
  }

  /** Returns the languages a table can be read in: its default language first. */
  static List<String> languages(PxTableFile f, String fallback) {
    return languages(f.languages(), f.defaultLanguage(), fallback);
  }

  /**
   * Returns the languages a table can be read in, from its LANGUAGES and LANGUAGE (or the
   * folder's language when it has none): its own first.
   */
  static List<String> languages(List<String> fileLanguages, String ownLanguage, String fallback) {
    List<String> out = new ArrayList<>(fileLanguages);
    String own = ownLanguage != null ? ownLanguage : fallback;
    out.remove(own);
    out.add(0, own);
    return out;
  }

  /**
   * Returns the scale a content value's cells are read with: the digits stored. DECIMALS is
   * the stored precision (PX-2013: "how many decimals will be saved"); PRECISION asks that a
   * value be shown with more decimals than the rest, so its cells may store more, and a PRECISION
   * on a value of another variable (a row of averages) reaches every content column; a file that
   * stores more digits than all these say (found by one scan of DATA) keeps them too.
   * SHOWDECIMALS only says how many to show and never cuts stored digits.
   */
  static int decimals(PxTableLayout t, int contentValue) {
    PxTableFile f = t.file();
    PxTableLayout.Dim content = t.variables().get(t.contentIndex());
    int scale = Math.max(storedDecimals(f), f.dataDecimals());
    for (PxTableLayout.Dim d : t.variables()) {
      if (d.synthetic()) {
        continue;
      }
      for (int j = 0; j < d.size(); j++) {
        if (d == content && j != contentValue) {
          continue;
        }
        Integer p = precision(f, d, j);
        if (p != null) {
          scale = Math.max(scale, p);
        }
      }
    }
    return scale;
  }

  /**
   * Returns the decimals the publisher shows a value with, or null when that is the stored
   * precision: PRECISION of the value, else (for a content value) SHOWDECIMALS.
   */
  static Integer shownDecimals(PxTableLayout t, int variable, int value) {
    PxTableFile f = t.file();
    PxTableLayout.Dim d = t.variables().get(variable);
    Integer p = d.synthetic() ? null : precision(f, d, value);
    if (p != null) {
      return p;
    }
    if (variable != t.contentIndex()) {
      return null;
    }
    Integer show = wholeNumber(f.text("SHOWDECIMALS"));
    return show != null ? show : wholeNumber(f.text("DECIMALS"));
  }

  /**
   * Returns DECIMALS; a file without it gets {@value #DEFAULT_DECIMALS}, the most a file may
   * store without SHOWDECIMALS in PX-2013, so no stored digit is cut (PxWeb keeps "not given"
   * and shows the digits as stored).
   */
  static int storedDecimals(PxTableFile f) {
    Integer d = wholeNumber(f.text("DECIMALS"));
    return d != null ? d : DEFAULT_DECIMALS;
  }

  private static Integer precision(PxTableFile f, PxTableLayout.Dim d, int value) {
    return wholeNumber(f.text("PRECISION", d.name(), d.labels().get(value)));
  }

  private static Integer wholeNumber(String s) {
    if (s == null || !s.trim().matches("\\d{1,2}")) {
      return null;
    }
    return Math.min(MAX_DECIMALS, Integer.parseInt(s.trim()));
  }

  /**
   * Returns the newest LAST-UPDATED, else CREATION-DATE, in UTC. LAST-UPDATED is language
   * independent in PX-2013, yet files repeat it per language, sometimes with another date (the
   * reference database's TAB005): the newest statement in any language counts, as the server's
   * table list shows.
   */
  static String updated(PxTableLayout t) {
    PxTableFile f = t.file();
    Instant newest = null;
    for (PxKeyword k : f.all("LAST-UPDATED")) {
      newest = newer(newest, instant(k.first()));
    }
    if (newest == null) {
      newest = instant(f.text("CREATION-DATE"));
    }
    return newest == null ? null : UTC_TEXT.format(newest);
  }

  private static Instant newer(Instant a, Instant b) {
    return a == null || (b != null && b.isAfter(a)) ? b : a;
  }

  /** Reads a PX date, CCYYMMDD hh:mm; null when there is none or it is malformed. */
  static Instant instant(String pxDate) {
    if (pxDate == null) {
      return null;
    }
    Matcher m = PX_DATE.matcher(pxDate);
    if (!m.matches()) {
      return null;
    }
    try {
      LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)),
          Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
          m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
          m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
          m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
      return local.atZone(PX_ZONE).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static String orElse(String s, String fallback) {
    return s == null ? fallback : s;
  }

  /**
   * Texts of one table in one language. A statement in that language names variables and values
   * by their translated texts ({@code VALUES[sv]("kön")}), which are found by position in
   * STUB[sv]/HEADING[sv] and VALUES[sv]; anything the language lacks comes from the default
   * language.
   */
  private static final class Texts {
    private final PxTableLayout t;
    private final PxTableFile f;
    /** The language to look in, or null for the default language only. */
    private final String lang;
    private final List<String> names;

    Texts(PxTableLayout t, String requested) {
      this.t = t;
      this.f = t.file();
      String l = requested == null ? null : requested.toLowerCase(Locale.ROOT);
      this.lang = l != null && f.hasLanguage(l) && !l.equals(f.defaultLanguage()) ? l : null;
      List<String> own = new ArrayList<>();
      for (String kw : List.of("STUB", "HEADING")) {
        PxKeyword base = f.find(kw);
        PxKeyword translated = lang == null ? null : f.find(kw, lang, List.of());
        int n = base == null ? 0 : base.values().size();
        if (translated != null && translated.values().size() == n) {
          own.addAll(translated.values());
        } else if (base != null) {
          own.addAll(base.values());
        }
      }
      this.names = own;
    }

    String variableName(int i) {
      PxTableLayout.Dim d = t.variables().get(i);
      return d.synthetic() ? CONTENT_LABEL : names.get(d.position());
    }

    List<String> labels(int i) {
      PxTableLayout.Dim d = t.variables().get(i);
      if (d.synthetic()) {
        return List.of(orElse(text("CONTENTS"), d.labels().get(0)));
      }
      if (lang != null) {
        PxKeyword k = f.find("VALUES", lang, List.of(names.get(d.position())));
        if (k == null) {
          k = f.find("VALUES", lang, List.of(d.name()));
        }
        if (k != null && k.values().size() == d.size()) {
          return k.values();
        }
      }
      return d.labels();
    }

    String title() {
      String title = text("TITLE");
      return title != null ? title : text("DESCRIPTION");
    }

    /** Returns a table-level text in the language, else in the default language. */
    String text(String keyword) {
      if (lang != null) {
        PxKeyword k = f.find(keyword, lang, List.of());
        if (k != null) {
          return k.first();
        }
      }
      return f.text(keyword);
    }

    /** Returns the unit of a content value: UNITS("value"), else UNITS; the language first. */
    String unit(int contentValue) {
      int c = t.contentIndex();
      PxTableLayout.Dim d = t.variables().get(c);
      if (lang != null) {
        PxKeyword k = d.synthetic() ? null
            : f.find("UNITS", lang, List.of(labels(c).get(contentValue)));
        if (k == null) {
          k = f.find("UNITS", lang, List.of());
        }
        if (k != null) {
          return k.first();
        }
      }
      PxKeyword k = d.synthetic() ? null : f.find("UNITS", d.labels().get(contentValue));
      return k != null ? k.first() : f.text("UNITS");
    }

    /** Returns the table notes: NOTEX, then NOTE, each split at "##" as the server does. */
    List<String> notes() {
      List<String> out = new ArrayList<>();
      for (String keyword : List.of("NOTEX", "NOTE")) {
        List<PxKeyword> list = lang == null ? List.of() : f.findAll(keyword, lang, List.of());
        if (list.isEmpty()) {
          list = f.findAll(keyword, null, List.of());
        }
        for (PxKeyword k : list) {
          for (String part : String.join("", k.values()).split("##")) {
            if (!part.isBlank()) {
              out.add(part);
            }
          }
        }
      }
      return out;
    }
  }
}
