package io.pxweb.jdbc.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code GET /tables} endpoint: search and paging over the catalog.
 *
 * <p>{@code query} is not Lucene here: every whitespace-separated word (an {@code AND} is
 * skipped, a {@code field:} prefix and a trailing {@code *} are dropped) must occur,
 * ignoring case, in the table's id, label, description, variable names or path labels.
 */
final class TableListEndpoint extends ApiEndpoint {

  TableListEndpoint(ServerSettings settings) {
    super("pxweb-tables", settings);
  }

  @Override
  protected ResponseDefinition handle(ApiRequest request) {
    String lang = request.language();
    Optional<String> query = request.param("query").filter(q -> !q.isBlank());
    int pastDays = request.intParam("pastDays").orElse(0);
    boolean includeDiscontinued = bool(request, "includeDiscontinued");
    // Values <= 0 become 1 and the configured page size (TablesApiController; PxWebApi).
    int pageNumber = Math.max(1, request.intParam("pageNumber").orElse(1));
    int requestedSize = request.intParam("pageSize").orElse(0);
    int pageSize = requestedSize > 0 ? requestedSize : settings.pageSize();

    List<TestTable> hits = new ArrayList<>();
    for (TestTable t : settings.catalog().tables()) {
      JsonNode e = t.entryView();
      if (!includeDiscontinued && e.path("discontinued").asBoolean(false)) {
        continue;
      }
      if (pastDays >= 1 && !updatedWithin(e, pastDays)) {
        continue;
      }
      if (query.isPresent() && !matches(e, query.get())) {
        continue;
      }
      hits.add(t);
    }
    int total = hits.size();
    // No hits still reports one page (TablesResponseMapper.cs).
    int totalPages = Math.max(1, (total + pageSize - 1) / pageSize);
    if (pageNumber > totalPages) {
      throw ApiProblem.nonExistentPage();
    }
    String base = request.apiBase();
    ObjectNode out = Json.object();
    out.put("language", lang);
    ArrayNode tables = out.putArray("tables");
    int from = (pageNumber - 1) * pageSize;
    for (TestTable t : hits.subList(from, Math.min(total, from + pageSize))) {
      tables.add(TableLinks.entry(t, lang, base, settings));
    }
    ObjectNode page = out.putObject("page");
    page.put("pageNumber", pageNumber);
    page.put("pageSize", pageSize);
    page.put("totalElements", total);
    page.put("totalPages", totalPages);
    ArrayNode pageLinks = page.putArray("links");
    if (pageNumber < totalPages) {
      pageLinks.add(TableLinks.link("next", lang, pageUrl(base, lang, query, pageSize,
          pageNumber + 1)));
    }
    if (pageNumber > 1) {
      pageLinks.add(TableLinks.link("previous", lang, pageUrl(base, lang, query, pageSize,
          pageNumber - 1)));
    }
    if (pageNumber < totalPages) {
      pageLinks.add(TableLinks.link("last", lang, pageUrl(base, lang, query, pageSize,
          totalPages)));
    }
    out.putArray("links")
        .add(TableLinks.link("self", lang, pageUrl(base, lang, query, pageSize, pageNumber)));
    return json(out);
  }

  /**
   * {@code /tables/?lang=en&pagesize=20&pageNumber=2}: lower-case {@code pagesize} and a
   * trailing slash as LinkCreator writes it. Carrying {@code query} along is this server's
   * guess; the recorded links come from requests without one.
   */
  private static String pageUrl(String base, String lang, Optional<String> query, int size,
      int number) {
    StringBuilder url = new StringBuilder(base).append("/tables/?lang=").append(lang);
    query.ifPresent(q -> url.append("&query=").append(URLEncoder.encode(q, StandardCharsets.UTF_8)));
    return url.append("&pagesize=").append(size).append("&pageNumber=").append(number)
        .toString();
  }

  private static boolean bool(ApiRequest request, String name) {
    Optional<String> v = request.param(name).filter(s -> !s.isEmpty());
    if (v.isEmpty()) {
      return false;
    }
    if (v.get().equalsIgnoreCase("true") || v.get().equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v.get().toLowerCase(Locale.ROOT));
    }
    throw ApiProblem.validation(name, "The value '" + v.get() + "' is not valid.");
  }

  /** Keeps tables updated within the last pastDays, at hour resolution (PxWebApi). */
  private static boolean updatedWithin(JsonNode entry, int pastDays) {
    try {
      Instant updated = Instant.parse(entry.path("updated").asText());
      Instant limit = Instant.now().minus(Duration.ofDays(pastDays))
          .truncatedTo(java.time.temporal.ChronoUnit.HOURS);
      return !updated.isBefore(limit);
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean matches(JsonNode entry, String query) {
    StringBuilder hay = new StringBuilder();
    for (String field : List.of("id", "label", "description", "firstPeriod", "lastPeriod")) {
      hay.append(entry.path(field).asText()).append('\n');
    }
    entry.path("variableNames").forEach(v -> hay.append(v.asText()).append('\n'));
    entry.path("paths").forEach(path -> path.forEach(
        level -> hay.append(level.path("label").asText()).append('\n')));
    String text = hay.toString().toLowerCase(Locale.ROOT);
    for (String word : query.trim().split("\\s+")) {
      if (word.equals("AND")) {
        continue;
      }
      String w = word.contains(":") ? word.substring(word.indexOf(':') + 1) : word;
      w = w.replace("*", "").replace("\"", "").toLowerCase(Locale.ROOT);
      if (!w.isEmpty() && !text.contains(w)) {
        return false;
      }
    }
    return true;
  }
}
