package io.pxweb.jdbc.klass;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxweb.jdbc.http.HttpService;
import io.pxweb.jdbc.json.JsonDocuments;
import io.pxweb.jdbc.model.CallBudget;
import io.pxweb.jdbc.model.MalformedDocumentException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * Klass as a service: the classification list and search, a classification's codes over a
 * range or at a date, variants, correspondences and changes, all as JSON, over the shared
 * transport ({@link HttpService}): the connection's proxy, headers, timeouts, retries, pacing
 * by the JVM-wide rate limiter of the Klass URL, the disk cache of documents and the
 * statement's cancel and deadline ({@link CallBudget}) apply as they do to statbank calls.
 * Every failure is classified with Klass's vocabulary, {@link KlassErrors}.
 */
public final class KlassClient {
  private final KlassSettings settings;
  private final HttpService http;

  public KlassClient(KlassSettings settings) throws SQLException {
    this.settings = requireNonNull(settings, "settings");
    String url = settings.baseUrl();
    HttpUrl parsed = HttpUrl.parse(url.endsWith("/") ? url : url + "/");
    if (parsed == null) {
      throw new SQLException("Invalid value '" + url + "' for connection property 'klassUrl':"
          + " expected an http or https URL", "22023");
    }
    // Drop the empty last segment that the trailing slash left, so segments append cleanly.
    // Klass answers XML unless asked for JSON.
    this.http = new HttpService(parsed.newBuilder().removePathSegment(parsed.pathSize() - 1)
        .build(), settings.http(), KlassErrors.VOCABULARY, "application/json");
  }

  public KlassSettings settings() {
    return settings;
  }

  /** Lists every classification and code list, page by page. */
  public List<KlassDocuments.Classification> classifications(CallBudget budget)
      throws SQLException {
    List<KlassDocuments.Classification> all = new ArrayList<>();
    int page = 0;
    int totalPages;
    do {
      HttpUrl url = http.base().newBuilder().addPathSegment("classifications")
          .addQueryParameter("includeCodelists", "true")
          .addQueryParameter("page", Integer.toString(page))
          .addQueryParameter("size", Integer.toString(settings.pageSize()))
          .build();
      KlassDocuments.Page<KlassDocuments.Classification> p =
          get(url, "classification list", budget, KlassDocuments::classifications);
      all.addAll(p.items());
      totalPages = pagesLeft(p, page);
      page++;
    } while (page < totalPages);
    return all;
  }

  /** Searches classifications and code lists, page by page. */
  public List<KlassDocuments.SearchHit> search(String query, CallBudget budget)
      throws SQLException {
    List<KlassDocuments.SearchHit> all = new ArrayList<>();
    int page = 0;
    int totalPages;
    do {
      HttpUrl url = http.base().newBuilder().addPathSegment("classifications").addPathSegment("search")
          .addQueryParameter("query", query)
          .addQueryParameter("includeCodelists", "true")
          .addQueryParameter("page", Integer.toString(page))
          .addQueryParameter("size", Integer.toString(settings.pageSize()))
          .build();
      KlassDocuments.Page<KlassDocuments.SearchHit> p =
          get(url, "search for '" + query + "'", budget, KlassDocuments::searchHits);
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
      Integer selectLevel, CallBudget budget) throws SQLException {
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
    return get(b.build(), "classification " + id, budget, KlassDocuments::codes);
  }

  /** Fetches the codes of a classification valid at a date. */
  public List<KlassDocuments.Code> codesAt(String id, LocalDate date, CallBudget budget)
      throws SQLException {
    HttpUrl url = classification(id).addPathSegment("codesAt")
        .addQueryParameter("date", date.toString())
        .addQueryParameter("language", settings.language())
        .build();
    return get(url, "classification " + id, budget, KlassDocuments::codes);
  }

  /** Fetches the codes of a named variant of a classification valid at a date. */
  public List<KlassDocuments.Code> variantAt(String id, String variantName, LocalDate date,
      CallBudget budget) throws SQLException {
    HttpUrl url = classification(id).addPathSegment("variantAt")
        .addQueryParameter("variantName", variantName)
        .addQueryParameter("date", date.toString())
        .addQueryParameter("language", settings.language())
        .build();
    return get(url, "variant '" + variantName + "' of classification " + id, budget,
        KlassDocuments::codes);
  }

  /** Fetches the correspondence between two classifications valid at a date. */
  public List<KlassDocuments.Correspondence> correspondsAt(String sourceId, String targetId,
      LocalDate date, CallBudget budget) throws SQLException {
    HttpUrl url = classification(sourceId).addPathSegment("correspondsAt")
        .addQueryParameter("targetClassificationId", targetId)
        .addQueryParameter("date", date.toString())
        .addQueryParameter("language", settings.language())
        .build();
    return get(url, "correspondence from classification " + sourceId + " to " + targetId
        + " at " + date, budget, KlassDocuments::correspondences);
  }

  /**
   * Fetches the changes of codes in a range.
   *
   * @param to end of the range (exclusive), or null for an open end
   */
  public List<KlassDocuments.Change> changes(String id, LocalDate from, LocalDate to,
      CallBudget budget) throws SQLException {
    HttpUrl.Builder b = classification(id).addPathSegment("changes")
        .addQueryParameter("from", from.toString());
    if (to != null) {
      b.addQueryParameter("to", to.toString());
    }
    b.addQueryParameter("language", settings.language());
    return get(b.build(), "classification " + id, budget, KlassDocuments::changes);
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
    return http.base().newBuilder().addPathSegment("classifications")
        .addPathSegment(HttpService.pathSegment(id, "classification"));
  }

  /** Reader of a parsed document. */
  private interface DocumentReader<T> {
    T read(JsonNode root) throws MalformedDocumentException;
  }

  /**
   * GETs a Klass document (from the disk cache when it holds one) and reads it.
   *
   * @param subject what is asked for, named in errors ("classification 131")
   * @param budget the statement's budget: its cancel and deadline stop the call
   */
  private <T> T get(HttpUrl url, String subject, CallBudget budget, DocumentReader<T> reader)
      throws SQLException {
    String what = "Klass's answer for " + subject;
    JsonNode root = http.document(url, subject, budget, in -> JsonDocuments.parse(in, what));
    try {
      return reader.read(root);
    } catch (MalformedDocumentException e) {
      throw http.errors().fromMalformed(e, "GET", url.toString());
    }
  }
}
