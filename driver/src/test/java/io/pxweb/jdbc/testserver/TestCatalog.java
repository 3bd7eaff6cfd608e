package io.pxweb.jdbc.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The set of tables the test server serves, loaded from the fixture and derived resources.
 *
 * <p>The standard catalog, in listing order:
 * <ul>
 *   <li>TAB004, TAB003, TAB001 – reference-server metadata, real values from the test
 *       database's PX files (derived cubes); TAB001's REGION has the hand-made codelists
 *       {@code agg_NordicBaltic} and {@code vs_Nordic} ({@code derived/codelists-TAB001.json});</li>
 *   <li>05810 – SSB metadata from the user guide (old {@code codeLists} casing,
 *       non-sequential {@code category.index}), synthesized values;</li>
 *   <li>13861 – SSB JSON-stat data response used as metadata, real values;</li>
 *   <li>TAB2936 (monthly), 12909 (quarterly), 03024 (weekly) – metadata and values derived
 *       from PX files.</li>
 * </ul>
 */
public final class TestCatalog {

  private static final String EXPECTED = "fixtures/pxwebapi-server-expected/";
  private static final String DERIVED = "fixtures/derived/";

  private static volatile TestCatalog standard;

  private final List<TestTable> tables;

  private TestCatalog(List<TestTable> tables) {
    this.tables = Collections.unmodifiableList(tables);
  }

  /** The standard catalog; loaded once per JVM because the fixtures never change. */
  public static TestCatalog standard() {
    TestCatalog c = standard;
    if (c == null) {
      synchronized (TestCatalog.class) {
        c = standard;
        if (c == null) {
          c = load();
          standard = c;
        }
      }
    }
    return c;
  }

  /** A catalog of the given tables, for tests that need a smaller or special one. */
  public static TestCatalog of(List<TestTable> tables) {
    return new TestCatalog(new ArrayList<>(tables));
  }

  /** All tables in listing order. */
  public List<TestTable> tables() {
    return tables;
  }

  /**
   * The tables of a fixture folder, in the given order: each id's {@code table-<id>.json}
   * (table entry), {@code metadata-<id>.json} and {@code cube-<id>.json}, e.g. the Unicode
   * tables of {@code fixtures/unicode/}.
   */
  public static TestCatalog fromFolder(String folder, String... ids) {
    List<TestTable> list = new ArrayList<>();
    for (String id : ids) {
      String cube = folder + "/cube-" + id + ".json";
      list.add(new TestTable(Json.resourceObject(folder + "/table-" + id + ".json"),
          Json.resourceObject(folder + "/metadata-" + id + ".json"), Json.resource(cube), cube));
    }
    return new TestCatalog(list);
  }

  /** The table ids in listing order. */
  public List<String> tableIds() {
    return tables.stream().map(TestTable::id).toList();
  }

  /** A table by id, ignoring case as the server does ({@code /tables/tab004}). */
  public Optional<TestTable> find(String id) {
    return tables.stream().filter(t -> t.id().equalsIgnoreCase(id)).findFirst();
  }

  /** A table by id; throws if there is none. */
  public TestTable table(String id) {
    return find(id).orElseThrow(() -> new IllegalArgumentException("No table " + id));
  }

  /** The codelists of all tables, table by table in listing order. */
  public List<TestCodelist> codelists() {
    return tables.stream().flatMap(t -> t.codelists().stream()).toList();
  }

  /**
   * A codelist by id as {@code GET /codelists/{id}} finds it: exact, case-sensitive match
   * (PxWebApi, GET /codelists/{id}); the first table that has it wins.
   */
  public Optional<TestCodelist> findCodelist(String id) {
    return codelists().stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** A codelist by id (case-sensitive); throws if there is none. */
  public TestCodelist codelist(String id) {
    return findCodelist(id).orElseThrow(() -> new IllegalArgumentException("No codelist " + id));
  }

  private static TestCatalog load() {
    List<TestTable> list = new ArrayList<>();
    ArrayNode page = (ArrayNode) Json.resource(EXPECTED + "tables-page1.json").path("tables");
    for (String id : List.of("TAB004", "TAB003", "TAB001")) {
      ObjectNode entry = entryFromPage(page, id);
      ObjectNode metadata = Json.resourceObject(EXPECTED + "metadata-" + id + ".json");
      if (!metadata.path("updated").asText().matches("\\d{4}-.*")) {
        // metadata-TAB004.json holds the test placeholder "VALUE_HAS_BEEN_REPLACED"; a server
        // always sends a timestamp, so use the table entry's (same LAST-UPDATED in the PX file).
        metadata.put("updated", entry.path("updated").asText());
      }
      String cube = DERIVED + "cube-" + id + ".json";
      list.add(new TestTable(entry, metadata, Json.resource(cube), cube, codelists(id)));
    }
    list.add(new TestTable(
        clean(Json.resourceObject("fixtures/ssb-live-docs/ssb-table-05810.json")),
        Json.resourceObject("fixtures/ssb-live-docs/ssb-metadata-05810.json"),
        null, "synthesized"));
    String ssbData = "fixtures/ssb-v1-jsonstat2/data-13861.json";
    ObjectNode data13861 = Json.resourceObject(ssbData);
    ObjectNode meta13861 = data13861.deepCopy();
    meta13861.putArray("value");
    list.add(new TestTable(Json.resourceObject(DERIVED + "table-13861.json"), meta13861,
        data13861, ssbData));
    for (String id : List.of("TAB2936", "12909", "03024")) {
      String cube = DERIVED + "cube-" + id + ".json";
      list.add(new TestTable(Json.resourceObject(DERIVED + "table-" + id + ".json"),
          Json.resourceObject(DERIVED + "metadata-" + id + ".json"), Json.resource(cube), cube));
    }
    return new TestCatalog(list);
  }

  /** The DERIVED {@code codelists-<id>.json} of a table, or null when there is none. */
  private static JsonNode codelists(String id) {
    String name = DERIVED + "codelists-" + id + ".json";
    return TestCatalog.class.getClassLoader().getResource(name) == null
        ? null : Json.resource(name);
  }

  private static ObjectNode entryFromPage(ArrayNode page, String id) {
    for (JsonNode t : page) {
      if (t.path("id").asText().equals(id)) {
        return clean((ObjectNode) t.deepCopy());
      }
    }
    throw new IllegalStateException("No " + id + " in tables-page1.json");
  }

  /** Drops what the server adds per request: the links (its own base URL) and the language. */
  private static ObjectNode clean(ObjectNode entry) {
    entry.remove("links");
    entry.remove("language");
    return entry;
  }
}
