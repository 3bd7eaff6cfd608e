package io.pxweb.jdbc.klasstestserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The data the test server serves, read from {@code fixtures/klass} (see its
 * {@code PROVENANCE.md}): a classification is known when it has a code history file.
 */
public final class KlassFixtures {
  private static final String DIR = "fixtures/klass/";

  KlassFixtures() {
  }

  /** The entries of the {@code /classifications} listing, in order. */
  public List<JsonNode> classifications() {
    List<JsonNode> out = new ArrayList<>();
    Json.resource(DIR + "classifications.json").forEach(out::add);
    return out;
  }

  /** The hits of a search, empty for a query without fixture. */
  List<JsonNode> search(String query) {
    List<JsonNode> out = new ArrayList<>();
    Json.resource(DIR + "search.json").path(query.toLowerCase(Locale.ROOT)).forEach(out::add);
    return out;
  }

  /** The code history of a classification, or null when Klass has no such classification. */
  public List<CodeVersion> history(String id) {
    return versions(id.matches("\\d+") ? Json.resource(DIR + "codes/" + id + ".json") : null);
  }

  /** The variants of a classification by name, with their histories; empty when none. */
  Map<String, List<CodeVersion>> variants(String id) {
    Map<String, List<CodeVersion>> out = new LinkedHashMap<>();
    JsonNode all = id.matches("\\d+") ? Json.resource(DIR + "variants/" + id + ".json") : null;
    if (all != null) {
      all.fields().forEachRemaining(e -> out.put(e.getKey(), versions(e.getValue())));
    }
    return out;
  }

  /** The correspondence pairs from one classification to another, or null when none. */
  List<JsonNode> correspondences(String sourceId, String targetId) {
    if (!sourceId.matches("\\d+") || !targetId.matches("\\d+")) {
      return null;
    }
    JsonNode all = Json.resource(DIR + "correspondences/" + sourceId + "-" + targetId + ".json");
    if (all == null) {
      return null;
    }
    List<JsonNode> out = new ArrayList<>();
    all.forEach(out::add);
    return out;
  }

  /** The changes of a classification's codes; empty when none. */
  List<JsonNode> changes(String id) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode all = id.matches("\\d+") ? Json.resource(DIR + "changes/" + id + ".json") : null;
    if (all != null) {
      all.forEach(out::add);
    }
    return out;
  }

  private static List<CodeVersion> versions(JsonNode array) {
    if (array == null) {
      return null;
    }
    List<CodeVersion> out = new ArrayList<>();
    array.forEach(n -> out.add(CodeVersion.of(n)));
    return out;
  }
}
