package io.pxweb.jdbc.klasstestserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;

/**
 * One stretch of a code's history in a fixture: the code with one name, valid from a date up
 * to another (exclusive) or open.
 */
public record CodeVersion(String code, String parentCode, String level, String name, String shortName,
    String presentationName, String notes, LocalDate validFrom, LocalDate validTo) {

  static CodeVersion of(JsonNode n) {
    return new CodeVersion(n.path("code").asText(), text(n, "parentCode"),
        n.path("level").asText(), n.path("name").asText(), text(n, "shortName"),
        text(n, "presentationName"), text(n, "notes"), LocalDate.parse(n.path("validFrom").asText()),
        n.hasNonNull("validTo") ? LocalDate.parse(n.path("validTo").asText()) : null);
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }

  /** Whether the code had this name at some time in {@code [from, to)}; null {@code to} is open. */
  public boolean overlaps(LocalDate from, LocalDate to) {
    return (to == null || validFrom.isBefore(to)) && (validTo == null || validTo.isAfter(from));
  }

  public boolean validAt(LocalDate date) {
    return !validFrom.isAfter(date) && (validTo == null || date.isBefore(validTo));
  }

  /** The entry of a {@code codesAt}/{@code variantAt} answer (§2.5.5: validity null). */
  ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("code", code);
    o.put("parentCode", parentCode);
    o.put("level", level);
    o.put("name", name);
    o.put("shortName", shortName);
    o.put("presentationName", presentationName);
    o.putNull("validFrom");
    o.putNull("validTo");
    o.put("notes", notes);
    return o;
  }

  /** The entry of a {@code codes} answer for a range (§2.4.5, §3.1.1). */
  ObjectNode toJson(LocalDate from, LocalDate to) {
    ObjectNode o = toJson();
    o.remove("notes");
    LocalDate start = validFrom.isAfter(from) ? validFrom : from;
    LocalDate end = validTo == null ? to : to == null || validTo.isBefore(to) ? validTo : to;
    o.put("validFromInRequestedRange", start.toString());
    // An open end is written as null (Klass's CodeItem.getValidToInRequestedRange).
    if (end == null) {
      o.putNull("validToInRequestedRange");
    } else {
      o.put("validToInRequestedRange", end.toString());
    }
    o.put("notes", notes);
    return o;
  }
}
