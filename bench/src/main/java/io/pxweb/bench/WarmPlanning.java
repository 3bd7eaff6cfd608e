package io.pxweb.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Warm planning time: one connection, the same query run again and again in one JVM.
 *
 * <ul>
 *   <li>{@code prepare}: {@code prepareStatement(sql)} alone (the same text again: what a BI
 *       dashboard repeats);</li>
 *   <li>{@code prepare, new SQL text}: the same query with a different comment each time, so
 *       it is planned from scratch (parse, validate, optimize, generate code);</li>
 *   <li>{@code query}: {@code createStatement().executeQuery(sql)} and reading every row, what a
 *       client sees per query;</li>
 *   <li>{@code execute}: re-executing one prepared statement and reading every row (no planning).</li>
 * </ul>
 * Prints per mode: the first run, then median, min and max of the last {@code runs} after
 * {@code warmup} runs.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.pxweb.bench.WarmPlanning <jdbc url> <sql>
 * [warmup] [runs]}.
 */
public final class WarmPlanning {
  private WarmPlanning() {
  }

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String sql = args[1];
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    Class.forName("io.pxweb.jdbc.PxWebDriver");
    try (Connection c = DriverManager.getConnection(url)) {
      List<Double> prepare = new ArrayList<>();
      List<Double> fresh = new ArrayList<>();
      List<Double> query = new ArrayList<>();
      List<Double> execute = new ArrayList<>();
      long rows = 0;
      for (int i = 0; i < warmup + runs; i++) {
        long t0 = System.nanoTime();
        try (PreparedStatement p = c.prepareStatement(sql)) {
          prepare.add((System.nanoTime() - t0) / 1e6);
        }
        // A new SQL text each time (a comment differs): what a query never seen before costs.
        t0 = System.nanoTime();
        try (PreparedStatement p = c.prepareStatement(sql + " /* " + i + " */")) {
          fresh.add((System.nanoTime() - t0) / 1e6);
        }
        t0 = System.nanoTime();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
          rows = drain(rs);
        }
        query.add((System.nanoTime() - t0) / 1e6);
      }
      try (PreparedStatement p = c.prepareStatement(sql)) {
        for (int i = 0; i < warmup + runs; i++) {
          long t0 = System.nanoTime();
          try (ResultSet rs = p.executeQuery()) {
            drain(rs);
          }
          execute.add((System.nanoTime() - t0) / 1e6);
        }
      }
      System.out.println("mode\tfirst_ms\tmedian_ms\tmin_ms\tmax_ms\truns\trows");
      print("prepare (plan only)", prepare, warmup, rows);
      print("prepare, new SQL text", fresh, warmup, rows);
      print("query (plan + run)", query, warmup, rows);
      print("execute prepared (run only)", execute, warmup, rows);
    }
  }

  private static long drain(ResultSet rs) throws Exception {
    long n = 0;
    int columns = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      for (int i = 1; i <= columns; i++) {
        rs.getObject(i);
      }
      n++;
    }
    return n;
  }

  private static void print(String mode, List<Double> times, int warmup, long rows) {
    List<Double> measured = new ArrayList<>(times.subList(Math.min(warmup, times.size() - 1),
        times.size()));
    Collections.sort(measured);
    double median = measured.size() % 2 == 1 ? measured.get(measured.size() / 2)
        : (measured.get(measured.size() / 2 - 1) + measured.get(measured.size() / 2)) / 2;
    System.out.printf(Locale.ROOT, "%s\t%.1f\t%.1f\t%.1f\t%.1f\t%d\t%d%n", mode, times.get(0),
        median, measured.get(0), measured.get(measured.size() - 1), measured.size(), rows);
  }
}
