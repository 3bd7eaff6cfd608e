package io.pxweb.jdbc.testserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * An error answer of the API, thrown while handling a request and turned into the response.
 *
 * <p>The bodies are the server's {@code Problem} class, {@code {type,title,status,detail?}},
 * with titles from {@code ProblemUtility.cs} including their misspellings (PxWebApi). The
 * HTTP status and the body's {@code status} can differ.
 */
final class ApiProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  static final String JSON = "application/json; charset=utf-8";

  private final int httpStatus;
  private final transient ObjectNode body;
  private final String contentType;

  private ApiProblem(int httpStatus, ObjectNode body, String contentType) {
    super(httpStatus + (body == null ? " (empty)" : " " + body));
    this.httpStatus = httpStatus;
    this.body = body;
    this.contentType = contentType;
  }

  int httpStatus() {
    return httpStatus;
  }

  ObjectNode body() {
    return body;
  }

  ResponseDefinition toResponse() {
    ResponseDefinitionBuilder r = ResponseDefinitionBuilder.responseDefinition()
        .withStatus(httpStatus);
    if (body != null) {
      r.withHeader("Content-Type", contentType).withBody(Json.write(body));
    }
    return r.build();
  }

  static ApiProblem parameterError(int http, String title, int bodyStatus, boolean detail) {
    ObjectNode b = Json.object();
    b.put("type", "Parameter error");
    b.put("title", title);
    b.put("status", bodyStatus);
    if (detail) {
      b.put("detail", title);
    }
    return new ApiProblem(http, b, JSON);
  }

  /** A status with no body, as for duplicate codes (500) and over-long URLs (404). */
  static ApiProblem empty(int http) {
    return new ApiProblem(http, null, null);
  }

  static ApiProblem unsupportedLanguage() {
    return parameterError(400, "Unsupported language", 400, false);
  }

  static ApiProblem nonExistentTable(int http) {
    return parameterError(http, "Non-existent table", 404, false);
  }

  static ApiProblem nonExistentPage() {
    return parameterError(404, "Non-existent page", 404, true);
  }

  static ApiProblem nonExistentVariable() {
    return parameterError(400, "Non-existent variable", 400, false);
  }

  static ApiProblem nonExistentValue() {
    return parameterError(400, "Non-existent value", 400, false);
  }

  static ApiProblem nonExistentCodelist() {
    return parameterError(400, "Non-existent codelist", 400, false);
  }

  /**
   * {@code GET /codelists/{id}} for an unknown id: HTTP 404 with {@code "status":400} in the
   * body ({@code NotFound(ProblemUtility.NonExistentCodelist())}, PxWebApi).
   */
  static ApiProblem codelistNotFound() {
    return parameterError(404, "Non-existent codelist", 400, false);
  }

  static ApiProblem illegalExpression() {
    return parameterError(400, "Illegal selection expression", 400, false);
  }

  static ApiProblem missingSelection() {
    // [sic] "mandantory": the server's spelling (ProblemUtility.cs).
    return parameterError(400, "Missing selection for mandantory variable", 400, false);
  }

  static ApiProblem tooManyCells() {
    return parameterError(400, "Too many cells selected", 400, true);
  }

  static ApiProblem unsupportedOutputFormat() {
    return parameterError(400, "Unsupported output format", 400, true);
  }

  static ApiProblem savedQueryNotFound() {
    return parameterError(404, "Saved query not found", 404, true);
  }

  /**
   * ASP.NET's automatic model-binding error (ValidationProblemDetails), e.g. for a bare
   * {@code valueCodes=x} or {@code outputFormat=foo} (PxWebApi, inferred).
   */
  static ApiProblem validation(String field, String message) {
    ObjectNode b = Json.object();
    b.put("type", "https://tools.ietf.org/html/rfc9110#section-15.5.1");
    b.put("title", "One or more validation errors occurred.");
    b.put("status", 400);
    b.putObject("errors").putArray(field).add(message);
    b.put("traceId", "00-00000000000000000000000000000000-0000000000000000-00");
    return new ApiProblem(400, b, "application/problem+json; charset=utf-8");
  }

  /** ASP.NET's answer when a POST body is not declared as JSON ({@code [Consumes]}). */
  static ApiProblem unsupportedMediaType() {
    ObjectNode b = Json.object();
    b.put("type", "https://tools.ietf.org/html/rfc9110#section-15.5.16");
    b.put("title", "Unsupported Media Type");
    b.put("status", 415);
    b.put("traceId", "00-00000000000000000000000000000000-0000000000000000-00");
    return new ApiProblem(415, b, "application/problem+json; charset=utf-8");
  }
}
