package io.pxweb.jdbc.klasstestserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Set;

/** {@code GET /classifications/{id}/changes} (guide §2.13): changes within {@code [from, to)}. */
final class ChangesEndpoint extends KlassEndpoint {
  ChangesEndpoint(KlassFixtures fixtures) {
    super("klass-changes", fixtures);
  }

  @Override Set<String> parameters() {
    return Set.of("from", "to", "csvSeparator", "csvFields", "language", "includeFuture");
  }

  @Override JsonNode handle(KlassRequest request) {
    request.required("from");
    LocalDate from = request.date("from");
    LocalDate to = request.date("to");
    if (to != null && !from.isBefore(to)) {
      throw KlassProblem.badRequest("'from' must be before 'to'", request);
    }
    request.language();
    if (fixtures.history(id(request)) == null) {
      throw KlassProblem.noClassification(id(request), request);
    }
    return list("codeChanges", fixtures.changes(id(request)).stream()
        .filter(c -> {
          LocalDate when = LocalDate.parse(c.path("changeOccurred").asText());
          return !when.isBefore(from) && (to == null || when.isBefore(to));
        })
        .toList());
  }
}
