package io.pxweb.jdbc.testserver;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.Locale;

/**
 * The {@code GET /tables/{id}/metadata} endpoint: the table's JSON-stat 2.0 metadata as
 * stored. {@code defaultSelection} is accepted and ignored.
 */
final class MetadataEndpoint extends ApiEndpoint {

  MetadataEndpoint(ServerSettings settings) {
    super("pxweb-metadata", settings);
  }

  @Override
  protected ResponseDefinition handle(ApiRequest request) {
    request.language();
    TestTable table = settings.catalog().find(request.segments().get(1))
        .orElseThrow(() -> ApiProblem.nonExistentTable(404));
    if (request.param("savedQuery").isPresent()) {
      throw ApiProblem.savedQueryNotFound(); // no saved queries exist here
    }
    for (ApiRequest.Param p : request.params()) {
      String name = p.name().toLowerCase(Locale.ROOT);
      if (name.startsWith("codelist[") && name.endsWith("]")) {
        String ref = p.name().substring("codelist[".length(), p.name().length() - 1);
        table.findVariable(ref).orElseThrow(ApiProblem::nonExistentVariable);
        throw ApiProblem.nonExistentCodelist(); // no table here has codelists
      }
    }
    return json(table.metadataView());
  }
}
