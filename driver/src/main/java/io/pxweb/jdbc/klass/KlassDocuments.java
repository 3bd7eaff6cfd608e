package io.pxweb.jdbc.klass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.pxweb.jdbc.model.MalformedDocumentException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reader of Klass's JSON documents into plain values.
 *
 * <p>Lenient where Klass varies (a missing {@code _embedded} on an empty page, {@code null}
 * versus {@code ""}, ids as numbers or strings, unknown fields) and strict where a wrong guess
 * would give wrong rows: a code list without its {@code codes} array is rejected.
 */
public final class KlassDocuments {
  /** Klass's time stamps, e.g. {@code 2025-11-19T08:35:02.254+0000}. */
  private static final DateTimeFormatter KLASS_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]Z");
  /** Dates at or after this mean "no end"; Klass writes null, but a far date must not leak. */
  private static final LocalDate OPEN_END = LocalDate.of(9999, 1, 1);

  private KlassDocuments() {
  }

  /** A classification or code list as listed by {@code /classifications}. */
  public record Classification(int id, String name, String type, Instant lastModified) {
  }

  /** A hit of {@code /classifications/search}. */
  public record SearchHit(int id, String name, String snippet, Double score) {
  }

  /** One page of a paged listing, and how many pages there are. */
  record Page<T>(List<T> items, int number, int totalPages) {
  }

  /**
   * A code with its validity: from a range request ({@code codes}) the validity within the
   * range, from a date request ({@code codesAt}, {@code variantAt}) whatever Klass reports.
   *
   * @param validTo first day the code is no longer valid (exclusive), null when still valid
   */
  public record Code(String code, String parentCode, Integer level, String name, String shortName,
      String presentationName, LocalDate validFrom, LocalDate validTo, String notes) {
  }

  /** One pair of a correspondence table. */
  public record Correspondence(String sourceCode, String sourceName, String sourceShortName,
      String targetCode, String targetName, String targetShortName) {
  }

  /** One change of codes: without old code a code began, without new code one ended. */
  public record Change(String oldCode, String oldName, String oldShortName, String newCode,
      String newName, String newShortName, LocalDate changeOccurred) {
  }

  /** Reads a page of {@code /classifications}. */
  static Page<Classification> classifications(JsonNode root) throws MalformedDocumentException {
    List<Classification> out = new ArrayList<>();
    for (JsonNode n : embedded(root, "classifications")) {
      out.add(new Classification(id(n), text(n, "name"), text(n, "classificationType"),
          instant(n, "lastModified")));
    }
    return page(root, out);
  }

  /** Reads a page of {@code /classifications/search}. */
  static Page<SearchHit> searchHits(JsonNode root) throws MalformedDocumentException {
    List<SearchHit> out = new ArrayList<>();
    for (JsonNode n : embedded(root, "searchResults")) {
      JsonNode score = n.path("searchScore");
      out.add(new SearchHit(id(n), text(n, "name"), text(n, "snippet"),
          score.isNumber() ? score.asDouble() : null));
    }
    return page(root, out);
  }

  /**
   * Reads a code list ({@code codes}, {@code codesAt}, {@code variantAt}). Validity comes from
   * {@code validFromInRequestedRange}/{@code validToInRequestedRange} when present (range
   * requests), else from {@code validFrom}/{@code validTo}.
   */
  static List<Code> codes(JsonNode root) throws MalformedDocumentException {
    List<Code> out = new ArrayList<>();
    for (JsonNode n : array(root, "codes")) {
      String code = text(n, "code");
      if (code == null) {
        throw new MalformedDocumentException("a code list entry has no 'code': " + n);
      }
      LocalDate from = date(n, "validFromInRequestedRange");
      LocalDate to = date(n, "validToInRequestedRange");
      if (from == null && to == null) {
        from = date(n, "validFrom");
        to = date(n, "validTo");
      }
      out.add(new Code(code, optional(n, "parentCode"), level(n), text(n, "name"),
          optional(n, "shortName"), optional(n, "presentationName"), from,
          to != null && !to.isBefore(OPEN_END) ? null : to, optional(n, "notes")));
    }
    return out;
  }

  /** Reads {@code correspondsAt}. */
  static List<Correspondence> correspondences(JsonNode root) throws MalformedDocumentException {
    List<Correspondence> out = new ArrayList<>();
    for (JsonNode n : array(root, "correspondenceItems")) {
      out.add(new Correspondence(text(n, "sourceCode"), text(n, "sourceName"),
          optional(n, "sourceShortName"), text(n, "targetCode"), text(n, "targetName"),
          optional(n, "targetShortName")));
    }
    return out;
  }

  /** Reads {@code changes}. */
  static List<Change> changes(JsonNode root) throws MalformedDocumentException {
    List<Change> out = new ArrayList<>();
    for (JsonNode n : array(root, "codeChanges")) {
      out.add(new Change(optional(n, "oldCode"), optional(n, "oldName"),
          optional(n, "oldShortName"), optional(n, "newCode"), optional(n, "newName"),
          optional(n, "newShortName"), date(n, "changeOccurred")));
    }
    return out;
  }

  /** Returns a required array; a document without it is not the one asked for. */
  private static JsonNode array(JsonNode root, String field) throws MalformedDocumentException {
    JsonNode a = root.get(field);
    if (a == null || !a.isArray()) {
      throw new MalformedDocumentException("expected an array '" + field + "', got "
          + (a == null ? "none" : a.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
    return a;
  }

  /** Returns {@code _embedded.<field>}; Klass leaves {@code _embedded} out of an empty page. */
  private static JsonNode embedded(JsonNode root, String field)
      throws MalformedDocumentException {
    JsonNode embedded = root.get("_embedded");
    if (embedded == null || embedded.isNull()) {
      if (!root.has("page") && !root.has("_links")) {
        throw new MalformedDocumentException("expected a paged listing with '_embedded."
            + field + "', got fields " + fieldNames(root));
      }
      return MissingNode.getInstance();
    }
    JsonNode items = embedded.get(field);
    if (items == null || !items.isArray()) {
      throw new MalformedDocumentException("expected an array '_embedded." + field + "', got "
          + fieldNames(embedded));
    }
    return items;
  }

  private static <T> Page<T> page(JsonNode root, List<T> items) {
    JsonNode page = root.path("page");
    int number = page.path("number").asInt(0);
    int totalPages = page.path("totalPages").asInt(number + 1);
    return new Page<>(items, number, totalPages);
  }

  private static String fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names.toString();
  }

  private static int id(JsonNode n) throws MalformedDocumentException {
    JsonNode id = n.get("id");
    if (id != null && id.canConvertToInt()) {
      return id.asInt();
    }
    if (id != null && id.isTextual() && id.asText().matches("\\d{1,9}")) {
      return Integer.parseInt(id.asText());
    }
    throw new MalformedDocumentException("expected a numeric 'id', got " + id);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** Returns a text whose absence Klass writes as {@code ""}, {@code null} or not at all. */
  private static String optional(JsonNode n, String field) {
    String v = text(n, field);
    return v == null || v.isEmpty() ? null : v;
  }

  /** Klass writes levels as text ("1"); some documents have numbers. */
  private static Integer level(JsonNode n) {
    JsonNode v = n.get("level");
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.canConvertToInt()) {
      return v.asInt();
    }
    String s = v.asText().trim();
    return s.matches("\\d{1,9}") ? Integer.valueOf(s) : null;
  }

  private static LocalDate date(JsonNode n, String field) throws MalformedDocumentException {
    String v = text(n, field);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw new MalformedDocumentException("expected a date yyyy-MM-dd in '" + field
          + "', got '" + v + "'");
    }
  }

  private static Instant instant(JsonNode n, String field) {
    String v = text(n, field);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v, KLASS_TIME).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(v).toInstant();
      } catch (DateTimeParseException e2) {
        // A time stamp in an unknown form is not worth failing the listing for.
        return null;
      }
    }
  }
}
