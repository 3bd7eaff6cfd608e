package io.pxweb.jdbc.testserver;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A PxWebApi v1 server for tests: a JUnit 5 WireMock extension that serves the same
 * {@link TestCatalog} as {@link PxWebTestServer}, the v1 way
 * ({@code /work/shared/docs/pxwebapi-v1-contract.md}), under
 * {@code http://localhost:<port>/api/v1/<lang>/testdb}.
 *
 * <ul>
 *   <li>{@code GET /api/v1/<lang>}: the database list {@code [{"dbid","text"}]};
 *   <li>{@code GET} on a folder: {@code [{"id","type":"l"|"t","text","updated"?}]};
 *   <li>{@code GET} on a table: {@code {"title","variables":[...]}} without units or roles;
 *   <li>{@code POST} on a table: the {@code {"query":[...],"response":{"format":"json-stat2"}}}
 *       body, filters {@code item}, {@code all} (prefix or suffix {@code *}), {@code top};
 *       omitted variables eliminated when they may be, else all values; JSON-stat 2.0 out;
 *   <li>{@code ?config} on any path from the language down: the limits;
 *   <li>errors as v1 answers them: 403 {@code {"error":"Too many values selected"}} above
 *       {@code maxCells}, 429 with {@code Retry-After} above {@code maxCalls} per
 *       {@code timeWindow}, 400 {@code {"error":"Parameter error"}} and the per-variable 400.
 * </ul>
 *
 * <p>Texts are the tables' own in every language the server accepts (the catalog has one
 * language per table); requests to other paths stay unmatched and fail the test.
 */
public final class V1TestServer extends WireMockExtension {

  private final V1Settings settings;

  private V1TestServer(V1Settings settings) {
    super(WireMockExtension.newInstance()
        .options(wireMockConfig().dynamicPort().http2PlainDisabled(true)
            .extensions(new V1Endpoint(settings)))
        .failOnUnmatchedRequests(true));
    this.settings = settings;
  }

  /** A builder with the defaults: SCB's recorded limits (110,000 values, 150,000 cells, 30 per 10 s, not enforced). */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected void onBeforeAll(WireMockRuntimeInfo runtimeInfo) {
    registerStubs();
  }

  @Override
  protected void onBeforeEach(WireMockRuntimeInfo runtimeInfo) {
    registerStubs();
    if (settings.rateLimit() != null) {
      settings.rateLimit().reset();
    }
  }

  private void registerStubs() {
    stubFor(any(urlPathMatching(settings.prefix() + "(/.*)?")).atPriority(10)
        .willReturn(aResponse().withTransformers(V1Endpoint.NAME)));
  }

  /** The base URL of the test database in a language: {@code http://localhost:<port>/api/v1/en/testdb}. */
  public String baseUrl(String lang) {
    return rootUrl() + settings.prefix() + "/" + lang + "/" + settings.tree().database;
  }

  /** The base URL in the default language. */
  @Override
  public String baseUrl() {
    return baseUrl(settings.languages().get(0));
  }

  /** The language level, {@code http://localhost:<port>/api/v1/en}: it lists the databases. */
  public String languageUrl(String lang) {
    return rootUrl() + settings.prefix() + "/" + lang;
  }

  /** The server root, {@code http://localhost:<port>}. */
  public String rootUrl() {
    return super.baseUrl();
  }

  /** The driver URL of the test database: {@code "jdbc:pxweb:" + baseUrl()}. */
  public String jdbcUrl() {
    return "jdbc:pxweb:" + baseUrl();
  }

  /** The path prefix, {@code /api/v1} unless the builder changed it. */
  public String prefix() {
    return settings.prefix();
  }

  public WireMock wireMock() {
    return getRuntimeInfo().getWireMock();
  }

  /** The tables served. */
  public TestCatalog catalog() {
    return settings.catalog();
  }

  /** A table of the catalog by id. */
  public TestTable table(String id) {
    return settings.catalog().table(id);
  }

  /** The cell limit enforced with 403. */
  public int maxCells() {
    return settings.maxCells();
  }

  /** The rate limit enforced with 429, or null. */
  public RateLimitRule rateLimit() {
    return settings.rateLimit();
  }

  /** The builder of {@link V1TestServer}. */
  public static final class Builder {
    private String prefix = "/api/v1";
    private List<String> languages = List.of("en", "sv");
    private int maxValues = 110_000;
    private int maxCells = 150_000;
    private int maxCalls = 30;
    private int timeWindow = 10;
    private boolean enforceRate;
    private boolean config = true;
    private String tableSuffix = "";
    private TestCatalog catalog;
    private final List<V1Tree.Mount> mounts = new ArrayList<>();

    private Builder() {
    }

    /** The path before the language, {@code /api/v1} by default; e.g. {@code /statbank} for a URL without a version. */
    public Builder prefix(String prefix) {
      this.prefix = Objects.requireNonNull(prefix);
      return this;
    }

    /** The languages accepted in the path, the default first. */
    public Builder languages(String... languages) {
      this.languages = List.of(languages);
      return this;
    }

    /** The cell limit: reported in {@code ?config} and enforced with 403. */
    public Builder maxCells(int maxCells) {
      this.maxCells = maxCells;
      return this;
    }

    /** The {@code maxValues} of {@code ?config}. */
    public Builder maxValues(int maxValues) {
      this.maxValues = maxValues;
      return this;
    }

    /** Calls per window, reported in {@code ?config}; enforced with 429 when {@code enforce}. */
    public Builder calls(int maxCalls, int timeWindowSeconds, boolean enforce) {
      this.maxCalls = maxCalls;
      this.timeWindow = timeWindowSeconds;
      this.enforceRate = enforce;
      return this;
    }

    /** Whether {@code ?config} answers (default true); without, it is a 404 HTML page. */
    public Builder config(boolean config) {
      this.config = config;
      return this;
    }

    /** A suffix of every table's file name, e.g. {@code .px} as at Statistics Finland. */
    public Builder tableSuffix(String suffix) {
      this.tableSuffix = Objects.requireNonNull(suffix);
      return this;
    }

    /** The tables to serve (default {@link TestCatalog#standard()}). */
    public Builder catalog(TestCatalog catalog) {
      this.catalog = Objects.requireNonNull(catalog);
      return this;
    }

    /**
     * Serves a catalog table once more, in the given folders under the given file name: two
     * tables with one name in different folders, as some v1 servers have.
     */
    public Builder mount(String folderPath, String name, String tableId) {
      mounts.add(new V1Tree.Mount(List.of(folderPath.split("/")), name, tableId));
      return this;
    }

    public V1TestServer build() {
      TestCatalog tables = catalog != null ? catalog : TestCatalog.standard();
      return new V1TestServer(new V1Settings(prefix, languages, maxValues, maxCells, maxCalls,
          timeWindow, config, enforceRate
              ? new RateLimitRule(maxCalls, timeWindow * 1000L, false) : null,
          tables, new V1Tree("testdb", "Test database", tables, tableSuffix, mounts)));
    }
  }
}
