package io.pxweb.jdbc.klasstestserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** {@code GET /classifications/search} (guide §2.2): the hits of a query, paged. */
final class SearchEndpoint extends KlassEndpoint {
  SearchEndpoint(KlassFixtures fixtures) {
    super("klass-search", fixtures);
  }

  @Override Set<String> parameters() {
    return Set.of("query", "includeCodelists", "ssbSection", "page", "size");
  }

  @Override JsonNode handle(KlassRequest request) {
    return page(request, "searchResults", fixtures.search(request.required("query")));
  }
}
