package io.pxweb.bench;

import io.pxweb.jdbc.surface.ErrorBoundary;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the scan's main thread spends its time: the share of JFR execution samples (Java code
 * only; native calls such as String.intern are not sampled) whose stack contains each of the
 * methods below. Shares overlap (a method and its callers).
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.pxweb.bench.JfrBreakdown <recording.jfr>}.
 */
public final class JfrBreakdown {
  private static final Map<String, String> METHODS = new LinkedHashMap<>();

  static {
    METHODS.put("io.pxweb.jdbc.jsonstat.JsonStatReader.read", "JsonStatReader.read (parse)");
    METHODS.put("io.pxweb.jdbc.adapter.RowAssembler.row", "RowAssembler.row (rows from the cube)");
    METHODS.put("java.math.BigDecimal.valueOf", "  BigDecimal.valueOf(double) (via Double.toString)");
    METHODS.put("io.pxweb.jdbc.model.Cube.status", "  Cube.status (status lookup)");
    METHODS.put("io.pxweb.jdbc.adapter.PeriodDates.firstDay", "  PeriodDates.firstDay (regex per row)");
    METHODS.put("io.pxweb.jdbc.adapter.RowAssembler.valueOf", "  RowAssembler.valueOf (linear search)");
    METHODS.put("io.pxweb.jdbc.surface.ErrorBoundary.invoke", "ErrorBoundary.invoke (reflective proxy, all calls)");
    METHODS.put("java.util.ImmutableCollections$SetN.contains", "  of which WRAPPED.contains per call");
    METHODS.put("java.lang.reflect.AccessibleObject.checkAccess", "  of which Method.invoke access checks");
    METHODS.put("org.apache.calcite.avatica.AvaticaResultSet.getObject", "AvaticaResultSet.getObject");
    METHODS.put("org.apache.calcite.avatica.util.DateTimeUtils.unixDateToSqlDate",
        "  of which DATE to java.sql.Date (legacy calendar)");
  }

  private JfrBreakdown() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, Integer> hits = new LinkedHashMap<>();
    int samples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
        continue;
      }
      List<RecordedFrame> frames = e.getStackTrace().getFrames();
      boolean main = false;
      java.util.Set<String> names = new java.util.HashSet<>();
      for (RecordedFrame f : frames) {
        String name = f.getMethod().getType().getName() + "." + f.getMethod().getName();
        names.add(name);
        main |= name.equals("io.pxweb.bench.ScanBench.main");
      }
      if (!main) {
        continue;
      }
      samples++;
      for (String m : METHODS.keySet()) {
        if (names.contains(m)) {
          hits.merge(m, 1, Integer::sum);
        }
      }
    }
    System.out.printf(Locale.ROOT, "%s: %d main-thread samples%n", args[0], samples);
    for (Map.Entry<String, String> m : METHODS.entrySet()) {
      System.out.printf(Locale.ROOT, "%5.1f%%\t%s%n",
          100.0 * hits.getOrDefault(m.getKey(), 0) / Math.max(1, samples), m.getValue());
    }
  }
}
