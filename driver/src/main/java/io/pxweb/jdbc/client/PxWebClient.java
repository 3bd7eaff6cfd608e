package io.pxweb.jdbc.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxweb.jdbc.jsonstat.Cube;
import io.pxweb.jdbc.jsonstat.JsonStatReader;
import io.pxweb.jdbc.metadata.ApiConfig;
import io.pxweb.jdbc.metadata.ApiDocuments;
import io.pxweb.jdbc.metadata.MalformedDocumentException;
import io.pxweb.jdbc.metadata.TableEntry;
import io.pxweb.jdbc.metadata.TableMetadata;
import io.pxweb.jdbc.source.StatbankSource;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
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

  private final HttpUrl base;
  private final OkHttpClient http;
  private final ClientSettings settings;
  private volatile Consumer<String> requestListener = url -> { };

  public PxWebClient(String baseUrl, ClientSettings settings) throws SQLException {
    HttpUrl parsed = HttpUrl.parse(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    if (parsed == null) {
      throw new SQLException("Malformed server URL: " + baseUrl, "08001");
    }
    this.base = parsed.newBuilder().removePathSegment(parsed.pathSize() - 1).build();
    this.settings = requireNonNull(settings, "settings");
    this.http = SHARED.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .readTimeout(settings.readTimeout())
        .callTimeout(settings.callTimeout())
        .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
            .header("User-Agent", settings.userAgent())
            .header("Accept", "application/json")
            .build()))
        .build();
  }

  /** Returns the base URL, e.g. {@code https://data.ssb.no/api/pxwebapi/v2}. */
  @Override public String location() {
    String s = base.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** Sets a listener told of every request ("GET url" or "POST url body") before it is sent. */
  public void setRequestListener(Consumer<String> listener) {
    this.requestListener = requireNonNull(listener, "listener");
  }

  /** Fetches {@code /config}. */
  @Override public ApiConfig config() throws SQLException {
    HttpUrl url = base.newBuilder().addPathSegment("config").build();
    return ApiDocuments.config(getDocument(url, "configuration"));
  }

  /** Fetches every page of {@code /tables} in the given language. */
  @Override public List<TableEntry> tables(String lang, int pageSize) throws SQLException {
    List<TableEntry> all = new ArrayList<>();
    int page = 1;
    int totalPages;
    do {
      HttpUrl url = base.newBuilder().addPathSegment("tables")
          .addQueryParameter("lang", lang)
          .addQueryParameter("pageSize", Integer.toString(pageSize))
          .addQueryParameter("pageNumber", Integer.toString(page))
          .build();
      JsonNode doc = getDocument(url, "table list");
      try {
        ApiDocuments.TablePage p = ApiDocuments.tablePage(doc);
        all.addAll(p.tables());
        totalPages = p.totalPages();
      } catch (MalformedDocumentException e) {
        throw PxWebErrors.fromMalformed(e.getMessage(), "GET", url.toString());
      }
      page++;
    } while (page <= totalPages);
    return all;
  }

  /** Fetches a table's metadata ({@code /tables/{id}/metadata}). */
  @Override public TableMetadata metadata(String tableId, String lang) throws SQLException {
    HttpUrl url = base.newBuilder().addPathSegment("tables").addPathSegment(tableId)
        .addPathSegment("metadata").addQueryParameter("lang", lang).build();
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
   * @param abortSlot receives the running call's cancel action, so another thread can abort it
   */
  @Override public Cube data(DataRequest request, String lang, Consumer<Runnable> abortSlot)
      throws SQLException {
    HttpUrl getUrl = RequestEncoder.getUrl(base, request, lang);
    Request httpRequest;
    String method;
    String shown;
    if (getUrl.toString().length() <= settings.maxUrlLength()) {
      httpRequest = new Request.Builder().url(getUrl).get().build();
      method = "GET";
      shown = getUrl.toString();
    } else {
      HttpUrl postUrl = RequestEncoder.postUrl(base, request, lang);
      String body = RequestEncoder.postBody(request);
      httpRequest = new Request.Builder().url(postUrl).post(RequestBody.create(body, JSON)).build();
      method = "POST";
      shown = postUrl.toString();
      requestListener.accept("POST " + shown + " " + body);
    }
    if ("GET".equals(method)) {
      requestListener.accept("GET " + shown);
    }
    okhttp3.Call call = http.newCall(httpRequest);
    abortSlot.accept(call::cancel);
    try (Response response = call.execute()) {
      ResponseBody body = response.body();
      if (!response.isSuccessful()) {
        throw PxWebErrors.fromStatus(response.code(), body.string(), method, shown);
      }
      checkJson(response, method, shown);
      try (InputStream in = body.byteStream()) {
        return JsonStatReader.read(in);
      } catch (MalformedDocumentException e) {
        throw PxWebErrors.fromMalformed(e.getMessage(), method, shown);
      }
    } catch (IOException e) {
      throw PxWebErrors.fromIo(e, method, shown);
    } finally {
      abortSlot.accept(null);
    }
  }

  private JsonNode getDocument(HttpUrl url, String what) throws SQLException {
    requestListener.accept("GET " + url);
    Request request = new Request.Builder().url(url).get().build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      if (!response.isSuccessful()) {
        throw PxWebErrors.fromStatus(response.code(), body.string(), "GET", url.toString());
      }
      checkJson(response, "GET", url.toString());
      try (InputStream in = body.byteStream()) {
        return ApiDocuments.parse(in, what);
      } catch (MalformedDocumentException e) {
        throw PxWebErrors.fromMalformed(e.getMessage(), "GET", url.toString());
      }
    } catch (IOException e) {
      throw PxWebErrors.fromIo(e, "GET", url.toString());
    }
  }

  /** Rejects a success whose content type says it is not JSON (e.g. an HTML error page at 200). */
  private static void checkJson(Response response, String method, String url) throws SQLException {
    String type = response.header("Content-Type");
    if (type != null && !type.toLowerCase(Locale.ROOT).contains("json")) {
      throw PxWebErrors.fromMalformed("expected JSON, got content type '" + type + "'", method, url);
    }
  }
}
