package io.pxweb.jdbc.klasstestserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /classifications/{id}/variantAt} (guide §2.8): a named variant's codes valid at
 * a date. The variant endpoints take {@code level}, not {@code selectLevel}.
 */
final class VariantAtEndpoint extends KlassEndpoint {
  VariantAtEndpoint(KlassFixtures fixtures) {
    super("klass-variant-at", fixtures);
  }

  @Override Set<String> parameters() {
    return Set.of("variantName", "date", "csvSeparator", "csvFields", "level", "selectCodes",
        "presentationNamePattern", "language", "includeFuture");
  }

  @Override JsonNode handle(KlassRequest request) {
    String name = request.required("variantName");
    request.required("date");
    LocalDate date = request.date("date");
    request.language();
    if (fixtures.history(id(request)) == null && fixtures.variants(id(request)).isEmpty()) {
      throw KlassProblem.noClassification(id(request), request);
    }
    List<CodeVersion> variant = fixtures.variants(id(request)).get(name);
    if (variant == null) {
      throw KlassProblem.notFound("No variant named '" + name + "' in classification "
          + id(request), request);
    }
    return list("codes", variant.stream()
        .filter(v -> v.validAt(date))
        .filter(CodesEndpoint.selection(request, "level"))
        .sorted(Comparator.comparing(CodeVersion::code))
        .map(CodeVersion::toJson)
        .toList());
  }
}
