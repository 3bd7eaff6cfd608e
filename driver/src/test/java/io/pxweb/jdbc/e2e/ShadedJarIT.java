package io.pxweb.jdbc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.io.File;
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

  /**
   * A quiet guest: the jar alone on a classpath (no SLF4J provider) prints nothing on standard
   * error while it connects and queries; SLF4J 2 printed three lines ("No SLF4J providers were
   * found", ...) at the first connection.
   */
  @Test
  void theJarAloneWritesNothingToStandardError(@TempDir Path dir) throws Exception {
    Process p = runQuery(dir, List.of(shadedJar()), server.jdbcUrl(),
        "select NACE2007, Tid from \"13861\" where NACE2007 = 'A-Z'");
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out + err);
    assertEquals(server.table("13861").valueCodes("Tid").size(), out.lines().count(), out);
    assertEquals("", err);
  }

  /**
   * A host with an SLF4J provider (here slf4j-simple, which writes to standard error) gets the
   * driver's log through it: a folder of PX files where two files claim one table id.
   */
  @Test
  void aHostsSlf4jProviderGetsTheDriversLog(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("db");
    Path px = Path.of("../samples/db/environment/TAB004.px");
    Files.createDirectories(db.resolve("a"));
    Files.createDirectories(db.resolve("b"));
    Files.copy(px, db.resolve("a/TAB004.px"));
    Files.copy(px, db.resolve("b/TAB004.px"));
    Path simple;
    try (var files = Files.list(Path.of(System.getProperty("hostLogging", "target/host-logging")))) {
      simple = files.filter(f -> f.getFileName().toString().startsWith("slf4j-simple"))
          .findFirst().orElseThrow();
    }
    Process p = runQuery(dir, List.of(shadedJar(), simple), "jdbc:pxweb:file:" + db,
        "select count(*) from \"TAB004\"");
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out + err);
    assertEquals("4312", out.strip());
    assertTrue(err.contains("WARN io.pxweb.jdbc.source.px.PxDatabase - Skipping PX file b/TAB004.px:"
        + " table id TAB004 is already used by a/TAB004.px"), err);
    assertTrue(!err.contains("SLF4J"), err);
  }

  /** Runs one query in a fresh JVM on a classpath; prints each row's columns joined by '|'. */
  private static Process runQuery(Path dir, List<Path> classpath, String url, String sql)
      throws Exception {
    Path query = dir.resolve("Query.java");
    Files.writeString(query, """
        import java.sql.*;
        public class Query {
          public static void main(String[] a) throws Exception {
            try (Connection c = DriverManager.getConnection(a[0]);
                 ResultSet rs = c.createStatement().executeQuery(a[1])) {
              int n = rs.getMetaData().getColumnCount();
              while (rs.next()) {
                StringBuilder b = new StringBuilder(rs.getString(1));
                for (int i = 2; i <= n; i++) b.append('|').append(rs.getString(i));
                System.out.println(b);
              }
            }
          }
        }
        """);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cp = classpath.stream().map(Path::toString).toList();
    Process p = new ProcessBuilder(java, "-cp", String.join(File.pathSeparator, cp),
        query.toString(), url, sql).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "query did not finish");
    return p;
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

  /**
   * The jar in a host application that has its own, older versions of the libraries the jar
   * bundles (Guava 19, Jackson 2.9, OkHttp 3, protobuf 2.6, commons-lang3 3.1, SnakeYAML 1.17,
   * json-path 2.2, Janino 3.0, Kotlin 1.3, slf4j 1.7, ...), first on its classpath: the
   * driver's queries, SQL functions that reach the bundled libraries (JSON, math, strings), an
   * attached H2 database (connection pool, logging) and the host's own use of its libraries
   * all work, and only the driver's own java.sql.Driver is registered.
   */
  @Test
  void hostApplicationWithItsOwnLibraryVersions(@TempDir Path dir) throws Exception {
    Path hostLibs = Path.of(System.getProperty("hostLibs", "target/host-libs"));
    List<Path> libs;
    try (var files = Files.list(hostLibs)) {
      libs = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
    }
    assertTrue(libs.size() >= 20, "host libraries not copied: " + hostLibs);
    Path host = dir.resolve("Host.java");
    Files.writeString(host, """
        import java.sql.*;
        import java.util.*;
        public class Host {
          public static void main(String[] a) throws Exception {
            // The host's own libraries, in its versions.
            System.out.println("guava=" + com.google.common.collect.ImmutableList.of(1, 2));
            System.out.println("jackson=" + new com.fasterxml.jackson.databind.ObjectMapper()
                .version().getMinorVersion());
            System.out.println("okhttp=" + okhttp3.HttpUrl.parse("http://h/x").host());
            System.out.println("yaml=" + new org.yaml.snakeyaml.Yaml().load("a: 1"));
            List<String> drivers = new ArrayList<>();
            for (Driver d : ServiceLoader.load(Driver.class)) {
              drivers.add(d.getClass().getName());
            }
            Collections.sort(drivers);
            System.out.println("services=" + drivers);
            try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:host;DB_CLOSE_DELAY=-1");
                 Statement s = h2.createStatement()) {
              s.execute("create table c (country varchar(2), n int)");
              s.execute("insert into c values ('NO', 3), ('SE', 4)");
            }
            String[] sqls = {
              "select NACE2007, Tid, \\"P90P10\\" from \\"13861\\" where NACE2007 = 'A-Z' order by Tid",
              "select json_value('{\\"a\\": [5, 6]}', '$.a[1]'), upper('abc'),"
                  + " round(power(2, 0.5), 3), position('b' in 'abc'),"
                  + " overlay('abcd' placing 'z' from 2 for 1), initcap('hello world')"
                  + " from (values (1))",
              "select c.country, c.n from host.C c order by 1",
            };
            try (Connection c = DriverManager.getConnection(a[0])) {
              for (String sql : sqls) {
                try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                  int n = rs.getMetaData().getColumnCount();
                  while (rs.next()) {
                    StringBuilder b = new StringBuilder("row");
                    for (int i = 1; i <= n; i++) b.append('|').append(rs.getString(i));
                    System.out.println(b);
                  }
                }
              }
            }
          }
        }
        """);
    List<String> classpath = new ArrayList<>();
    libs.forEach(l -> classpath.add(l.toString()));
    classpath.add(shadedJar().toString());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String url = server.jdbcUrl() + ";attach.host.url={jdbc:h2:mem:host;DB_CLOSE_DELAY=-1}"
        + ";attach.host.schema=PUBLIC";
    Process p = new ProcessBuilder(java, "-Dpxweb.attach.allowedUrls=jdbc:h2:mem:host;DB_CLOSE_DELAY=-1",
        "-cp", String.join(File.pathSeparator, classpath), host.toString(), url)
        .redirectErrorStream(true).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "host did not finish");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    List<String> expected = new ArrayList<>(List.of("guava=[1, 2]", "jackson=9", "okhttp=h",
        "yaml={a=1}", "services=[io.pxweb.jdbc.PxWebDriver, org.h2.Driver]"));
    for (String tid : server.table("13861").valueCodes("Tid")) {
      expected.add("row|A-Z|" + tid + "|"
          + server.table("13861").value("A-Z", "P90P10", tid).setScale(1));
    }
    expected.add("row|6|ABC|1.414|2|azcd|Hello World");
    expected.add("row|NO|3");
    expected.add("row|SE|4");
    List<String> lines = out.lines().filter(l -> l.matches("(guava|jackson|okhttp|yaml|services)=.*")
        || l.startsWith("row|")).collect(Collectors.toList());
    assertEquals(expected, lines, out);
  }

  @Test
  void onlyTheDriversOwnPackagesAndCalciteStayUnrelocated() throws IOException {
    try (JarFile jar = new JarFile(shadedJar().toFile())) {
      List<String> roots = jar.stream().map(e -> e.getName())
          .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/"))
          .map(n -> n.substring(0, n.indexOf('/', n.indexOf('/') + 1) + 1))
          .distinct().sorted().toList();
      assertEquals(List.of("io/pxweb/", "org/apache/", "org/jspecify/", "org/slf4j/"), roots);
      assertEquals(List.of(), jar.stream().map(e -> e.getName())
          .filter(n -> n.endsWith(".class") && n.startsWith("org/apache/")
              && !n.startsWith("org/apache/calcite/"))
          .limit(5).toList());
      assertEquals("io.pxweb.jdbc", jar.getManifest().getMainAttributes()
          .getValue("Automatic-Module-Name"));
      assertTrue(jar.getEntry("META-INF/LICENSE") != null && jar.getEntry("META-INF/NOTICE") != null);
      String license = new String(jar.getInputStream(jar.getEntry("META-INF/LICENSE"))
          .readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(license.contains("Apache License") && license.contains("Version 2.0"));
      String drivers = new String(jar.getInputStream(jar.getEntry(
          "META-INF/services/java.sql.Driver")).readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(List.of("io.pxweb.jdbc.PxWebDriver"), drivers.lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).toList());
    }
  }
}
