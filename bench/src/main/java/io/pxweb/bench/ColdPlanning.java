package io.pxweb.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Planning as a fresh JVM meets it, in wall time and in the main thread's CPU time (which the
 * other processes of a shared machine disturb much less than wall time).
 *
 * <p>One line per figure: opening the connection; the first {@code prepareStatement} (the
 * connection already open); then new SQL texts, planned from scratch: the same query with a
 * different comment each time, and the query with its {@code {}} replaced by each of the given
 * values in turn (a new literal: what a user who edits a query sends). Both print the median
 * of the last {@code runs} after {@code warmup}.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.pxweb.bench.ColdPlanning <jdbc url> <sql with {}>
 * <value,value,...> [warmup] [runs]}.
 */
public final class ColdPlanning {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ColdPlanning() {
  }

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String template = args[1];
    String[] values = args[2].split(",");
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    int runs = args.length > 4 ? Integer.parseInt(args[4]) : 30;
    System.out.println("figure\twall_ms\tcpu_ms");
    long[] t = start();
    Class.forName("io.pxweb.jdbc.PxWebDriver");
    try (Connection c = DriverManager.getConnection(url)) {
      print("connect (fresh JVM)", t);
      t = start();
      c.prepareStatement(template.replace("{}", values[0])).close();
      print("first prepareStatement (fresh JVM)", t);
      List<double[]> comment = new ArrayList<>();
      List<double[]> literal = new ArrayList<>();
      for (int i = 0; i < warmup + runs; i++) {
        t = start();
        c.prepareStatement(template.replace("{}", values[0]) + " /* " + i + " */").close();
        comment.add(elapsed(t));
        t = start();
        // A new literal, and a comment so that the text is new even when the values repeat.
        c.prepareStatement(template.replace("{}", values[i % values.length]) + " /* v" + i
            + " */").close();
        literal.add(elapsed(t));
      }
      printMedian("new SQL text (a new comment)", comment.subList(warmup, comment.size()));
      printMedian("new SQL text (a new literal)", literal.subList(warmup, literal.size()));
    }
  }

  private static long[] start() {
    return new long[] {System.nanoTime(), THREADS.getCurrentThreadCpuTime()};
  }

  private static double[] elapsed(long[] start) {
    return new double[] {(System.nanoTime() - start[0]) / 1e6,
        (THREADS.getCurrentThreadCpuTime() - start[1]) / 1e6};
  }

  private static void print(String figure, long[] start) {
    double[] e = elapsed(start);
    System.out.printf(Locale.ROOT, "%s\t%.1f\t%.1f%n", figure, e[0], e[1]);
  }

  private static void printMedian(String figure, List<double[]> times) {
    System.out.printf(Locale.ROOT, "%s\t%.1f\t%.1f%n", figure, median(times, 0),
        median(times, 1));
  }

  private static double median(List<double[]> times, int column) {
    List<Double> v = new ArrayList<>();
    for (double[] t : times) {
      v.add(t[column]);
    }
    Collections.sort(v);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }
}
