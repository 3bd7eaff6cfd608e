package io.pxweb.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A standalone PxWebApi 2.0 server on loopback for the benchmarks: {@code /config},
 * {@code /tables}, {@code /tables/{id}}, {@code /tables/{id}/metadata} and GET/POST
 * {@code /tables/{id}/data} (JSON-stat 2.0 only) over the synthetic {@link Tables}, with the
 * cell limit and no rate limit.
 *
 * <p>Data responses are generated on the fly and kept in memory by selection (unless
 * {@code --no-cache}), so repeated requests measure the client, not the generator. Every request
 * is logged (kind, method, URI, status, cells, bytes, server milliseconds, cached); {@code GET
 * /api/v2/_bench/log} returns the log as tab-separated lines and clears it.
 *
 * <p>To stand in for a real server's response times, {@code --delay-ms D} holds every data
 * response D ms before its headers (the server's own work) and {@code --bandwidth-mbps B}
 * sends its body at B megabytes per second (the network); metadata answers at once.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.pxweb.bench.LoopbackServer [--port N]
 * [--max-cells 800000] [--no-cache] [--delay-ms D] [--bandwidth-mbps B]}; prints
 * {@code LISTENING <port>} when ready.
 */
public final class LoopbackServer {
  private static final String PREFIX = "/api/v2";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Map<String, SynthTable> tables = new LinkedHashMap<>();
  private final long maxCells;
  private final boolean cache;
  private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
  private final AtomicLong cachedBytes = new AtomicLong();
  private final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
  private final long delayMillis;
  private final double bytesPerMilli;
  private String base;

  LoopbackServer(long maxCells, boolean cache, long delayMillis, double bandwidthMbps) {
    this.maxCells = maxCells;
    this.cache = cache;
    this.delayMillis = delayMillis;
    this.bytesPerMilli = bandwidthMbps * 1e6 / 1e3;
    for (SynthTable t : Tables.all()) {
      tables.put(t.id().toLowerCase(Locale.ROOT), t);
    }
  }

  public static void main(String[] args) throws IOException {
    // Without TCP_NODELAY small responses wait ~40 ms for the client's delayed ACK (Nagle), a
    // server artefact that would be charged to the client. Read when the server classes load.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int port = 0;
    long maxCells = 800_000;
    boolean cache = true;
    long delay = 0;
    double bandwidth = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--max-cells" -> maxCells = Long.parseLong(args[++i]);
        case "--no-cache" -> cache = false;
        case "--delay-ms" -> delay = Long.parseLong(args[++i]);
        case "--bandwidth-mbps" -> bandwidth = Double.parseDouble(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    LoopbackServer s = new LoopbackServer(maxCells, cache, delay, bandwidth);
    HttpServer http = s.start(port);
    System.out.println("LISTENING " + http.getAddress().getPort());
    System.out.flush();
  }

  HttpServer start(int port) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    http.setExecutor(Executors.newFixedThreadPool(4));
    http.createContext(PREFIX + "/", this::handle);
    http.start();
    base = "http://127.0.0.1:" + http.getAddress().getPort() + PREFIX;
    return http;
  }

  private void handle(HttpExchange ex) throws IOException {
    long start = System.nanoTime();
    String kind = "other";
    int status = 200;
    long cells = 0;
    boolean hit = false;
    byte[] body;
    String postBody = null;
    try {
      try {
        if (ex.getRequestMethod().equals("POST")) {
          postBody = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        } else {
          ex.getRequestBody().readAllBytes();
        }
        String path = ex.getRequestURI().getRawPath().substring(PREFIX.length());
        Map<String, List<String>> query = query(ex.getRequestURI().getRawQuery());
        List<String> segments = new ArrayList<>(Arrays.asList(path.split("/")));
        segments.removeIf(String::isEmpty);
        if (segments.equals(List.of("_bench", "log"))) {
          kind = "admin";
          StringBuilder sb = new StringBuilder();
          for (String line; (line = log.poll()) != null; ) {
            sb.append(line).append('\n');
          }
          send(ex, 200, "text/plain; charset=UTF-8", sb.toString().getBytes(StandardCharsets.UTF_8));
          return;
        } else if (segments.equals(List.of("config"))) {
          kind = "config";
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          JsonStatWriter.config(out, (int) Math.min(Integer.MAX_VALUE, maxCells));
          body = out.toByteArray();
        } else if (segments.equals(List.of("tables"))) {
          kind = "tables";
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          JsonStatWriter.tables(out, base, List.copyOf(tables.values()));
          body = out.toByteArray();
        } else if (segments.size() == 3 && segments.get(0).equals("tables")
            && segments.get(2).equalsIgnoreCase("metadata")) {
          kind = "metadata";
          SynthTable t = table(segments.get(1), 404);
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          JsonStatWriter.metadata(out, t);
          body = out.toByteArray();
        } else if (segments.size() == 3 && segments.get(0).equals("tables")
            && segments.get(2).equalsIgnoreCase("data")) {
          kind = "data";
          SynthTable t = table(segments.get(1), 400);
          String format = first(query, "outputformat");
          if (format != null && !format.equalsIgnoreCase("json-stat2")) {
            throw new Selections.Problem(400, "Unsupported output format");
          }
          Map<String, List<String>> selection = postBody != null ? fromBody(postBody)
              : fromQuery(query);
          int[][] selected = Selections.resolve(t, selection, maxCells);
          cells = 1;
          for (int[] s : selected) {
            cells *= s.length;
          }
          String key = t.id() + Arrays.deepToString(selected);
          body = cache ? bodies.get(key) : null;
          hit = body != null;
          if (body == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(cells * 9, 1 << 28));
            JsonStatWriter.data(out, t, selected);
            body = out.toByteArray();
            if (cache && cachedBytes.addAndGet(body.length) < 1_500_000_000L) {
              bodies.put(key, body);
            }
          }
        } else {
          throw new Selections.Problem(404, "Not found");
        }
        if (kind.equals("data")) {
          sendSlowly(ex, body, start);
        } else {
          send(ex, 200, "application/json; charset=UTF-8", body);
        }
      } catch (Selections.Problem p) {
        status = p.status;
        send(ex, p.status, "application/json; charset=utf-8", p.json().getBytes(StandardCharsets.UTF_8));
        body = null;
      } catch (RuntimeException e) {
        status = 500;
        send(ex, 500, "text/plain", String.valueOf(e).getBytes(StandardCharsets.UTF_8));
        body = null;
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      log.add(String.join("\t", kind, ex.getRequestMethod(), ex.getRequestURI().toString(),
          Integer.toString(status), Long.toString(cells),
          Long.toString(body == null ? 0 : body.length), Long.toString(ms), Boolean.toString(hit),
          postBody == null ? "" : postBody));
    } finally {
      ex.close();
    }
  }

  private SynthTable table(String id, int status) throws Selections.Problem {
    SynthTable t = tables.get(id.toLowerCase(Locale.ROOT));
    if (t == null) {
      throw new Selections.Problem(status, "Non-existent table");
    }
    return t;
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  /** Sends a data response after the configured delay, at the configured bandwidth. */
  private void sendSlowly(HttpExchange ex, byte[] body, long start) throws IOException {
    if (delayMillis <= 0 && bytesPerMilli <= 0) {
      send(ex, 200, "application/json; charset=UTF-8", body);
      return;
    }
    // The delay counts from the request's arrival, so generating a response is part of it.
    pause(start + delayMillis * 1_000_000);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    ex.sendResponseHeaders(200, body.length);
    long sendStart = System.nanoTime();
    try (OutputStream out = ex.getResponseBody()) {
      int chunk = 64 * 1024;
      for (int off = 0; off < body.length; off += chunk) {
        out.write(body, off, Math.min(chunk, body.length - off));
        if (bytesPerMilli > 0) {
          pause(sendStart + (long) ((off + chunk) / bytesPerMilli * 1_000_000));
        }
      }
    }
  }

  private static void pause(long untilNanos) {
    for (long left; (left = untilNanos - System.nanoTime()) > 0; ) {
      try {
        Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private static String first(Map<String, List<String>> query, String key) {
    List<String> v = query.get(key);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static Map<String, List<String>> fromQuery(Map<String, List<String>> query)
      throws Selections.Problem {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      String k = e.getKey();
      if (k.startsWith("valuecodes[") && k.endsWith("]")) {
        // Keys were lower-cased; variables are matched case-insensitively.
        List<String> items = new ArrayList<>();
        for (String v : e.getValue()) {
          items.addAll(Selections.split(v));
        }
        out.put(k.substring("valuecodes[".length(), k.length() - 1), items);
      } else if (k.startsWith("valuecodes")) {
        throw new Selections.Problem(400, "One or more validation errors occurred.");
      }
    }
    return out;
  }

  private static Map<String, List<String>> fromBody(String body) throws Selections.Problem {
    Map<String, List<String>> out = new LinkedHashMap<>();
    try {
      JsonNode root = MAPPER.readTree(body);
      for (JsonNode s : root.path("selection")) {
        List<String> items = new ArrayList<>();
        for (JsonNode c : s.path("valueCodes")) {
          items.add(c.asText());
        }
        out.put(s.path("variableCode").asText(), items);
      }
    } catch (IOException e) {
      throw new Selections.Problem(400, "One or more validation errors occurred.");
    }
    return out;
  }
}
