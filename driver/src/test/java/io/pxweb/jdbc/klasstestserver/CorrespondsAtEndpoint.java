package io.pxweb.jdbc.klasstestserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /classifications/{id}/correspondsAt} (guide §2.11): the pairs valid at a date;
 * 404 when no correspondence table covers the date (guide §2.10).
 */
final class CorrespondsAtEndpoint extends KlassEndpoint {
  CorrespondsAtEndpoint(KlassFixtures fixtures) {
    super("klass-corresponds-at", fixtures);
  }

  @Override Set<String> parameters() {
    return Set.of("targetClassificationId", "date", "csvSeparator", "csvFields", "language",
        "includeFuture", "inverted");
  }

  @Override JsonNode handle(KlassRequest request) {
    String target = request.required("targetClassificationId");
    request.required("date");
    LocalDate date = request.date("date");
    request.language();
    if (fixtures.history(id(request)) == null) {
      throw KlassProblem.noClassification(id(request), request);
    }
    List<JsonNode> pairs = fixtures.correspondences(id(request), target);
    List<JsonNode> valid = pairs == null ? List.of() : pairs.stream()
        .filter(p -> !LocalDate.parse(p.path("validFrom").asText()).isAfter(date)
            && (!p.hasNonNull("validTo")
                || date.isBefore(LocalDate.parse(p.path("validTo").asText()))))
        .map(p -> (JsonNode) withoutValidity(p))
        .toList();
    if (valid.isEmpty()) {
      throw KlassProblem.notFound("No correspondence table found between classification "
          + id(request) + " and " + target + " at " + date, request);
    }
    return list("correspondenceItems", valid);
  }

  private static ObjectNode withoutValidity(JsonNode pair) {
    ObjectNode o = pair.deepCopy();
    o.remove("validFrom");
    o.remove("validTo");
    return o;
  }
}
