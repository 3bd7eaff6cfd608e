package io.pxweb.jdbc.klass;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxweb.jdbc.http.CallBudget;
import io.pxweb.jdbc.source.v2.PxWebErrors;
import io.pxweb.jdbc.http.RateLimiter;
import io.pxweb.jdbc.source.v2.ApiDocuments;
import io.pxweb.jdbc.model.MalformedDocumentException;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * HTTP client of Klass: the classification list and search, a classification's codes over a
 * range or at a date, variants, correspondences and changes, all as JSON.
 *
 * <p>Calls are paced by the JVM-wide {@link RateLimiter} of the Klass URL and retried like
 * the statbank client's (429 after its Retry-After, 502/503/504 and network failures, with
 * exponential backoff and jitter). Every failure leaves through {@link KlassErrors}.
 */
public final class KlassClient {
  /** One connection pool and dispatcher for all Klass clients of the JVM. */
  private static final OkHttpClient SHARED = new OkHttpClient();
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final HttpUrl base;
  private final KlassSettings settings;
  private final OkHttpClient http;
  private final RateLimiter limiter;

  public KlassClient(KlassSettings settings) throws SQLException {
    this.settings = requireNonNull(settings, "settings");
    String url = settings.baseUrl();
    HttpUrl parsed = HttpUrl.parse(url.endsWith("/") ? url : url + "/");
    if (parsed == null) {
      throw new SQLException("Invalid value '" + url + "' for connection property 'klassUrl':"
          + " expected an http or https URL", "22023");
    }
    // Drop the empty last segment that the trailing slash left, so segments append cleanly.
    this.base = parsed.newBuilder().removePathSegment(parsed.pathSize() - 1).build();
    this.limiter = RateLimiter.forServer(url.endsWith("/") ? url.substring(0, url.length() - 1)
        : url);
    this.http = SHARED.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .readTimeout(settings.readTimeout())
        .callTimeout(settings.callTimeout())
        .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
            .header("User-Agent", settings.userAgent())
            // Klass answers XML unless asked for JSON.
            .header("Accept", "application/json")
            .build()))
        .build();
  }

  public KlassSettings settings() {
    return settings;
  }

  /** Lists every classification and code list, page by page. */
  public List<KlassDocuments.Classification> classifications(BooleanSupplier cancelled)
      throws SQLException {
    List<KlassDocuments.Classification> all = new ArrayList<>();
    int page = 0;
    int totalPages;
    do {
      HttpUrl url = base.newBuilder().addPathSegment("classifications")
          .addQueryParameter("includeCodelists", "true")
          .addQueryParameter("page", Integer.toString(page))
          .addQueryParameter("size", Integer.toString(settings.pageSize()))
          .build();
      KlassDocuments.Page<KlassDocuments.Classification> p =
          get(url, "classification list", cancelled, KlassDocuments::classifications);
      all.addAll(p.items());
      totalPages = pagesLeft(p, page);
      page++;
    } while (page < totalPages);
    return all;
  }

  /** Searches classifications and code lists, page by page. */
  public List<KlassDocuments.SearchHit> search(String query, BooleanSupplier cancelled)
      throws SQLException {
    List<KlassDocuments.SearchHit> all = new ArrayList<>();
    int page = 0;
    int totalPages;
    do {
      HttpUrl url = base.newBuilder().addPathSegment("classifications").addPathSegment("search")
          .addQueryParameter("query", query)
          .addQueryParameter("includeCodelists", "true")
          .addQueryParameter("page", Integer.toString(page))
          .addQueryParameter("size", Integer.toString(settings.pageSize()))
          .build();
      KlassDocuments.Page<KlassDocuments.SearchHit> p =
          get(url, "search for '" + query + "'", cancelled, KlassDocuments::searchHits);
      all.addAll(p.items());
      totalPages = pagesLeft(p, page);
      page++;
    } while (page < totalPages);
    return all;
  }

  /**
   * Fetches a classification's codes over a range: each code once per stretch of time in which
   * its name stayed the same, with that stretch as validity.
   *
   * @param to end of the range (exclusive), or null for an open end
   * @param selectCodes Klass's {@code selectCodes}, or null for all codes
   * @param selectLevel Klass's {@code selectLevel}, or null for all levels
   */
  public List<KlassDocuments.Code> codes(String id, LocalDate from, LocalDate to, String selectCodes,
      Integer selectLevel, BooleanSupplier cancelled) throws SQLException {
    HttpUrl.Builder b = classification(id).addPathSegment("codes")
        .addQueryParameter("from", from.toString());
    if (to != null) {
      b.addQueryParameter("to", to.toString());
    }
    if (selectCodes != null) {
      b.addQueryParameter("selectCodes", selectCodes);
    }
    if (selectLevel != null) {
      b.addQueryParameter("selectLevel", selectLevel.toString());
    }
    b.addQueryParameter("language", settings.language());
    return get(b.build(), "classification " + id, cancelled, KlassDocuments::codes);
  }

  /** Fetches the codes of a classification valid at a date. */
  public List<KlassDocuments.Code> codesAt(String id, LocalDate date, BooleanSupplier cancelled)
      throws SQLException {
    HttpUrl url = classification(id).addPathSegment("codesAt")
        .addQueryParameter("date", date.toString())
        .addQueryParameter("language", settings.language())
        .build();
    return get(url, "classification " + id, cancelled, KlassDocuments::codes);
  }

  /** Fetches the codes of a named variant of a classification valid at a date. */
  public List<KlassDocuments.Code> variantAt(String id, String variantName, LocalDate date,
      BooleanSupplier cancelled) throws SQLException {
    HttpUrl url = classification(id).addPathSegment("variantAt")
        .addQueryParameter("variantName", variantName)
        .addQueryParameter("date", date.toString())
        .addQueryParameter("language", settings.language())
        .build();
    return get(url, "variant '" + variantName + "' of classification " + id, cancelled,
        KlassDocuments::codes);
  }

  /** Fetches the correspondence between two classifications valid at a date. */
  public List<KlassDocuments.Correspondence> correspondsAt(String sourceId, String targetId,
      LocalDate date, BooleanSupplier cancelled) throws SQLException {
    HttpUrl url = classification(sourceId).addPathSegment("correspondsAt")
        .addQueryParameter("targetClassificationId", targetId)
        .addQueryParameter("date", date.toString())
        .addQueryParameter("language", settings.language())
        .build();
    return get(url, "correspondence from classification " + sourceId + " to " + targetId
        + " at " + date, cancelled, KlassDocuments::correspondences);
  }

  /**
   * Fetches the changes of codes in a range.
   *
   * @param to end of the range (exclusive), or null for an open end
   */
  public List<KlassDocuments.Change> changes(String id, LocalDate from, LocalDate to,
      BooleanSupplier cancelled) throws SQLException {
    HttpUrl.Builder b = classification(id).addPathSegment("changes")
        .addQueryParameter("from", from.toString());
    if (to != null) {
      b.addQueryParameter("to", to.toString());
    }
    b.addQueryParameter("language", settings.language());
    return get(b.build(), "classification " + id, cancelled, KlassDocuments::changes);
  }

  /** Most pages read from one listing; Klass has fewer than 10 at its default page size. */
  static final int MAX_PAGES = 10_000;

  /**
   * Returns the page count to go on with: a listing that claims more pages than it delivers
   * (an empty page before the last, 2^31 pages) ends, so a hostile count cannot loop for ever.
   */
  private static int pagesLeft(KlassDocuments.Page<?> p, int page) throws SQLException {
    if (p.items().isEmpty()) {
      return page + 1;
    }
    if (page + 1 >= MAX_PAGES && p.totalPages() > MAX_PAGES) {
      throw KlassErrors.fromMalformed("a listing of " + p.totalPages() + " pages; at most "
          + MAX_PAGES + " are read", "page " + page);
    }
    return p.totalPages();
  }

  private HttpUrl.Builder classification(String id) throws SQLException {
    return base.newBuilder().addPathSegment("classifications")
        .addPathSegment(io.pxweb.jdbc.source.v2.RequestEncoder.pathSegment(id, "classification"));
  }

  /** Reader of a parsed document. */
  private interface DocumentReader<T> {
    T read(JsonNode root) throws MalformedDocumentException;
  }

  /**
   * Sends a GET within Klass's rate limit and reads its JSON body, retrying what is worth
   * retrying up to the configured attempts and time.
   *
   * @param subject what is asked for, named in errors ("classification 131")
   */
  private <T> T get(HttpUrl url, String subject, BooleanSupplier cancelled,
      DocumentReader<T> reader) throws SQLException {
    String shown = url.toString();
    Request request = new Request.Builder().url(url).get().build();
    long start = System.nanoTime();
    // The statement's (or getConnection's) budget: its cancel and deadline stop this call too.
    CallBudget budget = CallBudget.current();
    BooleanSupplier stop = budget == null ? cancelled
        : () -> cancelled.getAsBoolean() || budget.cancelled();
    for (int attempt = 1; ; attempt++) {
      SQLException failure;
      okhttp3.Call call = http.newCall(request);
      try (CallBudget.Scope registered =
          budget == null ? () -> { } : budget.register(call::cancel)) {
        long maxWait = Math.min(settings.maxRetryTime().toNanos() - (System.nanoTime() - start),
            budget == null ? Long.MAX_VALUE : budget.remainingNanos());
        long held = limiter.acquire(stop, Math.max(0, maxWait));
        if (held < 0) {
          throw KlassErrors.cancelled(shown);
        }
        if (held > 0) {
          throw limiter.tooLong(held, settings.baseUrl());
        }
        if (budget != null && budget.remainingNanos() != Long.MAX_VALUE) {
          call.timeout().timeout(Math.max(1, Math.min(budget.remainingNanos(),
              settings.callTimeout().isZero() ? Long.MAX_VALUE : settings.callTimeout().toNanos())),
              java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        try (Response response = call.execute()) {
          limiter.learn(response.header("x-ratelimit-policy"),
              response.header("x-ratelimit-limit"));
          ResponseBody body = response.body();
          if (!response.isSuccessful()) {
            // Only the start of an error body, for its message: never a whole hostile one.
            throw KlassErrors.fromStatus(response.code(), response.peekBody(64 * 1024).string(),
                shown,
                response.header("Retry-After"), subject);
          }
          checkJson(response, shown);
          JsonNode root;
          try (InputStream in = body.byteStream()) {
            root = ApiDocuments.parse(in, "Klass's answer for " + subject);
          }
          return reader.read(root);
        }
      } catch (MalformedDocumentException e) {
        throw KlassErrors.fromMalformed(e.getMessage(), shown);
      } catch (IOException e) {
        if (stop.getAsBoolean()) {
          throw KlassErrors.cancelled(shown);
        }
        if (budget != null && budget.expired()) {
          throw budget.timedOut("calling Klass (" + io.pxweb.jdbc.PxWebUrl.redact(shown) + ")");
        }
        failure = KlassErrors.fromIo(e, shown);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw KlassErrors.cancelled(shown);
      } catch (SQLException e) {
        failure = e;
      }
      if (!(failure instanceof SQLTransientException) || attempt >= settings.maxAttempts()) {
        throw attempt > 1 ? PxWebErrors.afterAttempts(failure, attempt) : failure;
      }
      long delay = backoffNanos(attempt, failure);
      if (System.nanoTime() - start + delay > settings.maxRetryTime().toNanos()
          || (budget != null && delay > budget.remainingNanos())) {
        throw PxWebErrors.afterAttempts(failure, attempt);
      }
      if (failure instanceof PxWebErrors.RetryAfter r && r.retryAfter() != null) {
        // Everyone calling this Klass waits, not only this statement.
        limiter.pauseUntil(System.nanoTime() + delay);
      }
      sleep(delay, stop, shown);
    }
  }

  /** Exponential backoff with jitter, or Klass's Retry-After when it sent one. */
  private long backoffNanos(int attempt, SQLException failure) {
    if (failure instanceof PxWebErrors.RetryAfter r && r.retryAfter() != null) {
      return r.retryAfter().toNanos();
    }
    long cap = Math.min(settings.retryBackoff().toNanos() << Math.min(attempt - 1, 10),
        MAX_BACKOFF.toNanos());
    return cap / 2 + (long) (Math.random() * (cap / 2));
  }

  private static void sleep(long nanos, BooleanSupplier cancelled, String shown)
      throws SQLException {
    long until = System.nanoTime() + nanos;
    try {
      while (System.nanoTime() < until) {
        if (cancelled.getAsBoolean()) {
          throw KlassErrors.cancelled(shown);
        }
        Thread.sleep(Math.max(1, Math.min(100, (until - System.nanoTime()) / 1_000_000)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw KlassErrors.cancelled(shown);
    }
  }

  /** Rejects a success that is not JSON, e.g. the XML Klass sends when Accept is lost. */
  private static void checkJson(Response response, String shown) throws SQLException {
    String type = response.header("Content-Type");
    if (type != null && !type.toLowerCase(Locale.ROOT).contains("json")) {
      throw KlassErrors.fromMalformed("expected JSON, got content type '" + type + "'", shown);
    }
  }
}
