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
