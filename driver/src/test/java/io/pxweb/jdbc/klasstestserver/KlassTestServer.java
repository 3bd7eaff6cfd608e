package io.pxweb.jdbc.klasstestserver;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * A Klass server for tests: a JUnit 5 WireMock extension that serves {@link KlassFixtures}
 * under {@code http://localhost:<port>/api/klass/v1}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static KlassTestServer klass = KlassTestServer.create();
 * ...
 * KlassSchema.create(KlassSettings.of(klass.baseUrl(), "no"), Set.of("131"));
 * klass.verify(getRequestedFor(urlEqualTo("/api/klass/v1/classifications/131/codes?...")));
 * }</pre>
 *
 * <p>Each endpoint is one stub answered by a transformer, so {@code verify},
 * {@code findAll} and extra {@code stubFor} work as usual. Stubs and the request log are reset
 * before each test and the stubs registered again. Requests to other paths stay unmatched and
 * fail the test ({@code failOnUnmatchedRequests}).
 */
public final class KlassTestServer extends WireMockExtension {
  /** Path of the API on the server, as at SSB. */
  public static final String PREFIX = "/api/klass/v1";
  /** Priority of the endpoint stubs; a test's own stub without priority (5) wins. */
  public static final int API_PRIORITY = 10;

  private static final String CLASSIFICATION = PREFIX + "/classifications/[0-9A-Za-z]+";

  private final KlassFixtures fixtures;

  private KlassTestServer(KlassFixtures fixtures) {
    super(WireMockExtension.newInstance()
        .options(wireMockConfig().dynamicPort().http2PlainDisabled(true)
            .extensions(endpoints(fixtures)))
        .failOnUnmatchedRequests(true));
    this.fixtures = fixtures;
  }

  /** Creates a server of the fixtures in {@code fixtures/klass}. */
  public static KlassTestServer create() {
    return new KlassTestServer(new KlassFixtures());
  }

  private static Extension[] endpoints(KlassFixtures fixtures) {
    return new Extension[] {
        new ClassificationsEndpoint(fixtures),
        new SearchEndpoint(fixtures),
        new CodesEndpoint(fixtures),
        new CodesAtEndpoint(fixtures),
        new VariantAtEndpoint(fixtures),
        new CorrespondsAtEndpoint(fixtures),
        new ChangesEndpoint(fixtures)};
  }

  @Override protected void onBeforeAll(WireMockRuntimeInfo runtimeInfo) {
    registerStubs();
  }

  @Override protected void onBeforeEach(WireMockRuntimeInfo runtimeInfo) {
    // beforeEach has just reset all mappings, so register them again.
    registerStubs();
  }

  private void registerStubs() {
    stub(urlPathEqualTo(PREFIX + "/classifications"), "klass-classifications");
    stub(urlPathEqualTo(PREFIX + "/classifications/search"), "klass-search");
    stub(urlPathMatching(CLASSIFICATION + "/codes"), "klass-codes");
    stub(urlPathMatching(CLASSIFICATION + "/codesAt"), "klass-codes-at");
    stub(urlPathMatching(CLASSIFICATION + "/variantAt"), "klass-variant-at");
    stub(urlPathMatching(CLASSIFICATION + "/correspondsAt"), "klass-corresponds-at");
    stub(urlPathMatching(CLASSIFICATION + "/changes"), "klass-changes");
  }

  private void stub(com.github.tomakehurst.wiremock.matching.UrlPathPattern path,
      String transformer) {
    stubFor(get(path).atPriority(API_PRIORITY)
        .willReturn(aResponse().withTransformers(transformer)));
  }

  /** The API base URL, {@code http://localhost:<port>/api/klass/v1}, without a trailing slash. */
  @Override public String baseUrl() {
    return super.baseUrl() + PREFIX;
  }

  /** The data served. */
  public KlassFixtures fixtures() {
    return fixtures;
  }

  /**
   * Makes the next {@code times} GETs of a path (under {@code /api/klass/v1}, query ignored)
   * answer with a fixed response; later ones reach the endpoint again. For retries.
   */
  public void failNext(String path, int times, ResponseDefinitionBuilder response) {
    String scenario = "fail " + path;
    for (int i = 0; i < times; i++) {
      stubFor(get(urlPathEqualTo(PREFIX + path)).atPriority(1)
          .inScenario(scenario)
          .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "failed " + i)
          .willSetStateTo("failed " + (i + 1))
          .willReturn(response));
    }
  }

  /** Makes every GET of a path (under {@code /api/klass/v1}) answer with a fixed response. */
  public void respondTo(String path, ResponseDefinitionBuilder response) {
    stubFor(get(urlPathEqualTo(PREFIX + path)).atPriority(1).willReturn(response));
  }
}
