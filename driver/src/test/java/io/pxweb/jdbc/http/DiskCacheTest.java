package io.pxweb.jdbc.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entries expire even when their clock is wrong; a cacheDir that is a file is an error. */
class DiskCacheTest {
  private static final String URL = "http://host/api/v2/tables?lang=en";

  @Test
  void anEntryFromTheFutureIsExpired(@TempDir Path dir) throws Exception {
    DiskCache cache = new DiskCache(dir, Duration.ofHours(1));
    cache.put(URL, "{}".getBytes(StandardCharsets.UTF_8));
    assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), cache.get(URL));
    // Written by a JVM whose clock ran a year ahead (or by hand): it would never expire.
    long future = System.currentTimeMillis() + Duration.ofDays(365).toMillis();
    Files.writeString(cache.file(URL), future + "\n{}");
    assertNull(cache.get(URL));
  }

  @Test
  void aCacheDirThatIsAFileFailsTheConnection(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
        "jdbc:pxweb:http://localhost:1/api/v2;cacheDir=" + file));
    assertEquals("22023", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("cacheDir") && e.getMessage().contains("not a folder"),
        e.getMessage());
  }
}
