package io.pxweb.jdbc.source.v2;


import io.pxweb.jdbc.json.JsonDocuments;
import io.pxweb.jdbc.model.DataRequest;
import io.pxweb.jdbc.model.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Writer of data requests in the API's selection syntax: a GET URL with
 * {@code valueCodes[VAR]=...} parameters, or a POST JSON body when the URL would be too long.
 *
 * <p>Compact forms keep URLs short: {@code *} for all values, {@code top(n)} for the n latest
 * periods, {@code range(a,b)} for a run of three or more neighbours in table order. In a GET list a code that contains a comma, or starts
 * with {@code [} and ends with {@code ]}, or has surrounding spaces, is wrapped in brackets,
 * because the server splits on commas outside brackets, unwraps bracketed items and trims others.
 */
public final class RequestEncoder {
  /** Shortest run worth sending as a range rather than as codes. */
  private static final int MIN_RANGE_RUN = 3;

  private RequestEncoder() {
  }

  /** Builds the GET URL for a request. */
  public static HttpUrl getUrl(HttpUrl base, DataRequest request, String lang) {
    HttpUrl.Builder b = dataUrl(base, request.tableId(), lang);
    for (Selection s : request.selections()) {
      b.addQueryParameter("valueCodes[" + s.variable() + "]", String.join(",", items(s, true)));
      String codelist = request.codelists().get(s.variable());
      if (codelist != null) {
        b.addQueryParameter("codelist[" + s.variable() + "]", codelist);
      }
    }
    return b.build();
  }

  /** Builds the URL a POST request goes to: the selection travels in the body. */
  public static HttpUrl postUrl(HttpUrl base, DataRequest request, String lang) {
    return dataUrl(base, request.tableId(), lang).build();
  }


  private static HttpUrl.Builder dataUrl(HttpUrl base, String tableId, String lang) {
    HttpUrl.Builder b = base.newBuilder().addPathSegment("tables").addPathSegment(tableId)
        .addPathSegment("data");
    if (lang != null) {
      b.addQueryParameter("lang", lang);
    }
    return b.addQueryParameter("outputFormat", "json-stat2");
  }

  /** Writes the POST body: {@code {"selection":[{"variableCode":..,"valueCodes":[..]}]}}. */
  public static String postBody(DataRequest request) {
    return JsonDocuments.body(g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("selection");
      for (Selection s : request.selections()) {
        g.writeStartObject();
        g.writeStringField("variableCode", s.variable());
        String codelist = request.codelists().get(s.variable());
        if (codelist != null) {
          g.writeStringField("codelist", codelist);
        }
        g.writeArrayFieldStart("valueCodes");
        for (String item : items(s, false)) {
          g.writeString(item);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  /**
   * Returns the items of one variable's selection. In GET form items are escaped for the
   * server's comma splitting; in POST form they are used verbatim by the server.
   */
  static List<String> items(Selection s, boolean get) {
    List<String> items = new ArrayList<>();
    if (s.all()) {
      items.add("*");
      return items;
    }
    if (s.latest()) {
      // top(n) on the time variable is its n latest periods (PxAPI-2.yml).
      String top = "top(" + s.size() + ")";
      items.add(top);
      return items;
    }
    List<String> codes = s.codes();
    List<Integer> positions = s.positions();
    int i = 0;
    while (i < codes.size()) {
      int j = i;
      while (j + 1 < codes.size() && positions.get(j + 1) == positions.get(j) + 1) {
        j++;
      }
      if (j - i + 1 >= MIN_RANGE_RUN && rangeSafe(codes.get(i)) && rangeSafe(codes.get(j))) {
        String range = "range(" + codes.get(i) + "," + codes.get(j) + ")";
        items.add(get ? "[" + range + "]" : range);
        i = j + 1;
      } else {
        items.add(get ? escape(codes.get(i)) : codes.get(i));
        i++;
      }
    }
    return items;
  }

  /** The server's GET list splitter: commas not inside {@code [...]} (contract, GET list splitting). */
  private static final Pattern SERVER_SPLIT =
      Pattern.compile(",(?=[^\\]]*(?:\\[|$))");

  /**
   * Returns whether every selection survives the server's GET list splitting unchanged. A code
   * such as {@code a],[b} is split in two however it is bracketed, and would select other
   * values than asked for: such requests go as POST, where codes are taken verbatim.
   */
  public static boolean fitsGet(DataRequest request) {
    for (Selection s : request.selections()) {
      if (!serverItems(String.join(",", items(s, true))).equals(items(s, false))) {
        return false;
      }
    }
    return true;
  }

  /** Returns the items the server reads from one GET list: split, then unwrapped or trimmed. */
  static List<String> serverItems(String list) {
    List<String> out = new ArrayList<>();
    for (String item : SERVER_SPLIT.split(list, -1)) {
      out.add(item.startsWith("[") && item.endsWith("]") && item.length() >= 2
          ? item.substring(1, item.length() - 1) : item.trim());
    }
    return out;
  }

  /** Returns whether a code can stand inside {@code range(a,b)}: the server's regex forbids commas and ')'. */
  private static boolean rangeSafe(String code) {
    return !code.isEmpty() && code.indexOf(',') < 0 && code.indexOf(')') < 0
        && code.indexOf('(') < 0 && code.equals(code.trim());
  }

  /** Escapes one code for a GET list (see the class comment). */
  static String escape(String code) {
    boolean bracketed = code.startsWith("[") && code.endsWith("]");
    if (code.indexOf(',') >= 0 || bracketed || !code.equals(code.trim()) || code.isEmpty()) {
      return "[" + code + "]";
    }
    return code;
  }
}
