package io.pxweb.jdbc.testserver;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code GET} and {@code POST /tables/{id}/data} endpoints; only JSON-stat 2.0 output.
 */
final class DataEndpoint extends ApiEndpoint {

  /** The OutputFormatType enum of the spec; anything else fails model binding. */
  private static final Set<String> KNOWN_FORMATS =
      Set.of("px", "json-stat2", "csv", "xlsx", "html", "json-px", "parquet");

  private final DatasetWriter writer;

  DataEndpoint(ServerSettings settings) {
    super("pxweb-data", settings);
    this.writer = new DatasetWriter(settings.reorderDimensions());
  }

  @Override
  protected ResponseDefinition handle(ApiRequest request) {
    if (request.isPost()) {
      String type = request.header("Content-Type");
      // [Consumes("application/json")] rejects other bodies before any action filter runs.
      if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
        throw ApiProblem.unsupportedMediaType();
      }
    }
    request.language();
    checkOutputFormat(request);
    // The data controller wraps every workflow problem in BadRequest, so an unknown table is
    // HTTP 400 with "status":404 in the body (PxWebApi).
    TestTable table = settings.catalog().find(request.segments().get(1))
        .orElseThrow(() -> ApiProblem.nonExistentTable(400));
    RequestedSelection dataRequest = request.isPost()
        ? RequestedSelection.fromBody(request.body()) : RequestedSelection.fromQuery(request);
    ResolvedSelection selection =
        ResolvedSelection.resolve(table, dataRequest, settings.maxDataCells());
    String matrix = table.metadataView().path("extension").path("px").path("matrix")
        .asText(table.id());
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(200)
        .withHeader("Content-Type", "application/json; charset=UTF-8")
        .withHeader("Content-Disposition", "inline; filename=\"" + matrix + ".json\"")
        .withBody(Json.write(writer.write(selection)))
        .build();
  }

  private void checkOutputFormat(ApiRequest request) {
    String format = request.param("outputFormat").filter(f -> !f.isEmpty())
        .orElse(settings.defaultDataFormat()).toLowerCase(Locale.ROOT);
    if (!KNOWN_FORMATS.contains(format)) {
      throw ApiProblem.validation("outputFormat", "The value '" + format + "' is not valid.");
    }
    // Formats outside config dataFormats are "Unsupported output format"; this server also
    // answers so for the formats it does not implement (everything but json-stat2).
    if (!settings.dataFormats().contains(format) || !format.equals("json-stat2")) {
      throw ApiProblem.unsupportedOutputFormat();
    }
    List<String> params = request.params("outputFormatParams").stream()
        .flatMap(p -> RequestedSelection.split(p).stream()).filter(p -> !p.isEmpty()).toList();
    if (!params.isEmpty()) {
      // Any parameter with px, json-stat2 or parquet is 400 (OutputParameterUtil.cs).
      throw ApiProblem.unsupportedOutputFormat();
    }
  }
}
