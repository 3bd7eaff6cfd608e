package io.pxweb.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pxweb.bench.SynthTable.Role;
import io.pxweb.bench.SynthTable.Variable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes the PxWebApi 2.0 documents of the synthetic tables in the shape the reference server
 * writes them (PxWebApi 2.0, PxAPI-2.yml): {@code /config}, {@code /tables}, metadata (a JSON-stat
 * dataset with {@code "value": []}) and JSON-stat 2.0 data with a sparse {@code status}
 * object after {@code value}.
 */
public final class JsonStatWriter {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonStatWriter() {
  }

  public static void config(OutputStream out, int maxDataCells) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("apiVersion", "2.3.2");
      g.writeStringField("appVersion", "bench-loopback");
      g.writeArrayFieldStart("languages");
      g.writeStartObject();
      g.writeStringField("id", "en");
      g.writeStringField("label", "English");
      g.writeEndObject();
      g.writeStartObject();
      g.writeStringField("id", "no");
      g.writeStringField("label", "Norsk");
      g.writeEndObject();
      g.writeEndArray();
      g.writeStringField("defaultLanguage", "en");
      g.writeNumberField("maxDataCells", maxDataCells);
      // SSB's own /config says 0/0; the driver is run with rateLimit=none here.
      g.writeNumberField("maxCallsPerTimeWindow", 0);
      g.writeNumberField("timeWindow", 0);
      g.writeStringField("license", "https://creativecommons.org/licenses/by/4.0/");
      g.writeStringField("defaultDataFormat", "json-stat2");
      g.writeArrayFieldStart("dataFormats");
      for (String f : List.of("json-stat2", "csv", "px")) {
        g.writeString(f);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  public static void tables(OutputStream out, String base, List<SynthTable> tables)
      throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("language", "en");
      g.writeArrayFieldStart("tables");
      for (SynthTable t : tables) {
        tableEntry(g, base, t);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("page");
      g.writeNumberField("pageNumber", 1);
      g.writeNumberField("pageSize", 1000);
      g.writeNumberField("totalElements", tables.size());
      g.writeNumberField("totalPages", 1);
      g.writeArrayFieldStart("links");
      g.writeEndArray();
      g.writeEndObject();
      g.writeArrayFieldStart("links");
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void tableEntry(JsonGenerator g, String base, SynthTable t) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "Table");
    g.writeStringField("id", t.id());
    g.writeStringField("label", t.label());
    g.writeStringField("description", "");
    g.writeStringField("sortCode", t.id());
    g.writeStringField("updated", t.updated());
    List<String> periods = time(t).labels();
    g.writeStringField("firstPeriod", periods.get(0));
    g.writeStringField("lastPeriod", periods.get(periods.size() - 1));
    g.writeStringField("category", "public");
    g.writeArrayFieldStart("variableNames");
    for (Variable v : t.variables()) {
      g.writeString(v.label());
    }
    g.writeEndArray();
    g.writeStringField("source", "Statistics Norway (synthetic)");
    g.writeStringField("subjectCode", t.subjectCode());
    g.writeStringField("timeUnit", t.timeUnit());
    g.writeArrayFieldStart("paths");
    g.writeStartArray();
    g.writeStartObject();
    g.writeStringField("id", t.subjectCode());
    g.writeStringField("label", t.subjectCode().equals("be") ? "Population" : "Prices");
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndArray();
    g.writeArrayFieldStart("links");
    g.writeStartObject();
    g.writeStringField("rel", "self");
    g.writeStringField("hreflang", "en");
    g.writeStringField("href", base + "/tables/" + t.id() + "?lang=en");
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
  }

  private static Variable time(SynthTable t) {
    return t.variables().stream().filter(v -> v.role() == Role.TIME).findFirst().orElseThrow();
  }

  /** Writes the metadata document: every value of every variable, {@code "value": []}. */
  public static void metadata(OutputStream out, SynthTable t) throws IOException {
    int[][] all = new int[t.variables().size()][];
    for (int v = 0; v < all.length; v++) {
      all[v] = new int[t.variables().get(v).size()];
      for (int i = 0; i < all[v].length; i++) {
        all[v][i] = i;
      }
    }
    write(out, t, all, true);
  }

  /** Writes a data response for the selected positions (each sorted in table order). */
  public static void data(OutputStream out, SynthTable t, int[][] selected) throws IOException {
    write(out, t, selected, false);
  }

  private static void write(OutputStream out, SynthTable t, int[][] selected, boolean metadata)
      throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("version", "2.0");
      g.writeStringField("class", "dataset");
      g.writeStringField("label", t.label());
      g.writeStringField("source", "Statistics Norway (synthetic)");
      g.writeStringField("updated", t.updated());
      g.writeArrayFieldStart("note");
      g.writeString("Synthetic benchmark table: values are made up. .. = Data not available,"
          + " . = Not applicable, : = Confidential.");
      g.writeEndArray();
      g.writeObjectFieldStart("role");
      for (Role role : List.of(Role.TIME, Role.GEO, Role.CONTENT)) {
        for (Variable v : t.variables()) {
          if (v.role() == role) {
            g.writeArrayFieldStart(role == Role.CONTENT ? "metric" : role.name().toLowerCase());
            g.writeString(v.code());
            g.writeEndArray();
          }
        }
      }
      g.writeEndObject();
      g.writeArrayFieldStart("id");
      for (Variable v : t.variables()) {
        g.writeString(v.code());
      }
      g.writeEndArray();
      g.writeArrayFieldStart("size");
      for (int[] s : selected) {
        g.writeNumber(s.length);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("dimension");
      for (int v = 0; v < selected.length; v++) {
        dimension(g, t.variables().get(v), selected[v], metadata);
      }
      g.writeEndObject();
      g.writeObjectFieldStart("extension");
      g.writeObjectFieldStart("px");
      g.writeStringField("infofile", "None");
      g.writeStringField("tableid", t.id());
      g.writeNumberField("decimals", 1);
      g.writeBooleanField("official-statistics", true);
      g.writeBooleanField("aggregallowed", true);
      g.writeStringField("language", "en");
      g.writeStringField("matrix", "Synth" + t.id());
      g.writeStringField("subject-code", t.subjectCode());
      g.writeArrayFieldStart("heading");
      g.writeString(time(t).code());
      g.writeEndArray();
      g.writeArrayFieldStart("stub");
      for (Variable v : t.variables()) {
        if (v.role() != Role.TIME) {
          g.writeString(v.code());
        }
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeArrayFieldStart("contact");
      g.writeStartObject();
      g.writeStringField("name", "Benchmark Contact");
      g.writeStringField("mail", "bench@example.org");
      g.writeStringField("raw", "Benchmark Contact, Statistics Norway# +47 000 00 000#bench@example.org");
      g.writeEndObject();
      g.writeEndArray();
      if (!metadata) {
        g.writeNullField("discontinued");
      }
      g.writeEndObject();
      g.writeArrayFieldStart("value");
      if (!metadata) {
        values(g, t, selected);
      }
      g.writeEndArray();
      if (!metadata) {
        statuses(g, t, selected);
      }
      g.writeEndObject();
    }
  }

  private static void dimension(JsonGenerator g, Variable v, int[] positions, boolean metadata)
      throws IOException {
    g.writeObjectFieldStart(v.code());
    g.writeStringField("label", v.label());
    g.writeObjectFieldStart("category");
    g.writeObjectFieldStart("index");
    for (int i = 0; i < positions.length; i++) {
      g.writeNumberField(v.codes().get(positions[i]), i);
    }
    g.writeEndObject();
    g.writeObjectFieldStart("label");
    for (int p : positions) {
      g.writeStringField(v.codes().get(p), v.labels().get(p));
    }
    g.writeEndObject();
    if (v.role() == Role.CONTENT) {
      g.writeObjectFieldStart("unit");
      for (int p : positions) {
        g.writeObjectFieldStart(v.codes().get(p));
        g.writeStringField("base", v.units()[p]);
        g.writeNumberField("decimals", v.decimals()[p]);
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeObjectFieldStart("extension");
    g.writeBooleanField("elimination", v.elimination());
    g.writeStringField("show", "value");
    if (metadata) {
      g.writeArrayFieldStart("codelists");
      g.writeEndArray();
    }
    if (v.role() == Role.CONTENT) {
      g.writeObjectFieldStart("refperiod");
      for (int p : positions) {
        g.writeStringField(v.codes().get(p), "1 January");
      }
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  /** Visits the selected cells in row-major order (last variable fastest). */
  private interface CellVisitor {
    void visit(int responseIndex, long tableIndex, int contentPosition) throws IOException;
  }

  private static void forEachCell(SynthTable t, int[][] selected, CellVisitor visitor)
      throws IOException {
    int n = selected.length;
    int content = t.contentIndex();
    for (int[] s : selected) {
      if (s.length == 0) {
        return;
      }
    }
    int[] counter = new int[n];
    int index = 0;
    while (true) {
      long flat = 0;
      for (int k = 0; k < n; k++) {
        flat += selected[k][counter[k]] * t.stride(k);
      }
      visitor.visit(index++, flat, content < 0 ? 0 : selected[content][counter[content]]);
      int k = n - 1;
      while (k >= 0 && ++counter[k] == selected[k].length) {
        counter[k] = 0;
        k--;
      }
      if (k < 0) {
        return;
      }
    }
  }

  private static void values(JsonGenerator g, SynthTable t, int[][] selected) throws IOException {
    int content = t.contentIndex();
    int[] decimals = content < 0 ? new int[] {0} : t.variables().get(content).decimals();
    StringBuilder number = new StringBuilder(24);
    forEachCell(t, selected, (i, flat, c) -> {
      number.setLength(0);
      if (t.appendValue(flat, decimals[c], number)) {
        g.writeNumber(number.toString());
      } else {
        g.writeNull();
      }
    });
  }

  private static void statuses(JsonGenerator g, SynthTable t, int[][] selected)
      throws IOException {
    boolean[] started = {false};
    forEachCell(t, selected, (i, flat, c) -> {
      String s = t.status(flat);
      if (s != null) {
        if (!started[0]) {
          g.writeObjectFieldStart("status");
          started[0] = true;
        }
        g.writeStringField(Integer.toString(i), s);
      }
    });
    if (started[0]) {
      g.writeEndObject();
    }
  }
}
