package io.pxweb.jdbc.testserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * The {@code GET /codelists/{id}} endpoint (also {@code /codeLists/{id}}): a
 * {@code CodelistResponse} shaped as {@code CodelistResponseMapper.cs} and the spec write it
 * (PxWebApi, GET /codelists/{id}).
 *
 * <p>Ids match exactly (case-sensitive, as at SSB; an id without its {@code agg_}/{@code vs_}
 * prefix is unknown). An unknown id, or a configured language the codelist has no labels in,
 * is HTTP 404 with body {@code {"type":"Parameter error","title":"Non-existent codelist",
 * "status":400}}. Links: {@code self} plus one {@code alternate} per other language of the
 * codelist, {@code <base>/codeLists/<id>?lang=xx}.
 */
final class CodelistEndpoint extends ApiEndpoint {

  CodelistEndpoint(ServerSettings settings) {
    super("pxweb-codelist", settings);
  }

  @Override
  protected ResponseDefinition handle(ApiRequest request) {
    String lang = request.language();
    TestCodelist codelist = settings.catalog().findCodelist(request.segments().get(1))
        .filter(c -> c.languages().contains(lang))
        .orElseThrow(ApiProblem::codelistNotFound);
    return json(response(codelist, lang, request.apiBase()));
  }

  static ObjectNode response(TestCodelist codelist, String lang, String base) {
    ObjectNode out = Json.object();
    out.put("id", codelist.id());
    out.put("label", codelist.label(lang));
    out.put("language", lang);
    ArrayNode languages = out.putArray("languages");
    codelist.languages().forEach(languages::add);
    out.put("elimination", codelist.elimination());
    codelist.eliminationValueCode().ifPresent(c -> out.put("eliminationValueCode", c));
    out.put("type", codelist.type().jsonName());
    ArrayNode values = out.putArray("values");
    for (TestCodelist.Value v : codelist.values()) {
      ObjectNode value = values.addObject();
      value.put("code", v.code());
      value.put("label", v.label(lang));
      ArrayNode map = value.putArray("valueMap");
      v.valueMap().forEach(map::add);
    }
    ArrayNode links = out.putArray("links");
    links.add(TableLinks.link("self", lang,
        MetadataEndpoint.codelistHref(base, codelist.id(), lang)));
    for (String other : codelist.languages()) {
      if (!other.equals(lang)) {
        links.add(TableLinks.link("alternate", other,
            MetadataEndpoint.codelistHref(base, codelist.id(), other)));
      }
    }
    return out;
  }
}
