package io.pxweb.jdbc.source.px;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Prints what an idle connection to a PX folder costs: heap kept per open connection and the
 * time to connect, for pxweb-server, which opens a driver connection per client session. Not a
 * test (figures on a shared machine are noisy; nothing is asserted): run it by hand, in a JVM
 * of its own, from the repository's root:
 *
 * <pre>
 * java -cp driver/target/classes:driver/target/test-classes:$(cat cp.txt) \
 *     io.pxweb.jdbc.source.px.PxConnectionFootprint [folder] [connections]
 * </pre>
 *
 * <p>It opens one connection first (the JVM's classes, Calcite's caches), then {@code
 * connections} more, each running {@code SELECT 1}, and prints the used heap after a full
 * collection before and after them, divided by their number, and the mean and median time of
 * their {@code getConnection}; and, measured before them, the time of a first connection to a
 * copy of the folder that no connection has read (the copy keeps the files' times).
 */
public final class PxConnectionFootprint {
  private PxConnectionFootprint() {
  }

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args.length > 0 ? args[0] : "samples/db").toAbsolutePath();
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    String url = "jdbc:pxweb:" + folder.toUri();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try (Connection warm = DriverManager.getConnection(url)) {
      selectOne(warm);
    }
    // Before the 50: the parser is as warm (one connection's reading) with and without sharing.
    double cold = coldMillis(folder);
    long before = usedAfterGc(memory);
    List<Connection> open = new ArrayList<>();
    long[] nanos = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      Connection c = DriverManager.getConnection(url);
      nanos[i] = System.nanoTime() - t0;
      selectOne(c);
      open.add(c);
    }
    long after = usedAfterGc(memory);
    long total = 0;
    for (long t : nanos) {
      total += t;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf("folder %s, %d idle connections%n", folder, n);
    System.out.printf("heap per connection: %d KB (used %d KB before, %d KB after)%n",
        (after - before) / n / 1024, before / 1024, after / 1024);
    System.out.printf("getConnection: mean %.2f ms, median %.2f ms%n", total / 1e6 / n,
        sorted[n / 2] / 1e6);
    System.out.printf("first getConnection to an unread copy of the folder: %.2f ms%n", cold);
    for (Connection c : open) {
      c.close();
    }
  }

  /** Returns the time of a first connection to a copy of the folder that nothing has read. */
  private static double coldMillis(Path folder) throws Exception {
    Path copy = Files.createTempDirectory("px-footprint");
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = copy.resolve(folder.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    long start = System.nanoTime();
    long elapsed;
    try (Connection cold = DriverManager.getConnection("jdbc:pxweb:" + copy.toUri())) {
      elapsed = System.nanoTime() - start;
    }
    try (Stream<Path> files = Files.walk(copy)) {
      for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(f);
      }
    }
    return elapsed / 1e6;
  }

  private static void selectOne(Connection c) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
      rs.next();
    }
  }

  private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
