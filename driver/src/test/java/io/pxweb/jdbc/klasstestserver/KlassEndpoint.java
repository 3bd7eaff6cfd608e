package io.pxweb.jdbc.klasstestserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.List;
import java.util.Set;

/**
 * Base of the transformers that compute one Klass endpoint's answer; the checks Klass makes in
 * front of every endpoint live here.
 */
abstract class KlassEndpoint implements ResponseDefinitionTransformerV2 {
  /** Klass's own page size when the client sends none (guide §4.1). */
  static final int DEFAULT_PAGE_SIZE = 20;

  protected final KlassFixtures fixtures;
  private final String name;

  KlassEndpoint(String name, KlassFixtures fixtures) {
    this.name = name;
    this.fixtures = fixtures;
  }

  @Override public final String getName() {
    return name;
  }

  @Override public final boolean applyGlobally() {
    return false;
  }

  /** The query parameters the endpoint takes (ClassificationController). */
  abstract Set<String> parameters();

  /** Computes the JSON answer; throws {@link KlassProblem} for error answers. */
  abstract JsonNode handle(KlassRequest request);

  @Override public final ResponseDefinition transform(ServeEvent serveEvent) {
    KlassRequest request = new KlassRequest(serveEvent.getRequest());
    String accept = request.header("Accept");
    if (accept == null || !accept.contains("application/json")) {
      // Klass's default format is XML (guide §1.7).
      return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
          .withHeader("Content-Type", "application/xml")
          .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><codeList/>").build();
    }
    try {
      request.allowOnly(parameters());
      return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
          .withHeader("Content-Type", "application/json;charset=UTF-8")
          // Lets the driver's pacer learn a limit that never slows the tests down.
          .withHeader("x-ratelimit-policy", "1000;w=1s")
          .withBody(Json.write(handle(request))).build();
    } catch (KlassProblem problem) {
      return problem.toResponse();
    }
  }

  /** Returns {@code {"<field>": [...]}}. */
  static ObjectNode list(String field, List<? extends JsonNode> items) {
    ObjectNode root = Json.object();
    ArrayNode array = root.putArray(field);
    items.forEach(array::add);
    return root;
  }

  /**
   * Returns one page of a listing in Klass's HAL form (guide §4.1); {@code _embedded} is left
   * out of an empty page, as Spring HATEOAS does.
   */
  static ObjectNode page(KlassRequest request, String field, List<JsonNode> all) {
    int size = request.integer("size", DEFAULT_PAGE_SIZE);
    int number = request.integer("page", 0);
    if (size < 1 || number < 0) {
      throw KlassProblem.badRequest("Invalid page or size", request);
    }
    int from = (int) Math.min((long) number * size, all.size());
    int to = Math.min(from + size, all.size());
    ObjectNode root = Json.object();
    if (from < to) {
      root.set("_embedded", list(field, all.subList(from, to)));
    }
    ObjectNode links = root.putObject("_links");
    links.putObject("self").put("href", request.path());
    ObjectNode page = root.putObject("page");
    page.put("size", size);
    page.put("totalElements", all.size());
    page.put("totalPages", (all.size() + size - 1) / size);
    page.put("number", number);
    return root;
  }

  /** The id segment of {@code /classifications/{id}/...}. */
  static String id(KlassRequest request) {
    return request.segments().get(1);
  }
}
