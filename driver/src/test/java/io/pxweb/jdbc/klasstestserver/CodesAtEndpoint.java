package io.pxweb.jdbc.klasstestserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** {@code GET /classifications/{id}/codesAt} (guide §2.5): the codes valid at a date. */
final class CodesAtEndpoint extends KlassEndpoint {
  CodesAtEndpoint(KlassFixtures fixtures) {
    super("klass-codes-at", fixtures);
  }

  @Override Set<String> parameters() {
    return Set.of("date", "csvSeparator", "csvFields", "selectLevel", "selectCodes",
        "presentationNamePattern", "language", "includeFuture");
  }

  @Override JsonNode handle(KlassRequest request) {
    request.required("date");
    LocalDate date = request.date("date");
    request.language();
    List<CodeVersion> history = fixtures.history(id(request));
    if (history == null) {
      throw KlassProblem.noClassification(id(request), request);
    }
    return list("codes", history.stream()
        .filter(v -> v.validAt(date))
        .filter(CodesEndpoint.selection(request, "selectLevel"))
        .sorted(Comparator.comparing(CodeVersion::code))
        .map(CodeVersion::toJson)
        .toList());
  }
}
