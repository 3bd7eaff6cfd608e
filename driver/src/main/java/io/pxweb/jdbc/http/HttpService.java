package io.pxweb.jdbc.http;

import static java.util.Objects.requireNonNull;

import io.pxweb.jdbc.model.CallBudget;
import io.pxweb.jdbc.model.Cube;
import io.pxweb.jdbc.model.MalformedDocumentException;
import io.pxweb.jdbc.model.Redaction;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Proxy;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;

/**
 * The one HTTP transport: every service the driver calls (a statbank's API, Klass, the next
 * one) is an {@code HttpService} over a base URL. Services keep only their endpoint methods and
 * document readers; everything about calling is here, once:
 *
 * <ul>
 * <li>one {@link OkHttpClient} for the JVM (its connection pool and dispatcher), from which each
 *     service derives its timeouts, proxy and proxy authentication, User-Agent and extra headers
 *     (these only to the origin they were configured for, {@link OriginPolicy});
 * <li>pacing by the JVM-wide {@link RateLimiter} of the service's URL (a rate limit counts calls
 *     per client address, not per connection), overridden by the {@code rateLimit} property;
 * <li>retries of what is retryable (429 after its Retry-After, 502/503/504, network failures,
 *     bodies cut off) with exponential backoff and jitter, within the attempts and time allowed;
 * <li>the statement's {@link CallBudget}: its cancel aborts the call in flight and any wait, its
 *     deadline bounds the call;
 * <li>bounded bodies ({@link BoundedInputStream}) and, for documents, the disk cache, scoped by
 *     the identity that filled it;
 * <li>one error classification, {@link HttpErrors}, with the service's {@link ServiceVocabulary}.
 * </ul>
 */
public final class HttpService {
  /** The JVM's one HTTP client; services derive theirs with {@code newBuilder()}. */
  private static final OkHttpClient SHARED = new OkHttpClient();
  /** Longest wait between attempts, however many have failed. */
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  /** Bytes of an error body kept for its message: problem documents are a few hundred. */
  private static final long ERROR_BODY_BYTES = 64 * 1024;
  /** Metadata documents may use this share of the body ceiling (maxResponseSize). */
  public static final int DOCUMENT_SHARE = 16;
  /**
   * Data caches by service identity and time to live, shared by the JVM's connections; bounded
   * in cells each ({@link DataCache}) and in number: the oldest scope goes when a new one
   * would exceed it.
   */
  private static final int MAX_DATA_CACHES = 64;
  private static final Map<String, DataCache> DATA_CACHES = new ConcurrentHashMap<>();

  private final HttpUrl base;
  private final String location;
  private final String cacheScope;
  private final HttpSettings settings;
  private final HttpErrors errors;
  private final OkHttpClient client;
  private final RateLimiter limiter;
  private final DiskCache diskCache;
  private final DataCache dataCache;

  /**
   * Creates the transport of one service.
   *
   * @param base the service's base URL; its user info (if any) scopes the caches
   * @param accept the Accept header (Klass answers XML unless asked for JSON)
   */
  public HttpService(HttpUrl base, HttpSettings settings, ServiceVocabulary vocabulary,
      String accept) {
    this.settings = requireNonNull(settings, "settings");
    this.base = requireNonNull(base, "base");
    String shown = base.newBuilder().username("").password("").build().toString();
    this.location = shown.endsWith("/") ? shown.substring(0, shown.length() - 1) : shown;
    String userInfo = base.encodedUsername().isEmpty() && base.encodedPassword().isEmpty() ? ""
        : base.encodedUsername() + ":" + base.encodedPassword();
    this.cacheScope = location.toLowerCase(Locale.ROOT) + " #" + settings.identityDigest(userInfo);
    this.errors = new HttpErrors(vocabulary);
    this.limiter = RateLimiter.forServer(location);
    if (settings.rateLimit() != null) {
      settings.rateLimit().applyTo(limiter);
    }
    this.diskCache = settings.cacheDir() == null || settings.metadataTtl().isZero() ? null
        : new DiskCache(settings.cacheDir(), settings.metadataTtl());
    this.dataCache = settings.dataCacheTtl().isZero() ? null : dataCache(cacheScope + " "
        + settings.dataCacheTtl(), settings.dataCacheTtl());
    this.client = client(settings, accept);
  }

  private static DataCache dataCache(String key, Duration ttl) {
    DataCache cache = DATA_CACHES.get(key);
    if (cache != null) {
      return cache;
    }
    if (DATA_CACHES.size() >= MAX_DATA_CACHES) {
      // A process that meets many identities (a server with many users) keeps the newest.
      DATA_CACHES.keySet().stream().findAny().ifPresent(DATA_CACHES::remove);
    }
    return DATA_CACHES.computeIfAbsent(key, k -> new DataCache(ttl));
  }

  /** The one place where an HTTP client is built: derived from the JVM's shared one. */
  private static OkHttpClient client(HttpSettings settings, String accept) {
    OkHttpClient.Builder builder = SHARED.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .readTimeout(settings.readTimeout())
        .callTimeout(settings.callTimeout())
        .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
            .header("User-Agent", settings.userAgent())
            .header("Accept", accept)
            .build()))
        // Per hop, redirects included: the secrets in httpHeaders stay at their origin.
        .addNetworkInterceptor(new OriginPolicy(settings.headers(), settings.headerOrigin()));
    if (settings.proxy() != null) {
      builder.proxy(new Proxy(Proxy.Type.HTTP, settings.proxy()));
    }
    if (settings.proxyUser() != null) {
      String credential = Credentials.basic(settings.proxyUser(),
          settings.proxyPassword() == null ? "" : settings.proxyPassword());
      builder.proxyAuthenticator((route, response) ->
          response.request().header("Proxy-Authorization") != null ? null
              : response.request().newBuilder().header("Proxy-Authorization", credential).build());
    }
    // TLS certificates and host names are verified as OkHttp does by default; there is no
    // switch to turn that off.
    return builder.build();
  }

  /**
   * Checks an id before it becomes a path segment: OkHttp would resolve "." and ".." as
   * relative paths, so a table named ".." would ask for another endpoint.
   *
   * @param what what the id names, for the message ("table", "classification")
   * @throws SQLException 42S02, since no such object can exist
   */
  public static String pathSegment(String id, String what) throws SQLException {
    if (id.equals(".") || id.equals("..")) {
      throw new SQLException("No " + what + " has the id '" + id + "': '.' and '..'"
          + " cannot name one", "42S02");
    }
    return id;
  }

  /** Returns the base URL, for building endpoint URLs with {@link HttpUrl#newBuilder()}. */
  public HttpUrl base() {
    return base;
  }

  /** Returns the base URL without user info or trailing slash: it goes into messages. */
  public String location() {
    return location;
  }

  /** Returns the base URL with a digest of the identity: one cache scope per identity. */
  public String cacheScope() {
    return cacheScope;
  }

  public HttpSettings settings() {
    return settings;
  }

  public HttpErrors errors() {
    return errors;
  }

  /** Returns the limiter pacing this service's calls. */
  public RateLimiter rateLimiter() {
    return limiter;
  }

  /** Reader of a successful response body. */
  public interface BodyReader<T> {
    T read(InputStream in) throws IOException, MalformedDocumentException;
  }

  /**
   * GETs a small document (metadata, a listing), from the disk cache when it holds a valid
   * copy, and parses it once. Only documents that parse are cached; a cached copy that no longer
   * parses (cut off on disk) is fetched again.
   *
   * @param what what the document is, for messages ("metadata of table 07459")
   */
  public <T> T document(HttpUrl url, String what, BodyReader<T> parser) throws SQLException {
    return document(url, what, CallBudget.current(), parser);
  }

  /**
   * GETs a small document as {@link #document(HttpUrl, String, BodyReader)} does, within the
   * given budget.
   */
  public <T> T document(HttpUrl url, String what, CallBudget budget, BodyReader<T> parser)
      throws SQLException {
    String key = url.toString();
    // Another identity may be shown another document at the same URL.
    String cacheKey = cacheScope + " " + key;
    if (diskCache != null) {
      byte[] cached = diskCache.get(cacheKey);
      if (cached != null) {
        try {
          return parser.read(new ByteArrayInputStream(cached));
        } catch (IOException | MalformedDocumentException e) {
          diskCache.invalidate(cacheKey);
        }
      }
    }
    Request request = new Request.Builder().url(url).get().build();
    Object[] parsed = new Object[1];
    byte[] body = execute(request, what, budget, in -> {
      byte[] bytes = new BoundedInputStream(in, documentLimit(), what).readAllBytes();
      parsed[0] = parser.read(new ByteArrayInputStream(bytes));
      return bytes;
    });
    if (diskCache != null) {
      diskCache.put(cacheKey, body);
    }
    @SuppressWarnings("unchecked")
    T result = (T) parsed[0];
    return result;
  }

  /**
   * Sends a data request and reads its cells, through the data cache when {@code dataCacheTtl}
   * is set: an identical request (method, URL and body) within the time to live is answered
   * from memory. The body the reader gets is bounded by {@code maxResponseSize}.
   */
  public Cube data(Request request, String subject, CallBudget budget, BodyReader<Cube> reader)
      throws SQLException {
    String cacheKey = null;
    if (dataCache != null) {
      cacheKey = request.method() + " " + request.url() + bodyText(request);
      Cube cached = dataCache.get(cacheKey);
      if (cached != null) {
        return cached;
      }
    }
    Cube cube = execute(request, subject, budget, in -> reader.read(
        new BoundedInputStream(in, settings.maxResponseBytes(), "data response")));
    if (dataCache != null) {
      dataCache.put(cacheKey, cube);
    }
    return cube;
  }

  private static String bodyText(Request request) {
    if (request.body() == null) {
      return "";
    }
    try (Buffer buffer = new Buffer()) {
      request.body().writeTo(buffer);
      return " " + buffer.readUtf8();
    } catch (IOException e) {
      // A body held in memory does not fail to write; without its text, no caching.
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns the ceiling of a document's bytes. Documents are read whole and parsed to trees,
   * which take several times their size in memory; the real ones in the fixtures are under
   * 100 KB, so the default 16 MB leaves room for any table.
   */
  public long documentLimit() {
    return Math.max(1, settings.maxResponseBytes() / DOCUMENT_SHARE);
  }

  /**
   * Sends a request within the service's rate limit and reads its body, retrying what is
   * retryable with exponential backoff and jitter, up to the configured attempts and time. The
   * body is read whole by {@code reader} before this returns, so a retried request never
   * duplicates or drops rows.
   *
   * @param subject what is asked for, for the service's 4xx messages ("classification 131")
   * @param budget the statement's budget (its cancel and deadline stop the call), or null
   */
  public <T> T execute(Request request, String subject, CallBudget budget, BodyReader<T> reader)
      throws SQLException {
    long start = System.nanoTime();
    String method = request.method();
    String shown = request.url().toString();
    for (int attempt = 1; ; attempt++) {
      SQLException failure;
      Call call = client.newCall(request);
      try (CallBudget.Scope registered =
          budget == null ? () -> { } : budget.register(call::cancel)) {
        long maxWait = Math.min(settings.maxRetryTime().toNanos() - (System.nanoTime() - start),
            budget == null ? Long.MAX_VALUE : budget.remainingNanos());
        long held = limiter.acquire(() -> budget != null && budget.cancelled(),
            Math.max(0, maxWait));
        if (held < 0) {
          throw errors.cancelled(method, shown);
        }
        if (held > 0) {
          throw limiter.tooLong(held, location);
        }
        if (budget != null && budget.remainingNanos() != Long.MAX_VALUE) {
          // The call may not outlast the budget: OkHttp's call timeout ends it at the deadline.
          long left = budget.remainingNanos();
          long callLimit = settings.callTimeout().isZero() ? left
              : Math.min(left, settings.callTimeout().toNanos());
          call.timeout().timeout(Math.max(1, callLimit), TimeUnit.NANOSECONDS);
        }
        try (Response response = call.execute()) {
          limiter.answered();
          limiter.learn(response.header("x-ratelimit-policy"), response.header("x-ratelimit-limit"));
          if (!response.isSuccessful()) {
            // Only the start of an error body: it is read for its message, never whole.
            throw errors.fromStatus(response.code(), response.peekBody(ERROR_BODY_BYTES).string(),
                method, shown, response.header("Retry-After"), subject);
          }
          checkJson(response, method, shown);
          try (InputStream in = response.body().byteStream()) {
            return reader.read(in);
          } catch (MalformedDocumentException e) {
            throw errors.fromMalformed(e, method, shown);
          }
        }
      } catch (IOException e) {
        if (budget != null && budget.cancelled()) {
          throw errors.cancelled(method, shown);
        }
        if (budget != null && budget.expired()) {
          throw budget.timedOut("calling " + errors.serviceName() + " (" + method + " "
              + Redaction.redact(shown) + ")");
        }
        failure = errors.fromIo(e, method, shown);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw errors.cancelled(method, shown);
      } catch (SQLException e) {
        failure = e;
      }
      if (!(failure instanceof SQLTransientException) || attempt >= settings.maxAttempts()) {
        throw attempt > 1 ? HttpErrors.afterAttempts(failure, attempt) : failure;
      }
      long delay = backoffNanos(attempt, failure);
      if (System.nanoTime() - start + delay > settings.maxRetryTime().toNanos()
          || (budget != null && delay > budget.remainingNanos())) {
        throw HttpErrors.afterAttempts(failure, attempt);
      }
      if (failure instanceof HttpErrors.RetryAfter r && r.retryAfter() != null) {
        // Everyone calling this service waits, not only this statement.
        limiter.pauseUntil(System.nanoTime() + delay);
      }
      sleep(delay, budget, method, shown);
    }
  }

  /** Exponential backoff with full jitter, or the service's Retry-After when it sent one. */
  private long backoffNanos(int attempt, SQLException failure) {
    if (failure instanceof HttpErrors.RetryAfter r && r.retryAfter() != null) {
      return r.retryAfter().toNanos();
    }
    long cap = Math.min(settings.retryBackoff().toNanos() << Math.min(attempt - 1, 10),
        MAX_BACKOFF.toNanos());
    return cap / 2 + (long) (Math.random() * (cap / 2));
  }

  private void sleep(long nanos, CallBudget budget, String method, String shown)
      throws SQLException {
    long until = System.nanoTime() + nanos;
    try {
      while (System.nanoTime() < until) {
        if (budget != null && budget.cancelled()) {
          throw errors.cancelled(method, shown);
        }
        Thread.sleep(Math.max(1, Math.min(100, (until - System.nanoTime()) / 1_000_000)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw errors.cancelled(method, shown);
    }
  }

  /** Rejects a success whose content type says it is not JSON (an HTML or XML page at 200). */
  private void checkJson(Response response, String method, String url) throws SQLException {
    String type = response.header("Content-Type");
    if (type != null && !type.toLowerCase(Locale.ROOT).contains("json")) {
      throw errors.fromMalformed("expected JSON, got content type '" + type + "'", method, url);
    }
  }
}
