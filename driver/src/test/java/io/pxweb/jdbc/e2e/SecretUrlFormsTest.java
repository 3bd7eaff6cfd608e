package io.pxweb.jdbc.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.pxweb.jdbc.config.PxWebUrl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password written into any form of connection URL never reaches a message: folders whose
 * path holds a URL ({@code file:<dir>+http://u:pw@host}, which the file system normalizes to
 * {@code http:/u:pw@host}), mounts (plain, in braces, with headers of their own, folders
 * again), the short plus form, malformed server URLs whose parser quotes them, Klass URLs and
 * PxWebApi v1 URLs. Each URL is opened and, if that works, queried; the message of every
 * exception in the chain is checked, and so is {@link PxWebUrl#redact}.
 */
@Tag("hostile")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SecretUrlFormsTest {
  private static final String SECRET = "PW-s3cret";
  private static final String SERVER = "http://u:" + SECRET + "@localhost:1/api/v2";

  @TempDir
  static Path tmp;

  private static String samples() {
    return Path.of("../samples/db").toAbsolutePath().normalize().toString();
  }

  /** Opens the URL, queries it if it opens; returns the failures. */
  private static List<Throwable> failures(String url) {
    List<Throwable> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url)) {
      for (String sql : List.of("select * from \"NOPE\"", "select * from x.\"NOPE\"",
          "select * from \"TAB009\"",
          "select * from meta.variables where table_id = 'NOPE'")) {
        try {
          Sql.rows(c, sql);
        } catch (SQLException e) {
          out.add(e);
        }
      }
    } catch (SQLException e) {
      out.add(e);
    }
    return out;
  }

  private static void assertNoSecret(String url) {
    String redacted = PxWebUrl.redact(url);
    assertFalse(redacted.contains(SECRET), redacted);
    List<Throwable> failures = failures(url);
    assertFalse(failures.isEmpty(), url);
    for (Throwable f : failures) {
      for (Throwable t = f; t != null; t = t.getCause()) {
        assertNotNull(t.toString());
        assertFalse(t.toString().contains(SECRET), t::toString);
      }
    }
  }

  @Test
  void aFolderWhosePathHoldsAUrl() {
    assertNoSecret("jdbc:pxweb:file:" + tmp + "/nodir+" + SERVER);
    assertNoSecret("jdbc:pxweb:file:" + tmp + "/nodir+" + SERVER + ";lang=en");
    assertNoSecret("jdbc:pxweb:file://u:" + SECRET + "@host/tmp");
  }

  @Test
  void anExistingFolderWhosePathHoldsAUrl() throws Exception {
    // The folder exists: errors name it (a table asked for that it lacks, a language it does
    // not have, a broken file).
    Path dir = tmp.resolve("d+http:").resolve("u:" + SECRET + "@localhost:1").resolve("api");
    Files.createDirectories(dir);
    Files.copy(Path.of(samples(), "environment", "TAB004.px"), dir.resolve("TAB004.px"));
    Files.writeString(dir.resolve("TAB009.px"), "MATRIX=\"TAB009\";\nSTUB=\"A\";\nDATA=\n1 2;\n",
        StandardCharsets.ISO_8859_1);
    String url = "jdbc:pxweb:file:" + tmp + "/d+http://u:" + SECRET + "@localhost:1/api";
    assertNoSecret(url);
    assertNoSecret(url + ";lang=xx");
    // The folder is still what the connection reads.
    try (Connection c = DriverManager.getConnection(url)) {
      assertFalse(Sql.rows(c, "select * from \"TAB004\" where SECTOR = '0.1'").isEmpty());
    }
  }

  @Test
  void mounts() {
    String main = "jdbc:pxweb:file:" + samples();
    assertNoSecret(main + ";mount.x=" + SERVER);
    assertNoSecret(main + ";mount.x={" + SERVER + ";lang=en}");
    assertNoSecret(main + ";mount.x=file:" + tmp + "/nodir+" + SERVER);
    assertNoSecret(main + ";mount.x={http://localhost:1/api/v2;httpHeaders=X-Api-Key:" + SECRET
        + "};bogus=1");
    assertNoSecret(main + ";mount.x={http://localhost:1/api/v2;proxyPassword=" + SECRET
        + ";bogus=1}");
  }

  @Test
  void serverUrlsThatDoNotParse() {
    assertNoSecret("jdbc:pxweb:http://u:" + SECRET + "@/api/v2");
    assertNoSecret("jdbc:pxweb:http://u:" + SECRET + "@local host/api/v2");
    assertNoSecret("jdbc:pxweb:ssb+" + SERVER);
    assertNoSecret("jdbc:pxweb:ssb+u:" + SECRET + "@localhost");
  }

  @Test
  void klassAndV1Urls() {
    assertNoSecret("jdbc:pxweb:file:" + samples() + ";klassUrl=http://u:" + SECRET
        + "@localhost:1/api/klass/v1;bogus=1");
    assertNoSecret("jdbc:pxweb:http://u:" + SECRET + "@localhost:1/api/v1/en/db");
    assertNoSecret("jdbc:pxweb:http://u:" + SECRET + "@localhost:1/api/v1/en/db;bogus=1");
  }
}
