package io.pxweb.jdbc.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pxweb.jdbc.testserver.PxWebTestServer;
import io.pxweb.jdbc.testserver.TestTable;
import java.util.List;

/** Reads what a logged GET data request selects, to count its cells independently of the driver. */
final class Requests {
  private Requests() {
  }

  /** Returns the data requests the test server received for a table (GET or POST). */
  static List<LoggedRequest> data(PxWebTestServer server, String table) {
    return server.findAll(anyRequestedFor(urlPathEqualTo("/api/v2/tables/" + table + "/data")));
  }

  /** Returns the number of cells a GET data request selects on a table. */
  static long cells(LoggedRequest r, TestTable table) {
    long cells = 1;
    for (String variable : table.variableCodes()) {
      cells *= count(r.queryParameter("valueCodes[" + variable + "]").firstValue(),
          table.valueCodes(variable));
    }
    return cells;
  }

  /** Counts the values one {@code valueCodes} parameter selects (codes without commas only). */
  static int count(String selection, List<String> codes) {
    int n = 0;
    for (String item : selection.split(",(?=[^\\]]*(?:\\[|$))")) {
      if (item.equals("*")) {
        n += codes.size();
      } else if (item.startsWith("[range(")) {
        String[] ends = item.substring(7, item.length() - 2).split(",");
        n += codes.indexOf(ends[1]) - codes.indexOf(ends[0]) + 1;
      } else if (item.startsWith("top(")) {
        n += Integer.parseInt(item.substring(4, item.length() - 1));
      } else {
        n++;
      }
    }
    return n;
  }
}
