package io.pxweb.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API cost of a fixed workload of analyst queries on the loopback server's tables: the requests
 * and cells the driver plans ({@code EXPLAIN PLAN FOR}: {@code requests=[n], cells=[m]}) and
 * sends (the server's request log), against the minimum the metadata allows, worked out by hand
 * for each query (the {@code why} column).
 *
 * <p>Table {@code 07459}: Region 500 × Kjonn 2 × Alder 100 × ContentsCode 2 (Personer1, Andel) ×
 * Tid 40 (1986-2025). Table {@code 03013}: Konsumgrp 156 × ContentsCode 3 × Tid 564
 * (1979M01-2025M12). Limit: 800,000 cells per request.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.pxweb.bench.ApiCost <server base URL>}; prints a
 * Markdown table.
 */
public final class ApiCost {
  /** One workload query and its hand-computed minimum. */
  record Query(String shape, String sql, String parameter, long minRequests, long minCells,
      String why) {
  }

  static final List<Query> WORKLOAD = List.of(
      new Query("point series (one measure)",
          "SELECT Tid, Personer1 FROM \"07459\" WHERE Region = '0301' AND Kjonn = '2' AND Alder = '030'",
          null, 1, 40, "1 region × 1 sex × 1 age × 1 content × 40 years"),
      new Query("point series, all columns",
          "SELECT * FROM \"07459\" WHERE Region = '0301' AND Kjonn = '2' AND Alder = '030'",
          null, 1, 80, "1 × 1 × 1 × 2 contents × 40 years"),
      new Query("point series, prepared (Region = ?)",
          "SELECT Tid, Personer1 FROM \"07459\" WHERE Region = ? AND Kjonn = '2' AND Alder = '030'",
          "0301", 1, 40, "as the first query, with the code bound at run time"),
      new Query("latest 5 periods",
          "SELECT Tid, Personer1 FROM \"07459\" WHERE Region = '0301' AND Kjonn = '2' AND Alder = '030'"
              + " ORDER BY Tid DESC FETCH FIRST 5 ROWS ONLY",
          null, 1, 5, "1 series × the 5 latest years"),
      new Query("latest 12 months (monthly table)",
          "SELECT Tid, KpiIndMnd FROM \"03013\" WHERE Konsumgrp = '07' ORDER BY Tid DESC LIMIT 12",
          null, 1, 12, "1 group × 1 content × the 12 latest months"),
      new Query("periods since a date",
          "SELECT Tid, KpiIndMnd FROM \"03013\" WHERE Konsumgrp = '01' AND Tid_date >= DATE '2020-01-01'",
          null, 1, 72, "1 group × 1 content × 72 months (2020M01-2025M12)"),
      new Query("latest period via MAX subquery",
          "SELECT Region_label, Personer1 FROM \"07459\" WHERE Kjonn = '1' AND Alder = '000'"
              + " AND Tid = (SELECT MAX(Tid) FROM \"07459\")",
          null, 1, 500, "500 regions × 1 × 1 × 1 content × the latest year (MAX(Tid) is known from metadata)"),
      new Query("label search (LIKE on labels)",
          "SELECT Konsumgrp, Konsumgrp_label, KpiIndMnd FROM \"03013\""
              + " WHERE Konsumgrp_label LIKE 'Transport%' AND Tid = '2025M12'",
          null, 1, 13, "13 groups labelled Transport… (07, 4 groups, 8 subgroups) × 1 content × 1 month"),
      new Query("label search, regions",
          "SELECT Region_label, Tid, Personer1 FROM \"07459\" WHERE Region_label LIKE 'Nord%'"
              + " AND Kjonn = '2' AND Alder = '030'",
          null, 1, 2000, "50 regions named Nord… × 1 × 1 × 1 content × 40 years"),
      new Query("count of rows",
          "SELECT COUNT(*) FROM \"07459\" WHERE Kjonn = '2'", null, 0, 0,
          "rows are the cube's: 500 × 1 × 100 × 40, known from metadata"),
      new Query("count of values (non-null)",
          "SELECT COUNT(Personer1) FROM \"07459\" WHERE Region = '0301'", null, 1, 8000,
          "nulls are only in the data: 1 region × 2 × 100 × 1 content × 40"),
      new Query("distinct values",
          "SELECT DISTINCT Region, Region_label FROM \"07459\"", null, 0, 0, "metadata"),
      new Query("distinct periods",
          "SELECT DISTINCT Tid FROM \"03013\" ORDER BY Tid DESC", null, 0, 0, "metadata"),
      new Query("aggregate over a slice",
          "SELECT Tid, SUM(Personer1) FROM \"07459\" WHERE Kjonn = '2' AND Alder BETWEEN '020' AND '029'"
              + " GROUP BY Tid",
          null, 1, 200_000, "500 × 1 × 10 ages × 1 content × 40 = 200,000 ≤ 800,000"),
      new Query("top 10 by a measure",
          "SELECT Region_label, Personer1 FROM \"07459\" WHERE Kjonn = '2' AND Alder = '030'"
              + " AND Tid = '2025' ORDER BY Personer1 DESC LIMIT 10",
          null, 1, 500, "every region must be read to rank them: 500 × 1 × 1 × 1 × 1"),
      new Query("OR across variables",
          "SELECT Tid, Personer1 FROM \"07459\" WHERE Alder = '030'"
              + " AND ((Region = '0301' AND Kjonn = '1') OR (Region = '0101' AND Kjonn = '2'))",
          null, 1, 160, "in 1 request: the 2 regions × 2 sexes box × 40 = 160 cells"
              + " (2 requests could send only the 2 series' 80 cells)"),
      new Query("LIMIT without ORDER BY",
          "SELECT * FROM \"07459\" LIMIT 10", null, 1, 20,
          "the first 10 rows: 1 × 1 × 1 × 2 contents × 10 years"),
      new Query("full scan of the monthly table",
          "SELECT * FROM \"03013\"", null, 1, 263_952, "156 × 3 × 564 = 263,952 ≤ 800,000"),
      new Query("full scan, one measure (over the limit)",
          "SELECT Region, Kjonn, Alder, Tid, Personer1 FROM \"07459\"", null, 5, 4_000_000,
          "500 × 2 × 100 × 1 × 40 = 4,000,000: ceil(4,000,000 / 800,000) = 5"),
      new Query("full scan (over the limit)",
          "SELECT * FROM \"07459\"", null, 10, 8_000_000,
          "8,000,000 cells: ceil(8,000,000 / 800,000) = 10"));

  private static final Pattern PLANNED =
      Pattern.compile("requests=\\[(\\d+)\\], cells=\\[(\\d+)\\]");

  private ApiCost() {
  }

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String url = "jdbc:pxweb:" + base + ";rateLimit=none;lang=en";
    Class.forName("io.pxweb.jdbc.PxWebDriver");
    log(base); // the log so far is other runs'
    List<String> rows = new ArrayList<>();
    long totalMinReq = 0;
    long totalMinCells = 0;
    long totalReq = 0;
    long totalCells = 0;
    int metadataRequests;
    try (Connection c = DriverManager.getConnection(url)) {
      // Connecting reads /config and /tables; first use of each table reads its metadata.
      metadataRequests = count(log(base), null);
      for (Query q : WORKLOAD) {
        String planned;
        if (q.parameter() == null) {
          long[] p = explain(c, q.sql());
          planned = p[0] + " / " + String.format(Locale.ROOT, "%,d", p[1]);
        } else {
          planned = "(decided at run time)";
        }
        metadataRequests += count(log(base), null);
        long rowCount = 0;
        if (q.parameter() == null) {
          try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(q.sql())) {
            while (rs.next()) {
              rowCount++;
            }
          }
        } else {
          try (PreparedStatement s = c.prepareStatement(q.sql())) {
            s.setString(1, q.parameter());
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                rowCount++;
              }
            }
          }
        }
        List<String[]> lines = log(base);
        metadataRequests += count(lines, "metadata");
        int requests = count(lines, "data");
        long cells = 0;
        for (String[] l : lines) {
          if (l[0].equals("data")) {
            cells += Long.parseLong(l[4]);
          }
        }
        totalMinReq += q.minRequests();
        totalMinCells += q.minCells();
        totalReq += requests;
        totalCells += cells;
        String verdict = requests == q.minRequests() && cells == q.minCells() ? "minimum"
            : cells <= q.minCells() && requests <= q.minRequests() ? "below? check"
            : String.format(Locale.ROOT, "%s%s",
                requests != q.minRequests() ? "requests ×" + ratio(requests, q.minRequests()) : "",
                cells != q.minCells() ? (requests != q.minRequests() ? ", " : "") + "cells ×"
                    + ratio(cells, q.minCells()) : "");
        rows.add(String.format(Locale.ROOT, "| %s | `%s` | %,d | %d / %,d | %s | %d / %,d | %s |",
            q.shape(), q.sql().replace("|", "\\|") + (q.parameter() == null ? "" : " (? = '" + q.parameter() + "')"),
            rowCount, q.minRequests(), q.minCells(), planned, requests, cells,
            verdict + "; min: " + q.why()));
      }
    }
    System.out.println("| Query | SQL | Rows | Minimum req / cells | EXPLAIN req / cells | Sent req / cells (server log) | Verdict; minimum's reasoning |");
    System.out.println("|---|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
    System.out.printf(Locale.ROOT, "| **Total** | %d queries | | %d / %,d | | %d / %,d | requests ×%s, cells ×%s |%n",
        WORKLOAD.size(), totalMinReq, totalMinCells, totalReq, totalCells,
        ratio(totalReq, totalMinReq), ratio(totalCells, totalMinCells));
    System.out.println();
    System.out.println("Metadata requests for the whole workload (one connection): " + metadataRequests
        + " (/config, /tables, and each table's metadata once).");
  }

  private static String ratio(long a, long b) {
    return b == 0 ? (a == 0 ? "1" : "∞") : String.format(Locale.ROOT, "%.2f", (double) a / b);
  }

  private static long[] explain(Connection c, String sql) throws Exception {
    long requests = 0;
    long cells = 0;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      while (rs.next()) {
        Matcher m = PLANNED.matcher(rs.getString(1));
        while (m.find()) {
          requests += Long.parseLong(m.group(1));
          cells += Long.parseLong(m.group(2));
        }
      }
    }
    return new long[] {requests, cells};
  }

  private static int count(List<String[]> lines, String kind) {
    int n = 0;
    for (String[] l : lines) {
      if (kind == null || l[0].equals(kind)) {
        n++;
      }
    }
    return n;
  }

  /** Returns and clears the server's request log. */
  static List<String[]> log(String base) throws IOException {
    List<String[]> out = new ArrayList<>();
    URL u = URI.create(base + "/_bench/log").toURL();
    try (InputStream in = u.openStream()) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isEmpty()) {
          out.add(line.split("\t", -1));
        }
      }
    }
    return out;
  }
}
