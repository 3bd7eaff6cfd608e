package io.pxweb.jdbc.klasstestserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/** {@code GET /classifications} (guide §2.1, §4.1): the listing, paged. */
final class ClassificationsEndpoint extends KlassEndpoint {
  ClassificationsEndpoint(KlassFixtures fixtures) {
    super("klass-classifications", fixtures);
  }

  @Override Set<String> parameters() {
    return Set.of("includeCodelists", "changedSince", "page", "size");
  }

  @Override JsonNode handle(KlassRequest request) {
    boolean codelists = "true".equals(request.param("includeCodelists"));
    List<JsonNode> all = fixtures.classifications().stream()
        .filter(c -> codelists || !"Kodeliste".equals(c.path("classificationType").asText()))
        .toList();
    return page(request, "classifications", all);
  }
}
