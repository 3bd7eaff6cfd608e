package io.pxweb.jdbc.source.v2;

import io.pxweb.jdbc.http.BoundedInputStream;
import io.pxweb.jdbc.http.CallBudget;
import io.pxweb.jdbc.http.ClientSettings;
import io.pxweb.jdbc.http.DataCache;
import io.pxweb.jdbc.http.DiskCache;
import io.pxweb.jdbc.http.RateLimiter;
import io.pxweb.jdbc.model.DataRequest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxweb.jdbc.model.Cube;
import io.pxweb.jdbc.jsonstat.JsonStatReader;
import io.pxweb.jdbc.model.ApiConfig;
import io.pxweb.jdbc.model.MalformedDocumentException;
import io.pxweb.jdbc.model.TableEntry;
import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.source.StatbankSource;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * HTTP client of one PxWebApi 2.0 server: configuration, table list, table metadata and data.
 *
 * <p>All connections share one {@link OkHttpClient} (its connection pool and dispatcher); each
 * client derives its own timeouts with {@code newBuilder()}. URLs are built with
 * {@link HttpUrl.Builder} only. Every failure leaves through {@link PxWebErrors}.
 */
public final class PxWebClient implements StatbankSource {
  private static final OkHttpClient SHARED = new OkHttpClient();
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  /** Data caches per server (and time to live), shared by the JVM's connections. */
  private static final java.util.Map<String, DataCache> DATA_CACHES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final HttpUrl base;
  /** The base URL and a digest of the identity; see {@link #cacheScope()}. */
  private final String cacheScope;
  private final OkHttpClient http;
  private final ClientSettings settings;
  /** Metadata documents may use this share of the body ceiling (maxResponseSize). */
  static final int DOCUMENT_SHARE = 16;
  /** Bytes of an error body kept for its message: problem documents are a few hundred. */
  private static final long ERROR_BODY_BYTES = 64 * 1024;
  /** Most pages of one table list read; statbanks list fewer than 20 at 1000 per page. */
  private static final int MAX_TABLE_PAGES = 10_000;
  /** Longest wait between attempts, however many have failed. */
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final RateLimiter limiter;
  private final DiskCache diskCache;
  private final DataCache dataCache;
  private volatile Consumer<String> requestListener = url -> { };

  public PxWebClient(String baseUrl, ClientSettings settings) throws SQLException {
    HttpUrl parsed = HttpUrl.parse(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    if (parsed == null) {
      throw new SQLException("Malformed server URL: " + baseUrl, "08001");
    }
    this.base = parsed.newBuilder().removePathSegment(parsed.pathSize() - 1).build();
    this.settings = requireNonNull(settings, "settings");
    String userInfo = base.encodedUsername().isEmpty() && base.encodedPassword().isEmpty() ? ""
        : base.encodedUsername() + ":" + base.encodedPassword();
    this.cacheScope = location().toLowerCase(Locale.ROOT) + " #"
        + settings.identityDigest(userInfo);
    this.limiter = RateLimiter.forServer(location());
    this.diskCache = settings.cacheDir() == null || settings.metadataTtl().isZero() ? null
        : new DiskCache(settings.cacheDir(), settings.metadataTtl());
    this.dataCache = settings.dataCacheTtl().isZero() ? null
        : DATA_CACHES.computeIfAbsent(cacheScope + " " + settings.dataCacheTtl(),
            k -> new DataCache(settings.dataCacheTtl()));
    settings.applyRateLimit(limiter);
    OkHttpClient.Builder builder = SHARED.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .readTimeout(settings.readTimeout())
        .callTimeout(settings.callTimeout())
        .addInterceptor(chain -> {
          Request.Builder r = chain.request().newBuilder()
              .header("User-Agent", settings.userAgent())
              .header("Accept", "application/json");
          settings.headers().forEach(r::header);
          return chain.proceed(r.build());
        });
    if (settings.proxy() != null) {
      builder.proxy(proxy(settings.proxy()));
    }
    if (settings.proxyUser() != null) {
      String credential = okhttp3.Credentials.basic(settings.proxyUser(),
          settings.proxyPassword() == null ? "" : settings.proxyPassword());
      builder.proxyAuthenticator((route, response) ->
          response.request().header("Proxy-Authorization") != null ? null
              : response.request().newBuilder().header("Proxy-Authorization", credential).build());
    }
    // TLS certificates and host names are verified as OkHttp does by default; there is no
    // switch to turn that off.
    this.http = builder.build();
  }

  private static java.net.Proxy proxy(String hostPort) throws SQLException {
    int colon = hostPort.lastIndexOf(':');
    try {
      String host = hostPort.substring(0, colon).trim();
      int port = Integer.parseInt(hostPort.substring(colon + 1).trim());
      return new java.net.Proxy(java.net.Proxy.Type.HTTP,
          java.net.InetSocketAddress.createUnresolved(host, port));
    } catch (RuntimeException e) {
      throw new SQLException("Invalid value '" + hostPort + "' for connection property 'proxy':"
          + " expected host:port", "22023");
    }
  }

  /**
   * Returns the base URL without user info, e.g. {@code https://data.ssb.no/api/pxwebapi/v2}:
   * it goes into messages.
   */
  @Override public String location() {
    String s = base.newBuilder().username("").password("").build().toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** Returns the base URL with a digest of the credentials: one scope per identity. */
  @Override public String cacheScope() {
    return cacheScope;
  }

  /** Sets a listener told of every request ("GET url" or "POST url body") before it is sent. */
  public void setRequestListener(Consumer<String> listener) {
    this.requestListener = requireNonNull(listener, "listener");
  }

  /** Fetches {@code /config}, and paces calls by the rate limit it reports. */
  @Override public ApiConfig config() throws SQLException {
    HttpUrl url = base.newBuilder().addPathSegment("config").build();
    ApiConfig config = ApiDocuments.config(getDocument(url, "configuration"));
    limiter.configure(config.maxCallsPerTimeWindow(),
        Duration.ofSeconds(config.timeWindowSeconds()), RateLimiter.Source.CONFIG);
    return config;
  }

  /** Returns the limiter pacing this server's calls. */
  public RateLimiter rateLimiter() {
    return limiter;
  }

  /** Fetches every page of {@code /tables} in the given language. */
  @Override public List<TableEntry> tables(String lang, int pageSize) throws SQLException {
    return pages(lang, pageSize, null, null, false);
  }

  /** Searches with the server's {@code /tables?query=&pastDays=&includeDiscontinued=}. */
  @Override public List<TableEntry> findTables(String query, Integer pastDays,
      boolean includeDiscontinued, String lang, int pageSize) throws SQLException {
    return pages(lang, pageSize, query, pastDays, includeDiscontinued);
  }

  private List<TableEntry> pages(String lang, int pageSize, String query, Integer pastDays,
      boolean includeDiscontinued) throws SQLException {
    List<TableEntry> all = new ArrayList<>();
    int page = 1;
    int totalPages;
    do {
      HttpUrl.Builder b = base.newBuilder().addPathSegment("tables")
          .addQueryParameter("lang", lang);
      if (query != null) {
        b.addQueryParameter("query", query);
      }
      if (pastDays != null) {
        b.addQueryParameter("pastDays", Integer.toString(pastDays));
      }
      if (includeDiscontinued) {
        b.addQueryParameter("includeDiscontinued", "true");
      }
      HttpUrl url = b
          .addQueryParameter("pageSize", Integer.toString(pageSize))
          .addQueryParameter("pageNumber", Integer.toString(page))
          .build();
      JsonNode doc = getDocument(url, "table list");
      try {
        ApiDocuments.TablePage p = ApiDocuments.tablePage(doc);
        all.addAll(p.tables());
        totalPages = p.totalPages();
        // A list that claims more pages than it delivers (an empty page, 2^31 pages) ends.
        if (p.tables().isEmpty()) {
          break;
        }
        if (page >= MAX_TABLE_PAGES && totalPages > MAX_TABLE_PAGES) {
          throw PxWebErrors.fromMalformed("a table list of " + totalPages + " pages; at most "
              + MAX_TABLE_PAGES + " are read", "GET", url.toString());
        }
      } catch (MalformedDocumentException e) {
        throw PxWebErrors.fromMalformed(e.getMessage(), "GET", url.toString());
      }
      page++;
    } while (page <= totalPages);
    return all;
  }

  /** Fetches a table's metadata ({@code /tables/{id}/metadata}). */
  @Override public TableMetadata metadata(String tableId, String lang) throws SQLException {
    return metadata(tableId, lang, java.util.Map.of());
  }

  /** Fetches a table's metadata with codelists applied ({@code codelist[VAR]=id}). */
  @Override public TableMetadata metadata(String tableId, String lang,
      java.util.Map<String, String> codelists) throws SQLException {
    HttpUrl.Builder b = base.newBuilder().addPathSegment("tables")
        .addPathSegment(RequestEncoder.pathSegment(tableId, "table")).addPathSegment("metadata")
        .addQueryParameter("lang", lang);
    codelists.forEach((variable, id) -> b.addQueryParameter("codelist[" + variable + "]", id));
    HttpUrl url = b.build();
    JsonNode doc = getDocument(url, "metadata of table " + tableId);
    try {
      return ApiDocuments.metadata(tableId, doc);
    } catch (MalformedDocumentException e) {
      throw PxWebErrors.fromMalformed(e.getMessage(), "GET", url.toString());
    }
  }

  /**
   * Fetches the cells of one data request: GET when the URL is short enough, POST otherwise.
   *
   * @param abortSlot receives an action that aborts the call (and any wait before it), so
   *     another thread can cancel a running statement; null is passed when the call ends
   */
  @Override public Cube data(DataRequest request, String lang, Consumer<Runnable> abortSlot)
      throws SQLException {
    RequestEncoder.pathSegment(request.tableId(), "table");
    HttpUrl getUrl = RequestEncoder.getUrl(base, request, lang);
    Request httpRequest;
    String method;
    String shown;
    if (getUrl.toString().length() <= settings.maxUrlLength()
        && RequestEncoder.fitsGet(request)) {
      httpRequest = new Request.Builder().url(getUrl).get().build();
      method = "GET";
      shown = getUrl.toString();
      requestListener.accept("GET " + shown);
    } else {
      HttpUrl postUrl = RequestEncoder.postUrl(base, request, lang);
      String body = RequestEncoder.postBody(request);
      httpRequest = new Request.Builder().url(postUrl).post(RequestBody.create(body, JSON)).build();
      method = "POST";
      shown = postUrl.toString();
      requestListener.accept("POST " + shown + " " + body);
    }
    String cacheKey = method + " " + shown + ("POST".equals(method)
        ? " " + RequestEncoder.postBody(request) : "");
    Cube cached = dataCache == null ? null : dataCache.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    CallHandle handle = new CallHandle();
    abortSlot.accept(handle::abort);
    try {
      java.util.Map<String, Integer> requested = new java.util.HashMap<>();
      request.selections().forEach(s -> requested.put(s.variable(), s.size()));
      Cube cube = call(httpRequest, method, shown, handle, in -> JsonStatReader.read(
          new BoundedInputStream(in, settings.maxResponseBytes(), "data response"), requested));
      if (dataCache != null) {
        dataCache.put(cacheKey, cube);
      }
      return cube;
    } finally {
      abortSlot.accept(null);
    }
  }

  /** Fetches a metadata document, from the disk cache when it holds a valid copy. */
  private JsonNode getDocument(HttpUrl url, String what) throws SQLException {
    String key = url.toString();
    // Another identity may be shown another document at the same URL.
    String cacheKey = cacheScope + " " + key;
    if (diskCache != null) {
      byte[] cached = diskCache.get(cacheKey);
      if (cached != null) {
        try {
          return ApiDocuments.parse(new java.io.ByteArrayInputStream(cached), what);
        } catch (IOException | MalformedDocumentException e) {
          // Corrupt or cut off on disk: fetch it again below and overwrite it.
          diskCache.invalidate(cacheKey);
        }
      }
    }
    requestListener.accept("GET " + url);
    Request request = new Request.Builder().url(url).get().build();
    byte[] body = call(request, "GET", key, new CallHandle(), in -> {
      byte[] bytes = new BoundedInputStream(in, documentLimit(), what).readAllBytes();
      // Parse before caching, so only documents that read well are kept.
      ApiDocuments.parse(new java.io.ByteArrayInputStream(bytes), what);
      return bytes;
    });
    if (diskCache != null) {
      diskCache.put(cacheKey, body);
    }
    try {
      return ApiDocuments.parse(new java.io.ByteArrayInputStream(body), what);
    } catch (IOException | MalformedDocumentException e) {
      throw PxWebErrors.fromMalformed(e.getMessage(), "GET", key);
    }
  }

  /**
   * Returns the ceiling of a metadata document's bytes. Documents are read whole and parsed to
   * trees, which take several times their size in memory; the real ones in the fixtures are
   * under 100 KB, so the default 16 MB leaves room for any table.
   */
  private long documentLimit() {
    return Math.max(1, settings.maxResponseBytes() / DOCUMENT_SHARE);
  }

  /** Reader of a successful response body. */
  private interface BodyReader<T> {
    T read(InputStream in) throws IOException, MalformedDocumentException;
  }

  /** The call in flight for one request, and whether it was aborted. */
  private static final class CallHandle {
    private volatile boolean aborted;
    private volatile okhttp3.Call call;

    void abort() {
      aborted = true;
      okhttp3.Call c = call;
      if (c != null) {
        c.cancel();
      }
    }
  }

  /**
   * Sends a request within the server's rate limit and reads its body, retrying what is
   * retryable (429 after its Retry-After, 502/503/504, network failures, bodies cut off) with
   * exponential backoff and jitter, up to the configured attempts and time. The body is read
   * whole before it is returned, so a retried request never duplicates or drops rows.
   */
  private <T> T call(Request request, String method, String shown, CallHandle handle,
      BodyReader<T> reader) throws SQLException {
    long start = System.nanoTime();
    CallBudget budget = CallBudget.current();
    try (CallBudget.Scope registered =
        budget == null ? () -> { } : budget.register(handle::abort)) {
      return attempts(request, method, shown, handle, reader, start, budget);
    }
  }

  private <T> T attempts(Request request, String method, String shown, CallHandle handle,
      BodyReader<T> reader, long start, CallBudget budget) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      SQLException failure;
      try {
        long maxWait = Math.min(settings.maxRetryTime().toNanos() - (System.nanoTime() - start),
            CallBudget.remainingOfCurrent());
        long held = limiter.acquire(() -> handle.aborted, Math.max(0, maxWait));
        if (held < 0) {
          throw cancelled(method, shown);
        }
        if (held > 0) {
          throw limiter.tooLong(held, location());
        }
        okhttp3.Call call = http.newCall(request);
        if (budget != null && budget.remainingNanos() != Long.MAX_VALUE) {
          // The call may not outlast the budget: OkHttp's call timeout ends it at the deadline.
          long left = budget.remainingNanos();
          long callLimit = settings.callTimeout().isZero() ? left
              : Math.min(left, settings.callTimeout().toNanos());
          call.timeout().timeout(Math.max(1, callLimit), java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        handle.call = call;
        if (handle.aborted) {
          call.cancel();
        }
        try (Response response = call.execute()) {
          limiter.learn(response.header("x-ratelimit-policy"), response.header("x-ratelimit-limit"));
          ResponseBody body = response.body();
          if (!response.isSuccessful()) {
            // Only the start of an error body: it is read for its message, never whole.
            throw PxWebErrors.fromStatus(response.code(),
                response.peekBody(ERROR_BODY_BYTES).string(), method, shown,
                response.header("Retry-After"));
          }
          checkJson(response, method, shown);
          try (InputStream in = body.byteStream()) {
            return reader.read(in);
          } catch (MalformedDocumentException e) {
            throw PxWebErrors.fromMalformed(e.getMessage(), method, shown);
          }
        }
      } catch (IOException e) {
        if (handle.aborted) {
          throw cancelled(method, shown);
        }
        if (budget != null && budget.expired()) {
          throw budget.timedOut("calling the server (" + method + " "
              + io.pxweb.jdbc.PxWebUrl.redact(shown) + ")");
        }
        failure = PxWebErrors.fromIo(e, method, shown);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw cancelled(method, shown);
      } catch (SQLException e) {
        failure = e;
      }
      long elapsed = System.nanoTime() - start;
      if (!(failure instanceof java.sql.SQLTransientException) || attempt >= settings.maxAttempts()) {
        throw attempt > 1 ? PxWebErrors.afterAttempts(failure, attempt) : failure;
      }
      long delay = backoffNanos(attempt, failure, settings.retryBackoff());
      if (elapsed + delay > settings.maxRetryTime().toNanos()
          || delay > CallBudget.remainingOfCurrent()) {
        throw PxWebErrors.afterAttempts(failure, attempt);
      }
      if (failure instanceof PxWebErrors.RetryAfter r && r.retryAfter() != null) {
        limiter.pauseUntil(System.nanoTime() + delay);
      }
      sleep(delay, handle, method, shown);
    }
  }

  /** Exponential backoff with full jitter, or the server's Retry-After when it sent one. */
  private static long backoffNanos(int attempt, SQLException failure, Duration base) {
    if (failure instanceof PxWebErrors.RetryAfter r && r.retryAfter() != null) {
      return r.retryAfter().toNanos();
    }
    long cap = Math.min(base.toNanos() << Math.min(attempt - 1, 10), MAX_BACKOFF.toNanos());
    return cap / 2 + (long) (Math.random() * (cap / 2));
  }

  private static void sleep(long nanos, CallHandle handle, String method, String shown)
      throws SQLException {
    long until = System.nanoTime() + nanos;
    try {
      while (System.nanoTime() < until) {
        if (handle.aborted) {
          throw cancelled(method, shown);
        }
        Thread.sleep(Math.max(1, Math.min(100, (until - System.nanoTime()) / 1_000_000)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw cancelled(method, shown);
    }
  }

  private static SQLException cancelled(String method, String shown) {
    return new SQLException("Statement cancelled while calling the server (" + method + " "
        + io.pxweb.jdbc.PxWebUrl.redact(shown) + ")", "57014");
  }

  /** Rejects a success whose content type says it is not JSON (e.g. an HTML error page at 200). */
  private static void checkJson(Response response, String method, String url) throws SQLException {
    String type = response.header("Content-Type");
    if (type != null && !type.toLowerCase(Locale.ROOT).contains("json")) {
      throw PxWebErrors.fromMalformed("expected JSON, got content type '" + type + "'", method, url);
    }
  }
}
