package io.pxweb.bench;

import io.pxweb.jdbc.model.Cube;
import io.pxweb.jdbc.jsonstat.JsonStatReader;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JSON-stat parse throughput: the driver's streaming {@link JsonStatReader} against a Jackson
 * tree ({@code readTree}) baseline, on the same in-memory UTF-8 documents ({@link ParseFiles}).
 * Time per document; cells/s = cells / time (bench/run.sh computes it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ParseBenchmark {
  @Param({"10000", "100000", "800000"})
  public int cells;

  private byte[] document;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    document = ParseFiles.document(cells);
    // Both readers must agree before either is timed.
    Cube cube = JsonStatReader.read(new ByteArrayInputStream(document));
    TreeBaseline.Result tree = TreeBaseline.read(new ByteArrayInputStream(document));
    if (cube.cellCount() != cells || tree.values().length != cells) {
      throw new IllegalStateException("cell count mismatch");
    }
    for (int i = 0; i < cells; i++) {
      double a = cube.value(i);
      double b = tree.values()[i];
      if (!(Double.compare(a, b) == 0) || !java.util.Objects.equals(cube.status(i), tree.statuses().get(i))) {
        throw new IllegalStateException("readers disagree at cell " + i + ": " + a + " " + b);
      }
    }
  }

  @Benchmark
  public Cube streaming() throws Exception {
    return JsonStatReader.read(new ByteArrayInputStream(document));
  }

  @Benchmark
  public TreeBaseline.Result tree() throws Exception {
    return TreeBaseline.read(new ByteArrayInputStream(document));
  }
}
