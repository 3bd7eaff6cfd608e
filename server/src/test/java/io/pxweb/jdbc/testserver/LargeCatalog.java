package io.pxweb.jdbc.testserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The standard test catalog with SSB's 05810 stretched to {@code years} yearly periods (3 sexes x
 * 7 ages x years cells, synthesized values), so a sample of 10,000 rows is a small part of a
 * table. In the test server's package because TestTable's constructor is package-private.
 */
public final class LargeCatalog {
  private LargeCatalog() {
  }

  public static TestCatalog with05810Years(int years) {
    ObjectNode metadata = Json.resourceObject("fixtures/ssb-live-docs/ssb-metadata-05810.json");
    ObjectNode category = (ObjectNode) metadata.path("dimension").path("Tid").path("category");
    ObjectNode index = category.putObject("index");
    ObjectNode label = category.putObject("label");
    int first = 2025 - years + 1;
    for (int i = 0; i < years; i++) {
      String year = Integer.toString(first + i);
      index.put(year, i);
      label.put(year, year);
    }
    ArrayNode size = (ArrayNode) metadata.path("size");
    size.set(size.size() - 1, years);
    ObjectNode entry = Json.resourceObject("fixtures/ssb-live-docs/ssb-table-05810.json");
    entry.remove("links");
    entry.remove("language");
    entry.put("firstPeriod", Integer.toString(first));
    List<TestTable> tables = new ArrayList<>();
    for (TestTable t : TestCatalog.standard().tables()) {
      tables.add(t.id().equals("05810")
          ? new TestTable(entry, metadata, null, "synthesized, " + years + " years") : t);
    }
    return TestCatalog.of(tables);
  }
}
