package io.pxweb.jdbc.klasstestserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code GET /classifications/{id}/codes} (guide §2.4, §3.1): the codes over a range, each
 * stretch with its validity within the range; {@code to} left out means an open end.
 */
final class CodesEndpoint extends KlassEndpoint {
  CodesEndpoint(KlassFixtures fixtures) {
    super("klass-codes", fixtures);
  }

  @Override Set<String> parameters() {
    return Set.of("from", "to", "csvSeparator", "csvFields", "selectLevel", "selectCodes",
        "presentationNamePattern", "language", "includeFuture");
  }

  @Override JsonNode handle(KlassRequest request) {
    request.required("from");
    LocalDate from = request.date("from");
    LocalDate to = request.date("to");
    if (to != null && !from.isBefore(to)) {
      throw KlassProblem.badRequest("'from' must be before 'to'", request);
    }
    request.language();
    List<CodeVersion> history = fixtures.history(id(request));
    if (history == null) {
      throw KlassProblem.noClassification(id(request), request);
    }
    Predicate<CodeVersion> selected = selection(request, "selectLevel");
    return list("codes", history.stream()
        .filter(v -> v.overlaps(from, to))
        .filter(selected)
        .sorted(Comparator.comparing(CodeVersion::code).thenComparing(CodeVersion::validFrom))
        .map(v -> v.toJson(from, to))
        .toList());
  }

  /** The filter of {@code selectCodes} and the level parameter (named per endpoint). */
  static Predicate<CodeVersion> selection(KlassRequest request, String levelParameter) {
    String level = request.param(levelParameter);
    String codes = request.param("selectCodes");
    SelectCodes select = codes == null ? null : new SelectCodes(codes);
    return v -> (level == null || level.equals(v.level()))
        && (select == null || select.test(v.code()));
  }
}
