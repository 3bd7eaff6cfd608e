package io.pxweb.jdbc.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Base of the WireMock transformers that compute one endpoint's response.
 *
 * <p>Each endpoint has its own stub and is applied only to it ({@code applyGlobally} false).
 * Checks that the real installations make in front of every endpoint live here.
 */
abstract class ApiEndpoint implements ResponseDefinitionTransformerV2 {

  /**
   * GET URLs longer than this get an empty 404 (SSB guide; janbrus measured 2,092 → 200 and
   * 2,142 → 404; PxWebApi, GET URL length).
   */
  static final int MAX_GET_URL = 2100;

  protected final ServerSettings settings;
  private final String name;

  ApiEndpoint(String name, ServerSettings settings) {
    this.name = name;
    this.settings = settings;
  }

  @Override
  public final String getName() {
    return name;
  }

  @Override
  public final boolean applyGlobally() {
    return false;
  }

  @Override
  public final ResponseDefinition transform(ServeEvent serveEvent) {
    ApiRequest request = new ApiRequest(serveEvent.getRequest(), settings);
    RateLimitRule limit = settings.rateLimit();
    if (limit != null) {
      long wait = limit.admit();
      if (wait > 0) {
        // AspNetCoreRateLimit's stock answer (its RateLimitMiddleware.cs).
        return ResponseDefinitionBuilder.responseDefinition().withStatus(429)
            .withHeader("Content-Type", "text/plain")
            .withHeader("Retry-After", Long.toString(wait))
            .withBody("API calls quota exceeded! maximum admitted " + limit.calls() + " per "
                + limit.windowMillis() / 1000 + "s.")
            .build();
      }
    }
    try {
      if (request.isGet() && request.absoluteUrl().length() > MAX_GET_URL) {
        throw ApiProblem.empty(404);
      }
      return withRateHeaders(handle(request));
    } catch (ApiProblem problem) {
      return withRateHeaders(problem.toResponse());
    }
  }

  /** Adds SSB's rate-limit headers when the server sends them (as observed on SSB's live API). */
  private ResponseDefinition withRateHeaders(ResponseDefinition response) {
    RateLimitRule limit = settings.rateLimit();
    if (limit == null || !limit.ssbHeaders()) {
      return response;
    }
    return ResponseDefinitionBuilder.like(response)
        .withHeader("x-ratelimit-limit", Integer.toString(limit.calls()))
        .withHeader("x-ratelimit-policy", limit.calls() + ";w=" + limit.windowMillis() / 1000 + "s")
        .withHeader("x-ratelimit-remaining", Integer.toString(limit.remaining()))
        .build();
  }

  /** Computes the response; throws {@link ApiProblem} for error answers. */
  protected abstract ResponseDefinition handle(ApiRequest request);

  /** A 200 JSON response with the serializer's Content-Type for the endpoint. */
  static ResponseDefinition json(JsonNode body, String contentType) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(200)
        .withHeader("Content-Type", contentType)
        .withBody(Json.write(body))
        .build();
  }

  static ResponseDefinition json(JsonNode body) {
    return json(body, ApiProblem.JSON);
  }
}
