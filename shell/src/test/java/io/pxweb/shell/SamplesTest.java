package io.pxweb.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every offline sample in samples/sql runs on the sample database as the README tells users
 * to run it ({@code pxsql -f}), and returns rows.
 */
class SamplesTest {
  private static final Path SAMPLES = Path.of("..", "samples", "sql");

  @TestFactory
  Stream<DynamicTest> everyOfflineSampleRuns() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(SAMPLES)) {
      files = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no samples in " + SAMPLES.toAbsolutePath());
    return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
        () -> {
          assertTrue(Files.readString(file).startsWith("-- Runs offline"),
              file + " must say how it runs");
          PxSqlTest.Run r = PxSqlTest.run("--format", "tsv", "-f", file.toString());
          assertEquals(0, r.status(), file + ": " + r.err());
          for (String result : r.out().split("\n\n")) {
            assertTrue(result.strip().lines().count() >= 2, "a result without rows in " + file
                + ":\n" + r.out());
          }
        }));
  }

  @Test
  void internetSamplesSaySo() throws IOException {
    try (Stream<Path> s = Files.list(SAMPLES.resolve("ssb"))) {
      for (Path file : s.toList()) {
        assertTrue(Files.readString(file).startsWith("-- NEEDS THE INTERNET"), file.toString());
      }
    }
  }
}
