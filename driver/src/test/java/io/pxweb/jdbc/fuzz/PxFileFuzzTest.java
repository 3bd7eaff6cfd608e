package io.pxweb.jdbc.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pxweb.jdbc.model.DataRequest;
import io.pxweb.jdbc.model.Selection;
import io.pxweb.jdbc.model.TableEntry;
import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.model.Value;
import io.pxweb.jdbc.model.Variable;
import io.pxweb.jdbc.source.px.PxFolderSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PX files, through the folder source as a connection uses it: the table list, each table's
 * metadata, and its data (the first values of every variable, and every cell of small tables).
 * Any outcome but a result or an SQLException is a finding.
 */
class PxFileFuzzTest {
  private static final Path DIR = tempDir();
  private static int run;

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("px-fuzz");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void clean() throws IOException {
    try (Stream<Path> files = Files.walk(DIR)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static Stream<Arguments> seeds() {
    return Seeds.fixtures(".px", t -> true);
  }

  @MethodSource("seeds")
  @FuzzTest(maxDuration = "10s")
  void readsOrRejects(byte[] input) throws Exception {
    // A folder per input: the source caches what it has read by file.
    Path folder = Files.createDirectory(DIR.resolve("r" + run++));
    Path file = folder.resolve("t.px");
    Files.write(file, input);
    try {
      PxFolderSource source = new PxFolderSource(folder);
      source.config();
      for (TableEntry t : source.tables("en", 100)) {
        TableMetadata m = source.metadata(t.id(), "en");
        source.data(request(t.id(), m, 2), "en", null);
        long cells = m.variables().stream().mapToLong(Variable::size).reduce(1, (a, b) -> a * b);
        if (cells <= 10_000) {
          source.data(request(t.id(), m, Integer.MAX_VALUE), "en", null);
        }
      }
    } catch (SQLException rejected) {
      // The driver's answer to a bad file.
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(folder);
    }
  }

  /** Selects the first {@code n} values of every variable. */
  private static DataRequest request(String table, TableMetadata m, int n) {
    List<Selection> selections = new ArrayList<>();
    for (Variable v : m.variables()) {
      int k = Math.min(n, v.size());
      selections.add(new Selection(v.code(), k == v.size(),
          v.values().subList(0, k).stream().map(Value::code).toList(),
          IntStream.range(0, k).boxed().toList()));
    }
    return new DataRequest(table, selections);
  }
}
