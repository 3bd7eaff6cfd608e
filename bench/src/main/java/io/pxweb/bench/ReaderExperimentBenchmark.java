package io.pxweb.bench;

import io.pxweb.jdbc.jsonstat.JsonStatReader;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Evidence for a driver fix, not a published figure: the driver's reader against the same token
 * loop ({@link ReaderVariant}) with the driver's JSON factory (control), without field-name
 * interning, and without interning plus the fast double parser; and the Jackson tree baseline
 * with and without interning (the baseline pays the same cost); 800,000 cells.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ReaderExperimentBenchmark {
  @Param({"800000"})
  public int cells;

  private static final com.fasterxml.jackson.databind.ObjectMapper TREE_NO_INTERN =
      new com.fasterxml.jackson.databind.ObjectMapper(ReaderVariant.NO_INTERN);

  private byte[] document;

  @Setup
  public void setUp() {
    document = ParseFiles.document(cells);
  }

  @Benchmark
  public Object driverReader() throws Exception {
    return JsonStatReader.read(new ByteArrayInputStream(document));
  }

  @Benchmark
  public Object copyDriverFactory() throws Exception {
    return ReaderVariant.read(ReaderVariant.DRIVER_FACTORY, new ByteArrayInputStream(document));
  }

  @Benchmark
  public Object copyNoIntern() throws Exception {
    return ReaderVariant.read(ReaderVariant.NO_INTERN, new ByteArrayInputStream(document));
  }

  @Benchmark
  public Object treeDefault() throws Exception {
    return TreeBaseline.read(new ByteArrayInputStream(document));
  }

  @Benchmark
  public Object treeNoIntern() throws Exception {
    return TreeBaseline.read(TREE_NO_INTERN, new ByteArrayInputStream(document));
  }

  @Benchmark
  public Object copyNoInternFastDoubles() throws Exception {
    return ReaderVariant.read(ReaderVariant.NO_INTERN_FAST_DOUBLES, new ByteArrayInputStream(document));
  }

}
