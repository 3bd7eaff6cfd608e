package io.pxweb.jdbc.source.px;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reader of a PX database's codelist files into a model: value sets ({@code .vs}) and
 * aggregations ({@code .agg}), the files behind the server's {@code vs_} and {@code agg_}
 * codelists.
 *
 * <p>Both are INI-like: {@code [Section]} headers and {@code key=value} lines. A value set has
 * {@code [Descr]} (Name, Prestext, Type), {@code [Aggreg]} (numbered .agg file names),
 * {@code [Domain]} (numbered domains, which PX files name in DOMAIN), {@code [Valuecode]} and
 * {@code [Valuetext]} (numbered codes and texts). An aggregation has {@code [Aggreg]} (Name,
 * Valueset and the numbered group codes), {@code [Aggtext]} (numbered group texts) and one
 * section per group listing the codes it sums. Numbered entries are ordered by their number.
 * The files are ISO-8859-1 unless they carry a UTF-8 byte order mark or are valid UTF-8.
 *
 * <p>Only reading is done here; applying a codelist to a table is not yet supported.
 */
final class PxCodelists {
  private PxCodelists() {
  }

  /**
   * A value set ({@code .vs}).
   *
   * @param name the value set's name ([Descr] Name), e.g. "Counties07"
   * @param prestext its text ([Descr] Prestext)
   * @param type [Descr] Type, e.g. "V"
   * @param domains the domains it serves
   * @param aggregations the .agg files built on it
   * @param codes the value codes
   * @param texts the value texts, one per code (the code when the file gives none)
   */
  record Valueset(String name, String prestext, String type, List<String> domains,
      List<String> aggregations, List<String> codes, List<String> texts) {

    Valueset {
      domains = List.copyOf(domains);
      aggregations = List.copyOf(aggregations);
      codes = List.copyOf(codes);
      texts = List.copyOf(texts);
    }
  }

  /**
   * A group of an aggregation: a new value that sums others.
   *
   * @param code the group's code, e.g. "01"
   * @param text its text, e.g. "Stockholm county"
   * @param members the codes it sums
   */
  record Group(String code, String text, List<String> members) {
    Group {
      members = List.copyOf(members);
    }
  }

  /**
   * An aggregation ({@code .agg}).
   *
   * @param name its name ([Aggreg] Name), e.g. "Counties"
   * @param valueset the value set whose codes the groups sum
   * @param groups the groups in order
   */
  record Aggregation(String name, String valueset, List<Group> groups) {
    Aggregation {
      groups = List.copyOf(groups);
    }
  }

  /** Reads a value set file. */
  static Valueset readValueset(Path file) throws IOException, PxFormatException {
    Map<String, Section> s = sections(Files.readAllBytes(file));
    Section descr = required(s, "Descr");
    String name = descr.value("Name");
    if (name == null) {
      throw new PxFormatException(descr.line, "[Descr] has no Name");
    }
    List<String> codes = numbered(s.get("valuecode"));
    List<String> texts = numbered(s.get("valuetext"));
    if (texts.isEmpty()) {
      texts = codes;
    } else if (texts.size() != codes.size()) {
      throw new PxFormatException(s.get("valuetext").line, "[Valuetext] has " + texts.size()
          + " texts but [Valuecode] has " + codes.size() + " codes");
    }
    return new Valueset(name, descr.value("Prestext"), descr.value("Type"),
        numbered(s.get("domain")), numbered(s.get("aggreg")), codes, texts);
  }

  /** Reads an aggregation file. */
  static Aggregation readAggregation(Path file) throws IOException, PxFormatException {
    Map<String, Section> s = sections(Files.readAllBytes(file));
    Section aggreg = required(s, "Aggreg");
    String name = aggreg.value("Name");
    if (name == null) {
      throw new PxFormatException(aggreg.line, "[Aggreg] has no Name");
    }
    List<String> codes = numbered(aggreg);
    List<String> texts = numbered(s.get("aggtext"));
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < codes.size(); i++) {
      String code = codes.get(i);
      Section members = s.get(code.toLowerCase(Locale.ROOT));
      if (members == null) {
        throw new PxFormatException(aggreg.line, "group " + code + " has no section [" + code
            + "]");
      }
      groups.add(new Group(code, i < texts.size() ? texts.get(i) : code, numbered(members)));
    }
    return new Aggregation(name, aggreg.value("Valueset"), groups);
  }

  /** One section: its entries in file order and the line of its header. */
  private static final class Section {
    final int line;
    final Map<String, String> entries = new LinkedHashMap<>();

    Section(int line) {
      this.line = line;
    }

    String value(String key) {
      for (Map.Entry<String, String> e : entries.entrySet()) {
        if (e.getKey().equalsIgnoreCase(key)) {
          return e.getValue();
        }
      }
      return null;
    }
  }

  private static Map<String, Section> sections(byte[] bytes) throws PxFormatException {
    String text = PxEncoding.decode(bytes, PxEncoding.choose(bytes, null));
    Map<String, Section> out = new LinkedHashMap<>();
    Section current = null;
    String[] lines = text.split("\r?\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        current = new Section(i + 1);
        out.putIfAbsent(line.substring(1, line.length() - 1).trim().toLowerCase(Locale.ROOT),
            current);
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0 || current == null) {
        throw new PxFormatException(i + 1, current == null ? "text before the first [section]"
            : "expected key=value, found " + line);
      }
      current.entries.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
    }
    return out;
  }

  private static Section required(Map<String, Section> sections, String name)
      throws PxFormatException {
    Section s = sections.get(name.toLowerCase(Locale.ROOT));
    if (s == null) {
      throw new PxFormatException(1, "no [" + name + "] section");
    }
    return s;
  }

  /** Returns the values of a section's numbered keys (1=, 2=, ...) in number order. */
  private static List<String> numbered(Section s) {
    if (s == null) {
      return List.of();
    }
    Map<Integer, String> byNumber = new TreeMap<>();
    for (Map.Entry<String, String> e : s.entries.entrySet()) {
      if (e.getKey().matches("\\d+")) {
        byNumber.put(Integer.parseInt(e.getKey()), e.getValue());
      }
    }
    return new ArrayList<>(byNumber.values());
  }
}
