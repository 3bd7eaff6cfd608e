package io.pxweb.jdbc.klasstestserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * An error answer of Klass, thrown while handling a request: the RFC 7807 problem body of the
 * guide's §1.6.2 ({@code type}, {@code title}, {@code status}, {@code detail},
 * {@code instance}).
 */
final class KlassProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;
  private final String detail;
  private final String instance;

  private KlassProblem(int status, String title, String detail, String instance) {
    super(status + " " + detail);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.instance = instance;
  }

  static KlassProblem notFound(String detail, KlassRequest request) {
    return new KlassProblem(404, "Not Found", detail, request.path());
  }

  static KlassProblem badRequest(String detail, KlassRequest request) {
    return new KlassProblem(400, "Bad Request", detail, request.path());
  }

  /** The guide's 404 for an id Klass does not have. */
  static KlassProblem noClassification(String id, KlassRequest request) {
    return notFound("Classification not found with id = " + id, request);
  }

  ResponseDefinition toResponse() {
    ObjectNode body = Json.object();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.put("instance", instance);
    return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(Json.write(body)).build();
  }
}
