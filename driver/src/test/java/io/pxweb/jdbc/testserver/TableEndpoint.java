package io.pxweb.jdbc.testserver;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/** The {@code GET /tables/{id}} endpoint: one table object plus {@code language}. */
final class TableEndpoint extends ApiEndpoint {

  TableEndpoint(ServerSettings settings) {
    super("pxweb-table", settings);
  }

  @Override
  protected ResponseDefinition handle(ApiRequest request) {
    String lang = request.language();
    TestTable table = settings.catalog().find(request.segments().get(1))
        .orElseThrow(() -> ApiProblem.nonExistentTable(404));
    return json(TableLinks.tableResponse(table, lang, request.apiBase(), settings));
  }
}
