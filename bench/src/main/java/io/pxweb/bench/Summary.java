package io.pxweb.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the raw results of bench/run.sh (one folder) into the Markdown tables of
 * docs/benchmarks.md: figures with medians and spread, and each goal met or not.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.pxweb.bench.Summary <results dir>}.
 */
public final class Summary {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern LOAD = Pattern.compile("load average ([0-9.]+)");
  private final Path dir;
  private StringBuilder out = new StringBuilder();
  /** Reader/cells to median cells/s and more, from JMH (Java) and the node script (js). */
  private final Map<String, double[]> java = new LinkedHashMap<>();
  private final Map<String, double[]> js = new LinkedHashMap<>();

  private Summary(Path dir) {
    this.dir = dir;
  }

  public static void main(String[] args) throws IOException {
    Summary s = new Summary(Path.of(args[0]));
    s.parse();
    StringBuilder details = s.out;
    s.out = new StringBuilder();
    s.goals();
    s.out.append(details);
    s.endToEnd();
    s.memory();
    s.coldStart();
    s.planning();
    s.apiCost();
    s.findings();
    System.out.print(s.out);
  }

  private void line(String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  private boolean exists(String name) {
    return Files.exists(dir.resolve(name));
  }

  private List<String[]> tsv(String name) throws IOException {
    List<String[]> rows = new ArrayList<>();
    if (!exists(name)) {
      return rows;
    }
    for (String l : Files.readAllLines(dir.resolve(name))) {
      if (!l.isBlank() && !l.startsWith("#") && !l.startsWith("run\t") && !l.startsWith("mode\t")) {
        rows.add(l.split("\t", -1));
      }
    }
    return rows;
  }

  private static String mega(double perSecond) {
    if (Double.isInfinite(perSecond)) {
      return "∞";
    }
    return String.format(Locale.ROOT, "%.2f M", perSecond / 1e6);
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  private static String met(boolean ok) {
    return ok ? "**met**" : "**not met**";
  }

  // ---------------------------------------------------------------- parse

  private void parse() throws IOException {
    line("### JSON-stat parse throughput");
    line("");
    if (exists("jmh.json")) {
      for (JsonNode b : MAPPER.readTree(dir.resolve("jmh.json").toFile())) {
        String reader = b.path("benchmark").asText().replaceAll(".*\\.", "");
        int cells = b.path("params").path("cells").asInt();
        JsonNode m = b.path("primaryMetric");
        double us = m.path("score").asDouble();
        double lo = m.path("scoreConfidence").path(0).asDouble();
        double hi = m.path("scoreConfidence").path(1).asDouble();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (JsonNode fork : m.path("rawData")) {
          for (JsonNode x : fork) {
            min = Math.min(min, x.asDouble());
            max = Math.max(max, x.asDouble());
          }
        }
        java.put(reader + "/" + cells, new double[] {cells / (us / 1e6), cells / (hi / 1e6),
            lo > 0 ? cells / (lo / 1e6) : Double.POSITIVE_INFINITY, cells / (max / 1e6), cells / (min / 1e6), us,
            m.path("scoreError").asDouble()});
      }
    }
    if (exists("js.jsonl")) {
      for (String l : Files.readAllLines(dir.resolve("js.jsonl"))) {
        if (l.startsWith("{")) {
          JsonNode n = MAPPER.readTree(l);
          int cells = n.path("cells").asInt();
          js.put(n.path("pipeline").asText() + "/" + cells, new double[] {
              n.path("cells_per_s").asDouble(), cells / (n.path("p75_ms").asDouble() / 1e3),
              cells / (n.path("p25_ms").asDouble() / 1e3),
              cells / (n.path("max_ms").asDouble() / 1e3), cells / (n.path("min_ms").asDouble() / 1e3),
              n.path("median_ms").asDouble() * 1e3, n.path("runs").asDouble()});
        }
      }
    }
    line("Cells per second (M = million). Java: JMH average time, 2 forks × 5 iterations of 1 s"
        + " after 4 of warm-up; the range is JMH's 99.9%% confidence interval, spread the slowest and"
        + " fastest iteration. JavaScript: median of timed runs after warm-up (5 s per case);"
        + " range the interquartile, spread the slowest and fastest run.");
    line("");
    line("| Reader | 10,000 cells | 100,000 cells | 800,000 cells |");
    line("|---|---|---|---|");
    String[][] readers = {
        {"streaming", "java", "Driver: streaming `JsonStatReader.read` (Jackson streaming)"},
        {"tree", "java", "Baseline: Jackson tree (`readTree`) to the same result"},
        {"toolkit", "js", "jsonstat-toolkit 2.2.2 on node: `JSONstat(JSON.parse(text))`"},
        {"toolkit+Data", "js", "jsonstat-toolkit, plus `.Data()` (every cell as {value, status})"},
        {"parse", "js", "node `JSON.parse(text)` alone (no JSON-stat work; a floor, not a reader)"}};
    for (String[] r : readers) {
      StringBuilder row = new StringBuilder("| " + r[2] + " |");
      for (int cells : ParseFiles.SIZES) {
        double[] v = (r[1].equals("java") ? java : js).get(r[0] + "/" + cells);
        row.append(v == null ? " – |" : String.format(Locale.ROOT,
            " **%s** (%s–%s; spread %s–%s) |", mega(v[0]), mega(v[1]), mega(v[2]), mega(v[3]),
            mega(v[4])));
      }
      line("%s", row);
    }
    line("");
    line("| Ratio (driver's median ÷ other's median) | 10,000 | 100,000 | 800,000 | Goal |");
    line("|---|---|---|---|---|");
    ratioRow(java, js, "tree", "java", "driver ÷ Jackson tree", 2.0);
    ratioRow(java, js, "toolkit", "js", "driver ÷ jsonstat-toolkit", 5.0);
    ratioRow(java, js, "toolkit+Data", "js", "driver ÷ jsonstat-toolkit with Data()", 5.0);
    ratioRow(java, js, "parse", "js", "driver ÷ node JSON.parse alone", 0);
    line("");
  }

  private void ratioRow(Map<String, double[]> java, Map<String, double[]> js, String other,
      String where, String label, double goal) {
    StringBuilder row = new StringBuilder("| " + label + " |");
    boolean all = true;
    for (int cells : ParseFiles.SIZES) {
      double[] d = java.get("streaming/" + cells);
      double[] o = (where.equals("java") ? java : js).get(other + "/" + cells);
      if (d == null || o == null) {
        row.append(" – |");
        all = false;
        continue;
      }
      double ratio = d[0] / o[0];
      all &= ratio >= goal;
      row.append(String.format(Locale.ROOT, " %.2f× |", ratio));
    }
    row.append(goal == 0 ? " (context) |" : String.format(Locale.ROOT, " ≥ %.0f×: %s |", goal,
        met(all)));
    line("%s", row);
  }

  // ---------------------------------------------------------------- goals (issue 15)

  /** Median of column {@code col} over the rows of a ScanBench file after the first (warm). */
  private double warmMedian(String name, int col) throws IOException {
    List<String[]> rows = tsv(name);
    List<Double> xs = new ArrayList<>();
    for (String[] r : rows.subList(Math.min(1, rows.size()), rows.size())) {
      xs.add(Double.parseDouble(r[col]));
    }
    return xs.isEmpty() ? Double.NaN : median(xs);
  }

  private String planningMedian(String name, String mode) throws IOException {
    for (String[] r : tsv(name)) {
      if (r[0].equals(mode)) {
        return r[2];
      }
    }
    return null;
  }

  private String loadAverages() throws IOException {
    if (!exists("steps.log")) {
      return "unknown";
    }
    List<Double> loads = new ArrayList<>();
    for (String l : Files.readAllLines(dir.resolve("steps.log"))) {
      Matcher m = LOAD.matcher(l);
      if (m.find()) {
        loads.add(Double.parseDouble(m.group(1)));
      }
    }
    return loads.isEmpty() ? "unknown" : String.format(Locale.ROOT,
        "%.2f at the start, %.2f–%.2f at the steps (median %.2f), %.2f at the summary",
        loads.get(0), Collections.min(loads), Collections.max(loads), median(loads),
        loads.get(loads.size() - 1));
  }

  private void goals() throws IOException {
    line("### Goals of issue 15, this run");
    line("");
    line("1-minute load average: %s (2 cores; other engineers' builds share them).",
        loadAverages());
    line("");
    line("| Figure | Before (issue 15) | This run | Goal | Verdict |");
    line("|---|---|---|---|---|");
    // Reader vs toolkit.
    StringBuilder ratios = new StringBuilder();
    boolean readerMet = true;
    for (int cells : ParseFiles.SIZES) {
      double[] d = java.get("streaming/" + cells);
      double[] o = js.get("toolkit/" + cells);
      double r = d == null || o == null ? Double.NaN : d[0] / o[0];
      readerMet &= r >= 5;
      ratios.append(ratios.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.1f×", r));
    }
    line("| reader ÷ jsonstat-toolkit on the same bytes, 10k / 100k / 800k cells | 1.7× / 4.1× /"
        + " 4.4-6.3× | %s | ≥ 5× at every size | %s |", ratios, met(readerMet));
    // Rows vs parsing.
    double[] parse800 = java.get("streaming/800000");
    double parseMs = parse800 == null ? Double.NaN : parse800[5] / 1e3;
    double all = warmMedian("scan-inproc.tsv", 5);
    line("| `SELECT *` 8M cells, `getObject` on every column, ÷ 10 × reader time for the same"
        + " responses | 5-8× | %.0f ms ÷ (10 × %.0f ms) = **%.1f×** (%s rows/s) | ≤ 1.5× | %s |",
        all, parseMs, all / (10 * parseMs), mega(4_000_000 / (all / 1e3)),
        met(all / (10 * parseMs) <= 1.5));
    double next = warmMedian("scan-next.tsv", 5);
    line("| same, `next()` only | 0.92 M rows/s | **%s rows/s** (%.0f ms) | ≥ 6 M rows/s | %s |",
        mega(4_000_000 / (next / 1e3)), next, met(4_000_000 / (next / 1e3) >= 6e6));
    kScanGoal(parseMs);
    // Cold start.
    List<String[]> cold = tsv("coldstart.tsv");
    String asIs = null;
    String launcher = null;
    String best = null;
    double bestMs = Double.MAX_VALUE;
    for (String[] r : cold) {
      if (r[0].contains("as it is")) {
        asIs = r[1];
      }
      if (r[0].startsWith("./pxsql launcher")) {
        launcher = r[1];
      }
      double m = Double.parseDouble(r[1]);
      if (m < bestMs && !r[0].contains("other query")) {
        bestMs = m;
        best = r[0] + ": " + r[1] + " ms";
      }
    }
    if (asIs != null && launcher != null) {
      line("| `pxsql` first row, README query | ~3 s | **%s ms** with the `./pxsql` launcher (its"
          + " start-up archive made; C2 kept); `java -jar` %s ms; fastest variant %s | ≤ 1.2 s |"
          + " %s with the launcher |", launcher, asIs, best,
          met(Double.parseDouble(launcher) <= 1200));
    } else if (asIs != null) {
      line("| `pxsql` first row, README query | ~3 s | **%s ms** as it is (fastest variant %s) |"
          + " ≤ 1.2 s | %s as it is; %s with the fastest variant |", asIs, best,
          met(Double.parseDouble(asIs) <= 1200), met(bestMs <= 1200));
    }
    List<Double> firstPrepare = new ArrayList<>();
    for (String[] r : tsv("coldplan.tsv")) {
      firstPrepare.add(Double.parseDouble(r[0]));
    }
    if (!firstPrepare.isEmpty()) {
      double m = median(firstPrepare);
      line("| first `prepareStatement` in a fresh JVM (PX sample, README query) | 2.4 s |"
          + " **%.0f ms** (%.0f–%.0f ms, %d JVMs) | ≤ 0.8 s | %s |", m,
          Collections.min(firstPrepare), Collections.max(firstPrepare), firstPrepare.size(),
          met(m <= 800));
    }
    String same = planningMedian("planning-file.tsv", "prepare (plan only)");
    String sameHttp = planningMedian("planning-http.tsv", "prepare (plan only)");
    String fresh = planningMedian("planning-file.tsv", "prepare, new SQL text");
    String freshHttp = planningMedian("planning-http.tsv", "prepare, new SQL text");
    if (same != null) {
      boolean ok = Double.parseDouble(same) <= 5 && (sameHttp == null
          || Double.parseDouble(sameHttp) <= 5);
      boolean okNew = fresh != null && Double.parseDouble(fresh) <= 15
          && (freshHttp == null || Double.parseDouble(freshHttp) <= 15);
      line("| the same SQL text again (prepare; PX sample / loopback); a new simple query |"
          + " 33-37 ms | **%s / %s ms**; new text %s / %s ms | ≤ 5 ms; new ≤ 15 ms | %s; new"
          + " text %s |", same, sameHttp, fresh, freshHttp, met(ok), met(okNew));
    }
    double heap = 0;
    for (String[] r : tsv("scan-inproc.tsv")) {
      heap = Math.max(heap, Double.parseDouble(r[7]));
    }
    line("| peak heap, 8M-cell scan (`-Xmx256m`) | 181 MB | **%.0f MB** | < 256 MB | %s |", heap,
        met(heap > 0 && heap < 256));
    line("");
  }

  /** The k-request scan against a server that takes time per response (server-slow). */
  private void kScanGoal(double parseMs) throws IOException {
    List<String[]> runs = tsv("kscan.tsv");
    if (runs.size() < 2 || !exists("kscan-log.tsv")) {
      return;
    }
    List<Double> server = new ArrayList<>();
    for (String l : Files.readAllLines(dir.resolve("kscan-log.tsv"))) {
      String[] f = l.split("\t", -1);
      if (f.length > 6 && f[0].equals("data")) {
        server.add(Double.parseDouble(f[6]));
      }
    }
    int k = server.size() / runs.size();
    double serverMs = 0;
    for (double x : server.subList(server.size() - k, server.size())) {
      serverMs += x;
    }
    Map<String, String> conf = new LinkedHashMap<>();
    for (String[] r : tsv("kscan-server.tsv")) {
      conf.put(r[0], r[1]);
    }
    double driver = warmMedian("kscan.tsv", 5);
    double goal = 1.1 * (serverMs + parseMs);
    line("| k-request scan, server taking D per response (here k = %d, D = %s ms + %s MB/s:"
        + " Σ server time %.0f ms), `getObject` on every column | k × (D + parse) | **%.0f ms**"
        + " = %.2f × (Σ server time + one parse) | ≤ (k × D + one parse) × 1.1 = %.0f ms | %s |",
        k, conf.get("delay_ms"), conf.get("bandwidth_mbps"), serverMs, driver,
        driver / (serverMs + parseMs), goal, met(driver <= goal));
  }

  // ---------------------------------------------------------------- end to end

  private double[] hyperfine(String name) throws IOException {
    if (!exists(name)) {
      return null;
    }
    JsonNode r = MAPPER.readTree(dir.resolve(name).toFile()).path("results").path(0);
    return new double[] {r.path("median").asDouble() * 1e3, r.path("min").asDouble() * 1e3,
        r.path("max").asDouble() * 1e3, r.path("times").size(), r.path("mean").asDouble() * 1e3,
        r.path("stddev").asDouble() * 1e3};
  }

  private void endToEnd() throws IOException {
    line("### End to end: `SELECT *` of the 8,000,000-cell table over loopback HTTP");
    line("");
    line("4,000,000 rows (13 columns; 2 measures a row), 10 requests of 800,000 cells,"
        + " 52 MB of JSON-stat. The server sends each response from memory (generated once"
        + " before timing), so the figures are the clients' own costs.");
    line("");
    line("| Client | Runs | Median | Range | Rows/s (median) |");
    line("|---|---|---|---|---|");
    double[] curl = hyperfine("curl.json");
    if (curl != null) {
      line("| curl, the same 10 URLs to /dev/null (one process, keep-alive) | %.0f | %.0f ms | %.0f–%.0f ms | (%s rows' worth) |",
          curl[3], curl[0], curl[1], curl[2], mega(4_000_000 / (curl[0] / 1e3)));
    }
    List<String[]> inproc = tsv("scan-inproc.tsv");
    double warm = 0;
    if (!inproc.isEmpty()) {
      String[] first = inproc.get(0);
      List<Double> totals = new ArrayList<>();
      for (String[] r : inproc.subList(1, inproc.size())) {
        totals.add(Double.parseDouble(r[5]));
      }
      warm = median(totals);
      line("| driver, in one JVM, first query (cold JIT; includes planning) | 1 | %.0f ms | – | %s |",
          Double.parseDouble(first[5]), mega(Double.parseDouble(first[6])));
      line("| driver, in one JVM, next queries (executeQuery to last row, getObject on every column) | %d | %.0f ms | %.0f–%.0f ms | %s |",
          totals.size(), warm, Collections.min(totals), Collections.max(totals),
          mega(4_000_000 / (warm / 1e3)));
    }
    List<String[]> next = tsv("scan-next.tsv");
    if (next.size() > 1) {
      List<Double> totals = new ArrayList<>();
      for (String[] r : next.subList(1, next.size())) {
        totals.add(Double.parseDouble(r[5]));
      }
      double m = median(totals);
      line("| driver, in one JVM, next queries, `ResultSet.next()` only (no getObject) | %d | %.0f ms | %.0f–%.0f ms | %s |",
          totals.size(), m, Collections.min(totals), Collections.max(totals), mega(4_000_000 / (m / 1e3)));
    }
    double[] fresh = hyperfine("scan-fresh.json");
    if (fresh != null) {
      line("| driver, fresh JVM per query (process wall time: JVM start, connect, plan, scan) | %.0f | %.0f ms | %.0f–%.0f ms | %s |",
          fresh[3], fresh[0], fresh[1], fresh[2], mega(4_000_000 / (fresh[0] / 1e3)));
    }
    List<String[]> c1 = tsv("scan-c1.tsv");
    if (c1.size() > 1) {
      line("| driver with `-XX:TieredStopAtLevel=1` (C1 only), second query in the JVM | 1 | %.0f ms | – | %s |",
          Double.parseDouble(c1.get(1)[5]), mega(Double.parseDouble(c1.get(1)[6])));
    }
    double[] curlSlow = hyperfine("curl-nocache.json");
    List<String[]> slow = tsv("scan-nocache.tsv");
    if (curlSlow != null) {
      line("| curl, server generating every response (no server cache) | %.0f | %.0f ms | %.0f–%.0f ms | |",
          curlSlow[3], curlSlow[0], curlSlow[1], curlSlow[2]);
    }
    if (slow.size() > 1) {
      line("| driver, server generating every response, second query in the JVM | 1 | %.0f ms | – | %s |",
          Double.parseDouble(slow.get(1)[5]), mega(Double.parseDouble(slow.get(1)[6])));
    }
    line("");
    if (curl != null && warm > 0) {
      line("Goal: driver wall time ≤ 1.5 × curl's. Warm driver ÷ curl = **%.0f×**%s: %s.",
          warm / curl[0], fresh != null ? String.format(Locale.ROOT,
              " (fresh JVM ÷ curl = %.0f×)", fresh[0] / curl[0]) : "", met(warm / curl[0] <= 1.5));
      if (curlSlow != null && slow.size() > 1) {
        double s = Double.parseDouble(slow.get(1)[5]);
        line("With a server that generates each response (closer to a real server's speed):"
            + " driver ÷ curl = %.1f×.", s / curlSlow[0]);
      }
    }
    line("");
  }

  // ---------------------------------------------------------------- memory

  private void memory() throws IOException {
    line("### Memory during the scan (`-Xmx256m`, G1)");
    line("");
    line("| Scan | Cells (requests) | Max heap used (2 ms samples) | Max heap after a GC (bounds the live set) | GCs | Runs |");
    line("|---|---|---|---|---|---|");
    String[][] scans = {{"mem-800k.tsv", "`WHERE Region <= '0050'`", "800,000 (1)"},
        {"mem-4m.tsv", "`WHERE Region <= '0250'`", "4,000,000 (5)"},
        {"scan-inproc.tsv", "`SELECT *`", "8,000,000 (10)"}};
    double maxUsedAll = 0;
    for (String[] s : scans) {
      List<String[]> rows = tsv(s[0]);
      if (rows.isEmpty()) {
        continue;
      }
      double used = 0;
      double live = 0;
      List<Double> gcs = new ArrayList<>();
      for (String[] r : rows) {
        used = Math.max(used, Double.parseDouble(r[7]));
        live = Math.max(live, Double.parseDouble(r[8]));
        gcs.add(Double.parseDouble(r[9]));
      }
      maxUsedAll = Math.max(maxUsedAll, used);
      line("| %s | %s | %.0f MB | %.0f MB | %.0f (median) | %d |", s[1], s[2], used, live,
          median(gcs), rows.size());
    }
    List<String[]> sweep = tsv("xmx-sweep.tsv");
    if (!sweep.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (String[] r : sweep) {
        sb.append(sb.length() == 0 ? "" : ", ").append("-Xmx").append(r[0]).append(": ").append(r[1]);
      }
      line("");
      line("Smallest heap for the 8,000,000-cell `SELECT *` (one run each): %s.", sb);
    }
    line("");
    line("Goal: peak heap < 256 MB during the 8,000,000-cell scan: max used %.0f MB under"
        + " `-Xmx256m`: %s.", maxUsedAll, met(maxUsedAll > 0 && maxUsedAll < 256));
    line("");
  }

  // ---------------------------------------------------------------- cold start

  private void coldStart() throws IOException {
    line("### Cold start: JVM start to first row through the shell");
    line("");
    line("| Variant | Runs | First row: median | min–max | Process exit: median |");
    line("|---|---|---|---|---|");
    double best = Double.MAX_VALUE;
    String bestName = null;
    for (String[] r : tsv("coldstart.tsv")) {
      line("| %s | %s | **%s ms** | %s–%s ms | %s ms |", r[0], r[7], r[1], r[2], r[3], r[4]);
      double m = Double.parseDouble(r[1]);
      if (m < best && !r[0].contains("other query")) {
        best = m;
        bestName = r[0];
      }
    }
    line("");
    if (bestName != null) {
      line("Goal: ≤ 1,200 ms. Fastest: %s, %.0f ms: %s.", bestName, best, met(best <= 1200));
    }
    line("");
  }

  // ---------------------------------------------------------------- planning

  private void planning() throws IOException {
    line("### Warm planning: the same query again in one JVM");
    line("");
    line("| Source and query | Step | First | Median | Min–max | Runs |");
    line("|---|---|---|---|---|---|");
    String[][] files = {{"planning-file.tsv", "sample PX database, README query (5 rows)"},
        {"planning-http.tsv", "loopback server, point series (40 rows)"}};
    for (String[] f : files) {
      for (String[] r : tsv(f[0])) {
        line("| %s | %s | %s ms | **%s ms** | %s–%s ms | %s |", f[1], r[0], r[1], r[2], r[3], r[4], r[5]);
      }
    }
    line("");
    coldPlanning();
  }

  /** ColdPlanning's figures over its fresh JVMs: wall and main-thread CPU, median and range. */
  private void coldPlanning() throws IOException {
    Map<String, List<double[]>> byFigure = new LinkedHashMap<>();
    for (String[] r : tsv("coldplan-cpu.tsv")) {
      if (r.length == 3 && !r[0].equals("figure")) {
        byFigure.computeIfAbsent(r[0], k -> new ArrayList<>())
            .add(new double[] {Double.parseDouble(r[1]), Double.parseDouble(r[2])});
      }
    }
    if (byFigure.isEmpty()) {
      return;
    }
    line("### Cold planning: wall and main-thread CPU time (PX sample, README query)");
    line("");
    line("| Figure | JVMs | Wall: median | min–max | CPU: median | min–max |");
    line("|---|---|---|---|---|---|");
    for (Map.Entry<String, List<double[]>> e : byFigure.entrySet()) {
      List<Double> wall = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      for (double[] v : e.getValue()) {
        wall.add(v[0]);
        cpu.add(v[1]);
      }
      line("| %s | %d | **%.1f ms** | %.1f–%.1f ms | **%.1f ms** | %.1f–%.1f ms |", e.getKey(),
          wall.size(), median(wall), Collections.min(wall), Collections.max(wall), median(cpu),
          Collections.min(cpu), Collections.max(cpu));
    }
    line("");
  }

  private void findings() throws IOException {
    line("### Evidence for driver fixes");
    line("");
    if (exists("reader-experiment.json")) {
      line("Parse, 800,000 cells (JMH, ms per document; error = 99.9%% confidence half-width):");
      line("");
      line("| Variant | ms | ± | cells/s |");
      line("|---|---|---|---|");
      for (JsonNode b : MAPPER.readTree(dir.resolve("reader-experiment.json").toFile())) {
        JsonNode m = b.path("primaryMetric");
        double ms = m.path("score").asDouble();
        line("| %s | %.1f | %.1f | %s |", b.path("benchmark").asText().replaceAll(".*\\.", ""),
            ms, m.path("scoreError").asDouble(), mega(800_000 / (ms / 1e3)));
      }
      line("");
    }
    for (String mode : new String[] {"next", "all"}) {
      if (exists("profile-" + mode + ".txt")) {
        line("JFR, `SELECT *` of 8,000,000 cells, %s (share of the main thread's samples):",
            mode.equals("next") ? "`ResultSet.next()` only" : "`getObject` on every column");
        line("");
        line("```");
        out.append(Files.readString(dir.resolve("profile-" + mode + ".txt")));
        line("```");
        line("");
      }
    }
  }

  private void apiCost() throws IOException {
    if (exists("api-cost.md")) {
      line("### API cost of an analyst workload");
      line("");
      out.append(Files.readString(dir.resolve("api-cost.md")));
      line("");
    }
  }
}
