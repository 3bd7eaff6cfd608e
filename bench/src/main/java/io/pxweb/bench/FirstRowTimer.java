package io.pxweb.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Cold start as a user sees it: starts a command (a fresh JVM) and times the first row on its
 * standard output, and its exit. The first row is the {@code n}-th line of output ({@code 2} for
 * pxsql's csv format: a header line, then rows).
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.pxweb.bench.FirstRowTimer <label> <warmup> <runs>
 * <row line> -- command...}; prints label, median, min and max of first row and of exit (ms).
 */
public final class FirstRowTimer {
  private FirstRowTimer() {
  }

  public static void main(String[] args) throws Exception {
    String label = args[0];
    int warmup = Integer.parseInt(args[1]);
    int runs = Integer.parseInt(args[2]);
    int rowLine = Integer.parseInt(args[3]);
    List<String> command = Arrays.asList(args).subList(5, args.length);
    List<Double> first = new ArrayList<>();
    List<Double> exit = new ArrayList<>();
    String firstRow = null;
    for (int i = 0; i < warmup + runs; i++) {
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      long tFirst = 0;
      int line = 0;
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String s; (s = r.readLine()) != null; ) {
          if (++line == rowLine) {
            tFirst = System.nanoTime();
            firstRow = s;
          }
        }
      }
      int status = p.waitFor();
      long tExit = System.nanoTime();
      if (status != 0 || tFirst == 0) {
        throw new IllegalStateException(label + ": exit status " + status + ", " + line + " lines");
      }
      if (i >= warmup) {
        first.add((tFirst - t0) / 1e6);
        exit.add((tExit - t0) / 1e6);
      }
    }
    System.out.printf(Locale.ROOT, "%s\t%s\t%s\t%d\t%s%n", label, stats(first), stats(exit), runs,
        firstRow);
  }

  /** median min max, tab-separated. */
  private static String stats(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    double median = s.size() % 2 == 1 ? s.get(s.size() / 2)
        : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    return String.format(Locale.ROOT, "%.0f\t%.0f\t%.0f", median, s.get(0), s.get(s.size() - 1));
  }
}
