package io.pxweb.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs one query through the driver several times in this JVM and reads every column of every
 * row with {@code getObject}, as a generic JDBC client would. Prints one tab-separated line per
 * run: run, rows, connect ms, execute ms (until {@code executeQuery} returns), first row ms,
 * total ms (from {@code executeQuery} to the last row), rows/s, max heap used (2 ms sampler),
 * max heap after GC, GCs. The last line is the JVM's heap pools' summed peaks and -Xmx.
 *
 * <p>Usage: {@code java -Xmx256m -cp benchmarks.jar io.pxweb.bench.ScanBench <jdbc url> <sql>
 * [runs] [all|next]}: {@code next} calls only {@code ResultSet.next()}.
 */
public final class ScanBench {
  private ScanBench() {
  }

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String sql = args[1];
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    // "all": getObject on every column of every row; "next": only ResultSet.next().
    boolean readColumns = args.length <= 3 || !args[3].equals("next");
    Class.forName("io.pxweb.jdbc.PxWebDriver");
    System.out.println("run\trows\tconnect_ms\texecute_ms\tfirst_row_ms\ttotal_ms\trows_per_s"
        + "\tmax_heap_used_mb\tmax_heap_after_gc_mb\tgcs");
    List<Double> totals = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      try (HeapWatch heap = new HeapWatch()) {
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url)) {
          long t1 = System.nanoTime();
          long rows = 0;
          long checksum = 0;
          long firstRow = 0;
          try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            long t2 = System.nanoTime();
            int columns = readColumns ? rs.getMetaData().getColumnCount() : 0;
            while (rs.next()) {
              if (rows == 0) {
                firstRow = System.nanoTime();
              }
              for (int i = 1; i <= columns; i++) {
                Object o = rs.getObject(i);
                if (o != null) {
                  checksum += o.hashCode();
                }
              }
              rows++;
            }
            long t3 = System.nanoTime();
            double total = (t3 - t1) / 1e6;
            totals.add(total);
            System.out.printf(Locale.ROOT, "%d\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.0f\t%.1f\t%.1f\t%d%n",
                run, rows, (t1 - t0) / 1e6, (t2 - t1) / 1e6,
                rows == 0 ? 0.0 : (firstRow - t1) / 1e6, total, rows / (total / 1e3),
                heap.maxUsed() / 1048576.0, heap.maxAfterGc() / 1048576.0, heap.collections());
            if (checksum == 42) {
              System.out.println("(checksum 42)");
            }
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "# heap pool peaks summed: %.1f MB; -Xmx (maxMemory): %.1f MB%n",
        HeapWatch.poolPeaks() / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
  }
}
