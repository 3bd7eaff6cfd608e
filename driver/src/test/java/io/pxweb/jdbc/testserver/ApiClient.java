package io.pxweb.jdbc.testserver;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain {@link HttpClient} wrapper the server's own tests use to call it. */
final class ApiClient {

  /** A response: status, body text and the Content-Type header. */
  record Response(int status, String body, String contentType) {

    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON: " + body, e);
      }
    }

    /** The problem title of an error body. */
    String title() {
      return json().path("title").asText();
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** HTTP/1.1 like the driver's OkHttp over plain http (no h2c upgrade). */
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final PxWebTestServer server;

  ApiClient(PxWebTestServer server) {
    this.server = server;
  }

  /** GET of a path under the API base, e.g. {@code "/tables/TAB001/data?valueCodes[SEX]=F"}. */
  Response get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(URI.create(server.baseUrl() + pathAndQuery)).GET());
  }

  /** GET of an absolute URL. */
  Response getUrl(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  Response post(String pathAndQuery, String body, String contentType) {
    return send(HttpRequest.newBuilder(URI.create(server.baseUrl() + pathAndQuery))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  Response postJson(String pathAndQuery, String body) {
    return post(pathAndQuery, body, "application/json");
  }

  private static Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(r.statusCode(), r.body(),
          r.headers().firstValue("Content-Type").orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
