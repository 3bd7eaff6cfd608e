package io.pxweb.jdbc.source.px;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Access to the fixture files of the test resources, and small file helpers for PX tests. */
public final class PxFixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PxFixtures() {
  }

  /** Returns a fixture file, e.g. {@code "px-files/TAB2936.px"}. */
  static Path fixture(String relative) {
    try {
      return Path.of(Objects.requireNonNull(
          PxFixtures.class.getClassLoader().getResource("fixtures/" + relative),
          "no fixture " + relative).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns a fixture parsed as JSON. */
  static JsonNode json(String relative) {
    try {
      return JSON.readTree(fixture(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a fixture into a folder below {@code root} (created as needed); returns the copy. */
  static Path copy(String relative, Path root, String folder) {
    try {
      Path dir = folder.isEmpty() ? root : root.resolve(folder);
      Files.createDirectories(dir);
      Path source = fixture(relative);
      return Files.copy(source, dir.resolve(source.getFileName()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Copies the PX files behind the test servers' tables into subject sub-folders: the same
   * cubes as the v2 and v1 test servers' TAB001, TAB003, TAB004, TAB2936, 12909 and 03024.
   */
  public static void copyTheServersFiles(Path folder) {
    copy("pxwebapi-testdb/TAB001.px", folder, "population");
    copy("pxwebapi-testdb/TAB003.px", folder, "environment/waste");
    copy("pxwebapi-testdb/TAB004.px", folder, "environment/emissions");
    copy("px-files/TAB2936.px", folder, "labour");
    copy("px-files/tab_12909_metaid.px", folder, "labour/sickness");
    copy("px-files/WeeklyStatisticsWithTwoContent.px", folder, "trade");
  }

  /** Writes a text file in a character set; returns it. */
  static Path write(Path file, String text, Charset charset) {
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, text.getBytes(charset));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads and maps a PX file's header. */
  static PxTableLayout layout(Path file) throws IOException, PxFormatException {
    return PxMetadataMapper.layout(PxTableFile.read(file));
  }
}
