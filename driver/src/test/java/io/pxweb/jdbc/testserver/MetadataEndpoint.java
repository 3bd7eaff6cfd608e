package io.pxweb.jdbc.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code GET /tables/{id}/metadata} endpoint: the table's JSON-stat 2.0 metadata as
 * stored, with links added to the {@code extension.codelists} entries. {@code defaultSelection}
 * is accepted and ignored.
 *
 * <p>{@code codelist[VAR]=<id>} shows the variable with the codelist applied: its
 * {@code category.index}/{@code label} (and {@code size}) become the codelist's values, in
 * the fixtures' language. An unknown variable is 400 "Non-existent variable"; an id that is
 * not one of that variable's codelists (exact, case-sensitive match) is 400 "Non-existent
 * codelist" (PxWebApi). An empty value is ignored.
 */
final class MetadataEndpoint extends ApiEndpoint {

  private static final Pattern CODELIST = Pattern.compile("(?i)^codelist\\[(.*)\\]$");

  MetadataEndpoint(ServerSettings settings) {
    super("pxweb-metadata", settings);
  }

  @Override
  protected ResponseDefinition handle(ApiRequest request) {
    String lang = request.language();
    TestTable table = settings.catalog().find(request.segments().get(1))
        .orElseThrow(() -> ApiProblem.nonExistentTable(404));
    if (request.param("savedQuery").isPresent()) {
      throw ApiProblem.savedQueryNotFound(); // no saved queries exist here
    }
    Map<TestVariable, TestCodelist> applied = new LinkedHashMap<>();
    for (ApiRequest.Param p : request.params()) {
      Matcher m = CODELIST.matcher(p.name());
      if (!m.matches() || p.value().isEmpty()) {
        continue;
      }
      TestVariable v = table.findVariable(m.group(1)).orElseThrow(ApiProblem::nonExistentVariable);
      applied.put(v, table.findCodelist(v.code(), p.value())
          .orElseThrow(ApiProblem::nonExistentCodelist));
    }
    ObjectNode meta = table.metadataView().deepCopy();
    addCodelistLinks(meta, request.apiBase(), lang);
    List<String> ids = table.variableCodes();
    applied.forEach((v, codelist) -> {
      ObjectNode dimension = (ObjectNode) meta.path("dimension").path(v.code());
      apply(dimension, codelist);
      ((ArrayNode) meta.get("size")).set(ids.indexOf(v.code()), codelist.values().size());
    });
    return json(meta);
  }

  /** Each codelist entry gets {@code links:[{rel:"metadata",hreflang,href}]} (LinkCreator). */
  private static void addCodelistLinks(ObjectNode meta, String base, String lang) {
    meta.path("dimension").forEach(d -> {
      JsonNode extension = d.path("extension");
      for (String key : List.of("codelists", "codeLists")) {
        for (JsonNode entry : extension.path(key)) {
          if (entry.isObject() && !entry.has("links")) {
            ((ObjectNode) entry).putArray("links").add(TableLinks.link("metadata", lang,
                codelistHref(base, entry.path("id").asText(), lang)));
          }
        }
      }
    });
  }

  /** {@code <base>/codeLists/<id>?lang=xx}, spelled as LinkCreator.GetCodelistLink does. */
  static String codelistHref(String base, String id, String lang) {
    return base + "/codeLists/" + id + "?lang=" + lang;
  }

  /** Replaces the dimension's values by the codelist's; notes and units of other codes go. */
  private static void apply(ObjectNode dimension, TestCodelist codelist) {
    ObjectNode old = (ObjectNode) dimension.path("category");
    ObjectNode category = Json.object();
    ObjectNode index = category.putObject("index");
    ObjectNode label = category.putObject("label");
    List<String> codes = codelist.valueCodes();
    for (int i = 0; i < codes.size(); i++) {
      index.put(codes.get(i), i);
      label.put(codes.get(i), codelist.values().get(i).label());
    }
    for (String key : List.of("note", "unit")) {
      JsonNode map = old.path(key);
      if (map.isObject()) {
        ObjectNode kept = Json.object();
        codes.stream().filter(map::has).forEach(c -> kept.set(c, map.get(c).deepCopy()));
        if (!kept.isEmpty()) {
          category.set(key, kept);
        }
      }
    }
    dimension.set("category", category);
  }
}
