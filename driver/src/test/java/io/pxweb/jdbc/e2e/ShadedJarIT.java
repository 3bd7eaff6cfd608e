package io.pxweb.jdbc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar alone on a classpath: a plain program in a fresh JVM finds the driver through
 * {@code java.sql.Driver} service registration and runs a query.
 */
class ShadedJarIT {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  private static Path shadedJar() {
    Path jar = Path.of(System.getProperty("shadedJar", "target/missing.jar"));
    assertTrue(Files.isRegularFile(jar), "shaded jar not built: " + jar);
    return jar;
  }

  @Test
  void plainJavaProgramQueriesThroughTheShadedJar(@TempDir Path dir) throws Exception {
    Path probe = dir.resolve("Probe.java");
    Files.writeString(probe, """
        import java.sql.*;
        public class Probe {
          public static void main(String[] a) throws Exception {
            try (Connection c = DriverManager.getConnection(a[0]);
                 ResultSet rs = c.createStatement().executeQuery(
                     "select NACE2007, Tid, \\"P90P10\\" from \\"13861\\" where NACE2007 = 'A-Z' order by Tid")) {
              System.out.println("driver=" + c.getMetaData().getDriverName());
              while (rs.next()) {
                System.out.println(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getBigDecimal(3));
              }
            }
          }
        }
        """);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", shadedJar().toString(), probe.toString(),
        server.jdbcUrl()).redirectErrorStream(true).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe did not finish");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    List<String> expected = new ArrayList<>();
    expected.add("driver=pxweb-jdbc");
    for (String tid : server.table("13861").valueCodes("Tid")) {
      expected.add("A-Z|" + tid + "|" + server.table("13861").value("A-Z", "P90P10", tid).setScale(1));
    }
    List<String> lines = out.lines().filter(l -> l.startsWith("driver=") || l.startsWith("A-Z|"))
        .collect(Collectors.toList());
    assertEquals(expected, lines, out);
  }

  /** Runs the probe program in a fresh JVM against a URL; returns its output lines of rows. */
  private static List<String> runProbe(Path dir, String url) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", shadedJar().toString(),
        dir.resolve("Probe.java").toString(), url).redirectErrorStream(true).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe did not finish");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    return out.lines().filter(l -> l.startsWith("A-Z|")).collect(Collectors.toList());
  }

  @Test
  void diskCacheSurvivesARestartAndACorruptEntry(@TempDir Path dir) throws Exception {
    plainJavaProgramQueriesThroughTheShadedJar(dir);
    Path cache = dir.resolve("cache");
    String url = server.jdbcUrl() + ";cacheDir=" + cache;
    server.resetRequests();
    List<String> first = runProbe(dir, url);
    int metadataCalls = server.findAll(com.github.tomakehurst.wiremock.client.WireMock
        .anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
            "/api/v2/(config|tables|tables/13861/metadata)"))).size();
    assertEquals(3, metadataCalls, "config, table list, metadata");
    // A restarted application: a new JVM reads metadata from the disk cache.
    server.resetRequests();
    assertEquals(first, runProbe(dir, url));
    assertEquals(0, server.findAll(com.github.tomakehurst.wiremock.client.WireMock
        .anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
            "/api/v2/(config|tables|tables/13861/metadata)"))).size());
    // Corrupt every entry: they are ignored and fetched again, with the same result.
    try (var files = Files.list(cache)) {
      for (Path f : files.toList()) {
        Files.writeString(f, "1\n{\"truncated\": [1, 2");
      }
    }
    server.resetRequests();
    assertEquals(first, runProbe(dir, url));
    assertEquals(3, server.findAll(com.github.tomakehurst.wiremock.client.WireMock
        .anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
            "/api/v2/(config|tables|tables/13861/metadata)"))).size());
  }

  @Test
  void clashingLibrariesAreRelocatedAndServicesMerged() throws IOException {
    try (JarFile jar = new JarFile(shadedJar().toFile())) {
      List<String> unrelocated = jar.stream().map(e -> e.getName())
          .filter(n -> n.startsWith("com/fasterxml/") || n.startsWith("okhttp3/")
              || n.startsWith("okio/") || n.startsWith("kotlin/")
              || n.startsWith("com/google/common/"))
          .limit(5).toList();
      assertEquals(List.of(), unrelocated);
      String drivers = new String(jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver"))
          .readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(drivers.lines().anyMatch("io.pxweb.jdbc.PxWebDriver"::equals), drivers);
      // Janino's compiler factory (relocated) must survive the merge; the probe query above
      // proves it works, this names the cause when it does not.
      String factory = "META-INF/services/io.pxweb.jdbc.shaded.org.codehaus.commons.compiler.ICompilerFactory";
      assertTrue(jar.getEntry(factory) != null, factory);
    }
  }
}
