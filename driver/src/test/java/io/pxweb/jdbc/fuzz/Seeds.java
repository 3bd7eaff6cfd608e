package io.pxweb.jdbc.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Seeds of the fuzz tests: the shared fixtures (../shared/fixtures, copied to test resources). */
final class Seeds {
  /** Larger files add little coverage and slow every mutation down. */
  private static final long MAX_BYTES = 130_000;

  private Seeds() {
  }

  /** Returns the fixture files whose names end with {@code suffix} and whose text passes. */
  static Stream<Arguments> fixtures(String suffix, Predicate<String> text) {
    Path root;
    try {
      root = Path.of(Objects.requireNonNull(
          Seeds.class.getClassLoader().getResource("fixtures"), "no fixtures").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().toLowerCase().endsWith(suffix))
          .sorted()
          .map(Seeds::bytes)
          .filter(b -> b.length <= MAX_BYTES)
          .filter(b -> text.test(new String(b, java.nio.charset.StandardCharsets.ISO_8859_1)))
          .map(b -> Arguments.of((Object) b))
          .toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
