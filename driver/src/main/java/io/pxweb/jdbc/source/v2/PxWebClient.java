package io.pxweb.jdbc.source.v2;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxweb.jdbc.http.HttpService;
import io.pxweb.jdbc.http.HttpSettings;
import io.pxweb.jdbc.http.RateLimiter;
import io.pxweb.jdbc.json.JsonDocuments;
import io.pxweb.jdbc.jsonstat.JsonStatReader;
import io.pxweb.jdbc.model.CallBudget;
import io.pxweb.jdbc.model.Cube;
import io.pxweb.jdbc.model.DataRequest;
import io.pxweb.jdbc.model.MalformedDocumentException;
import io.pxweb.jdbc.model.SavedQuery;
import io.pxweb.jdbc.model.SourceDescription;
import io.pxweb.jdbc.model.TableEntry;
import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.source.StatbankSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * A PxWebApi 2.0 server as a source: its endpoints ({@code /config}, {@code /tables},
 * {@code /tables/{id}/metadata}, {@code /tables/{id}/data}) over the shared transport,
 * {@link HttpService}, which paces, retries, caches and classifies failures.
 */
public final class PxWebClient implements StatbankSource {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  /** Most pages of one table list read; statbanks list fewer than 20 at 1000 per page. */
  private static final int MAX_TABLE_PAGES = 10_000;

  private final HttpService http;
  private final HttpSettings settings;

  public PxWebClient(String baseUrl, HttpSettings settings) throws SQLException {
    HttpUrl parsed = HttpUrl.parse(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    if (parsed == null) {
      throw new SQLException("Malformed server URL: " + baseUrl, "08001");
    }
    this.settings = requireNonNull(settings, "settings");
    this.http = new HttpService(parsed.newBuilder().removePathSegment(parsed.pathSize() - 1)
        .build(), settings, PxWebErrors.VOCABULARY, "application/json");
  }

  /**
   * Returns the base URL without user info, e.g. {@code https://data.ssb.no/api/pxwebapi/v2}:
   * it goes into messages.
   */
  @Override public String location() {
    return http.location();
  }

  /** Returns the base URL with a digest of the credentials: one scope per identity. */
  @Override public String cacheScope() {
    return http.cacheScope();
  }

  /** Fetches {@code /config}, and paces calls by the rate limit it reports. */
  @Override public SourceDescription config() throws SQLException {
    HttpUrl url = http.base().newBuilder().addPathSegment("config").build();
    SourceDescription config = ApiDocuments.config(getDocument(url, "configuration"));
    http.rateLimiter().configure(config.maxCallsPerTimeWindow(),
        Duration.ofSeconds(config.timeWindowSeconds()), RateLimiter.Source.CONFIG);
    return config;
  }

  /** Returns the limiter pacing this server's calls. */
  public RateLimiter rateLimiter() {
    return http.rateLimiter();
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
      HttpUrl.Builder b = http.base().newBuilder().addPathSegment("tables")
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
    return metadata(tableId, lang, Map.of());
  }

  /** Fetches a table's metadata with codelists applied ({@code codelist[VAR]=id}). */
  @Override public TableMetadata metadata(String tableId, String lang,
      Map<String, String> codelists) throws SQLException {
    HttpUrl.Builder b = http.base().newBuilder().addPathSegment("tables")
        .addPathSegment(HttpService.pathSegment(tableId, "table")).addPathSegment("metadata")
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
   * @param budget the statement's budget: its cancel aborts the call and any wait before it
   */
  @Override public Cube data(DataRequest request, String lang, CallBudget budget)
      throws SQLException {
    HttpService.pathSegment(request.tableId(), "table");
    HttpUrl getUrl = RequestEncoder.getUrl(http.base(), request, lang);
    Request httpRequest;
    if (getUrl.toString().length() <= settings.maxUrlLength()
        && RequestEncoder.fitsGet(request)) {
      httpRequest = new Request.Builder().url(getUrl).get().build();
    } else {
      HttpUrl postUrl = RequestEncoder.postUrl(http.base(), request, lang);
      String body = RequestEncoder.postBody(request);
      httpRequest = new Request.Builder().url(postUrl).post(RequestBody.create(body, JSON)).build();
    }
    Map<String, Integer> requested = new HashMap<>();
    request.selections().forEach(s -> requested.put(s.variable(), s.size()));
    return http.data(httpRequest, "data of table " + request.tableId(), budget,
        in -> JsonStatReader.read(in, requested));
  }

  /**
   * Reads a saved query: {@code GET /savedqueries/{id}} for its table, and
   * {@code GET /savedqueries/{id}/selection?lang=} for its selection with the expressions
   * expanded to value codes.
   */
  @Override public boolean hasSavedQueries() {
    return true;
  }

  @Override public SavedQuery savedQuery(String id, String lang) throws SQLException {
    if (id.isEmpty() || id.contains("/") || id.contains("\\") || id.contains("..")) {
      // The server refuses these (400); as a path they would name another endpoint.
      throw new SQLException("No saved query has the id '" + id + "'", "42S02");
    }
    HttpUrl query = http.base().newBuilder().addPathSegment("savedqueries").addPathSegment(id)
        .build();
    HttpUrl selection = query.newBuilder().addPathSegment("selection")
        .addQueryParameter("lang", lang).build();
    JsonNode queryDoc = getDocument(query, "saved query " + id);
    JsonNode selectionDoc = getDocument(selection, "selection of saved query " + id);
    try {
      return ApiDocuments.savedQuery(id, queryDoc, selectionDoc);
    } catch (MalformedDocumentException e) {
      throw PxWebErrors.fromMalformed(e.getMessage(), "GET", query.toString());
    }
  }

  /** Fetches and parses a metadata document (once), from the disk cache when it holds one. */
  private JsonNode getDocument(HttpUrl url, String what)
      throws SQLException {
    return http.document(url, what, in -> JsonDocuments.parse(in, what));
  }
}
