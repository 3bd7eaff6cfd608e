package io.pxweb.jdbc.testserver;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A PxWebApi 2.0 server for tests: a JUnit 5 WireMock extension that serves the
 * {@link TestCatalog} under {@code http://localhost:<port>/api/v2}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static PxWebTestServer server = PxWebTestServer.builder().build();
 * ...
 * connect(server.jdbcUrl());
 * server.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/tables/TAB001/data")));
 * }</pre>
 *
 * <p>Each endpoint is one stub answered by a transformer, so everything WireMock offers
 * ({@code verify}, {@code getAllServeEvents}, {@code resetRequests}, extra {@code stubFor})
 * works. Stubs and the request log are reset before each test and the stubs re-registered.
 * Requests to any other path stay unmatched and fail the test
 * ({@code failOnUnmatchedRequests}). A test's own {@code stubFor} without a priority wins over
 * the built-in stubs, which use priority {@value #API_PRIORITY}.
 */
public final class PxWebTestServer extends WireMockExtension {

  /** The priority of the endpoint stubs; WireMock treats a stub without priority as 5. */
  public static final int API_PRIORITY = 10;

  private static final String TABLE = "(?i)" + ServerSettings.PREFIX + "/tables/[^/]+";

  private final ServerSettings settings;
  private final List<MappingBuilder> extraStubs;

  private PxWebTestServer(ServerSettings settings, List<MappingBuilder> extraStubs) {
    super(WireMockExtension.newInstance()
        // No h2c: the real servers speak HTTP/1.1 or TLS, and h2c upgrades drop POST bodies.
        .options(wireMockConfig().dynamicPort().http2PlainDisabled(true)
            .extensions(endpoints(settings)))
        .failOnUnmatchedRequests(true));
    this.settings = settings;
    this.extraStubs = List.copyOf(extraStubs);
  }

  private static Extension[] endpoints(ServerSettings settings) {
    return new Extension[] {
        new ConfigEndpoint(settings),
        new TableListEndpoint(settings),
        new TableEndpoint(settings),
        new MetadataEndpoint(settings),
        new DataEndpoint(settings),
        new CodelistEndpoint(settings)};
  }

  /** A builder with the defaults: page size 20, config.json's maxDataCells, reordering on. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected void onBeforeAll(WireMockRuntimeInfo runtimeInfo) {
    registerStubs();
  }

  @Override
  protected void onBeforeEach(WireMockRuntimeInfo runtimeInfo) {
    // beforeEach has just reset all mappings (resetOnEachTest), so register them again.
    registerStubs();
  }

  private void registerStubs() {
    String api = "(?i)" + ServerSettings.PREFIX;
    stubFor(get(urlPathMatching(api + "/config/?")).atPriority(API_PRIORITY)
        .willReturn(aResponse().withTransformers("pxweb-config")));
    stubFor(get(urlPathMatching(api + "/tables/?")).atPriority(API_PRIORITY)
        .willReturn(aResponse().withTransformers("pxweb-tables")));
    stubFor(get(urlPathMatching(TABLE + "/?")).atPriority(API_PRIORITY)
        .willReturn(aResponse().withTransformers("pxweb-table")));
    stubFor(get(urlPathMatching(TABLE + "/metadata/?")).atPriority(API_PRIORITY)
        .willReturn(aResponse().withTransformers("pxweb-metadata")));
    stubFor(get(urlPathMatching(TABLE + "/data/?")).atPriority(API_PRIORITY)
        .willReturn(aResponse().withTransformers("pxweb-data")));
    stubFor(post(urlPathMatching(TABLE + "/data/?")).atPriority(API_PRIORITY)
        .willReturn(aResponse().withTransformers("pxweb-data")));
    // Case-insensitive routing: /codelists/{id} and /codeLists/{id} (PxWebApi).
    stubFor(get(urlPathMatching(api + "/codelists/[^/]+/?")).atPriority(API_PRIORITY)
        .willReturn(aResponse().withTransformers("pxweb-codelist")));
    extraStubs.forEach(this::stubFor);
  }

  /** The API base URL, {@code http://localhost:<port>/api/v2}, without a trailing slash. */
  @Override
  public String baseUrl() {
    return rootUrl() + ServerSettings.PREFIX;
  }

  /** The server root, {@code http://localhost:<port>}. */
  public String rootUrl() {
    return super.baseUrl();
  }

  /** The driver URL for this server: {@code "jdbc:pxweb:" + baseUrl()}. */
  public String jdbcUrl() {
    return "jdbc:pxweb:" + baseUrl();
  }

  /** The WireMock client of the running server, e.g. for {@code verify}. */
  public WireMock wireMock() {
    return getRuntimeInfo().getWireMock();
  }

  /** The tables served. */
  public TestCatalog catalog() {
    return settings.catalog();
  }

  /** A table of the catalog by id (case-insensitive). */
  public TestTable table(String id) {
    return settings.catalog().table(id);
  }

  /** The rate limit the server enforces, or null. */
  public RateLimitRule rateLimit() {
    return settings.rateLimit();
  }

  /** The {@code maxDataCells} the server enforces and reports in {@code /config}. */
  public int maxDataCells() {
    return settings.maxDataCells();
  }

  /** The {@code /tables} page size used when the client sends none. */
  public int pageSize() {
    return settings.pageSize();
  }

  /** The language used when a request has no {@code lang}. */
  public String defaultLanguage() {
    return settings.defaultLanguage();
  }

  /** A copy of the {@code /config} document served. */
  public ObjectNode config() {
    return settings.config().deepCopy();
  }

  /** Whether data responses reorder dimensions and {@code category.index} keys. */
  public boolean reordersDimensions() {
    return settings.reorderDimensions();
  }

  /**
   * Makes one path answer with a fixed response until the end of the current test, e.g.
   * {@code respondTo(RequestMethod.GET, "/tables/TAB001/data", aResponse().withStatus(503))}.
   *
   * @param path the path under {@code /api/v2}, matched exactly, query ignored
   */
  public void respondTo(RequestMethod method, String path, ResponseDefinitionBuilder response) {
    stubFor(fixed(method, path, response));
  }

  private static MappingBuilder fixed(RequestMethod method, String path,
      ResponseDefinitionBuilder response) {
    return request(method.getName(), urlPathEqualTo(ServerSettings.PREFIX + path))
        .atPriority(1).willReturn(response);
  }

  /** The builder of {@link PxWebTestServer}. */
  public static final class Builder {

    private int pageSize = 20;
    private Integer maxDataCells;
    private int enforcedMaxDataCells;
    private RateLimitRule rateLimit;
    private int[] reportedRate;
    private String configFile = "fixtures/pxwebapi-server-expected/config.json";
    private boolean reorderDimensions = true;
    private TestCatalog catalog;
    private final List<MappingBuilder> stubs = new ArrayList<>();

    private Builder() {
    }

    /** The {@code /tables} page size used when the client sends none (default 20). */
    public Builder pageSize(int pageSize) {
      if (pageSize < 1) {
        throw new IllegalArgumentException("pageSize " + pageSize);
      }
      this.pageSize = pageSize;
      return this;
    }

    /** The cell limit, also reported by {@code /config} (default: the config file's). */
    public Builder maxDataCells(int maxDataCells) {
      this.maxDataCells = maxDataCells;
      return this;
    }

    /**
     * A cell limit lower than the one {@code /config} reports, enforced by the data endpoint:
     * a server whose configuration overstates its limit.
     */
    public Builder enforceMaxDataCells(int cells) {
      this.enforcedMaxDataCells = cells;
      return this;
    }

    /**
     * The calls per window {@code /config} reports (the fixture says 30 per 10 s). Tests that
     * are not about pacing raise it so they do not wait.
     */
    public Builder callsPerWindow(int calls, int seconds) {
      this.reportedRate = new int[] {calls, seconds};
      return this;
    }

    /**
     * Enforces a rate limit with 429 answers. With {@code reportInConfig} the limit is in
     * {@code /config} (SCB, reference server); without, {@code /config} says 0/0 and responses
     * carry {@code x-ratelimit-policy} headers instead (SSB).
     */
    public Builder enforceRateLimit(int calls, java.time.Duration window, boolean reportInConfig) {
      this.rateLimit = new RateLimitRule(calls, window.toMillis(), !reportInConfig);
      this.reportedRate = reportInConfig
          ? new int[] {calls, (int) window.toSeconds()} : new int[] {0, 0};
      return this;
    }

    /** The classpath resource served as {@code /config}. */
    public Builder configFile(String resource) {
      this.configFile = Objects.requireNonNull(resource);
      return this;
    }

    /**
     * Whether data responses put the dimensions in another order than the metadata (time
     * first) and write {@code category.index} keys in reverse order (default true).
     */
    public Builder reorderDimensions(boolean reorder) {
      this.reorderDimensions = reorder;
      return this;
    }

    /** The tables to serve (default {@link TestCatalog#standard()}). */
    public Builder catalog(TestCatalog catalog) {
      this.catalog = Objects.requireNonNull(catalog);
      return this;
    }

    /** An extra stub registered before every test, after the endpoint stubs. */
    public Builder stub(MappingBuilder stub) {
      stubs.add(Objects.requireNonNull(stub));
      return this;
    }

    /**
     * A fixed response for one path in every test (see {@link PxWebTestServer#respondTo}).
     *
     * @param path the path under {@code /api/v2}, matched exactly, query ignored
     */
    public Builder respondTo(RequestMethod method, String path,
        ResponseDefinitionBuilder response) {
      stubs.add(fixed(method, path, response));
      return this;
    }

    public PxWebTestServer build() {
      ObjectNode config = Json.resourceObject(configFile);
      if (maxDataCells != null) {
        config.put("maxDataCells", maxDataCells.intValue());
      }
      if (reportedRate != null) {
        config.put("maxCallsPerTimeWindow", reportedRate[0]);
        config.put("timeWindow", reportedRate[1]);
      }
      TestCatalog tables = catalog != null ? catalog : TestCatalog.standard();
      return new PxWebTestServer(
          new ServerSettings(config, pageSize, reorderDimensions, tables, enforcedMaxDataCells,
              rateLimit),
          stubs);
    }
  }
}
