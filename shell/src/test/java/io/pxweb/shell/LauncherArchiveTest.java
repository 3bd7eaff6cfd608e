package io.pxweb.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code pxsql} launcher's start-up archive, with real JVMs: the script at the repository
 * root runs from a copy of the tree whose {@code shell/target/pxsql.jar} is a one-class program
 * (so nothing is built), with {@code PXSQL_CACHE_DIR} a temporary folder. Whether the archive
 * was used is what the JVM logs about the class's source ({@code shared objects file}).
 *
 * <p>Per JDK (this build's, and the newest JDK 25+ under /usr/lib/jvm, whose archive is an AOT
 * cache): an archive is made in the background and used; not from a folder others can write
 * (nor below one); one that is writable by others, another user's, rewritten or cut short is
 * never used and is replaced; with an AOT cache, one corrupted in place (same size and time)
 * is rejected by the JVM, which runs without it, and the next run replaces it.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class LauncherArchiveTest {
  @TempDir
  static Path root;

  /** Longest wait for the background training run; a guard against a hang, not a timing. */
  private static final long ARCHIVE_WAIT_MS = 240_000;

  @BeforeAll
  static void copyTheLauncher() throws IOException {
    Path script = Path.of("..", "pxsql").toAbsolutePath().normalize();
    assumeTrue(Files.isRegularFile(script) && Files.isExecutable(Path.of("/bin/bash"))
        && System.getProperty("os.name").startsWith("Linux"), "needs bash on Linux");
    Files.copy(script, root.resolve("pxsql"));
    Path jar = Files.createDirectories(root.resolve("shell/target")).resolve("pxsql.jar");
    writeProgram(jar);
  }

  /** Compiles a main class that prints one line and puts it in an executable jar. */
  private static void writeProgram(Path jar) throws IOException {
    Path src = Files.createDirectories(root.resolve("src")).resolve("Hello.java");
    Files.writeString(src, "public class Hello { public static void main(String[] a) {"
        + " System.out.println(\"hello from the archive test\"); } }");
    int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null,
        "--release", "17", "-d", src.getParent().toString(), src.toString());
    assertEquals(0, compiled);
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Hello");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      out.putNextEntry(new JarEntry("Hello.class"));
      out.write(Files.readAllBytes(src.getParent().resolve("Hello.class")));
      out.closeEntry();
    }
  }

  /** This build's java, and the newest JDK 25+ under /usr/lib/jvm when there is one. */
  static List<String> javas() throws IOException {
    List<String> out = new ArrayList<>();
    out.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms) && Runtime.version().feature() < 25) {
      int best = 0;
      String newest = null;
      try (Stream<Path> homes = Files.list(jvms)) {
        for (Path home : homes.toList()) {
          int v = feature(home);
          if (v >= 25 && v > best && Files.isExecutable(home.resolve("bin/java"))) {
            best = v;
            newest = home.resolve("bin/java").toString();
          }
        }
      }
      if (newest != null) {
        out.add(newest);
      }
    }
    return out;
  }

  private static int feature(Path home) throws IOException {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return 0;
    }
    for (String line : Files.readAllLines(release, StandardCharsets.ISO_8859_1)) {
      if (line.startsWith("JAVA_VERSION=\"")) {
        String digits = line.substring(14).replaceAll("[^0-9].*", "");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
      }
    }
    return 0;
  }

  /** One run of the launcher: whether it printed the program's line and used an archive. */
  private record Run(int status, String output, boolean fromArchive) {
  }

  private static Run run(String java, Path cache) throws Exception {
    Path log = Files.createTempFile(root, "load", ".log");
    ProcessBuilder pb = new ProcessBuilder("/bin/bash", root.resolve("pxsql").toString())
        .redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.remove("JAVA_HOME");
    env.remove("PXSQL_CDS");
    env.put("PXSQL_JAVA", java);
    env.put("PXSQL_CACHE_DIR", cache.toString());
    env.put("PXSQL_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
    Process p = pb.start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int status = p.waitFor();
    String loads = Files.readString(log);
    boolean shared = loads.lines().anyMatch(l -> l.contains(" Hello source: shared objects"));
    return new Run(status, output, shared);
  }

  private static void assertRuns(Run r, boolean fromArchive) {
    assertEquals(0, r.status(), r.output());
    assertTrue(r.output().contains("hello from the archive test"), r.output());
    assertFalse(r.output().contains("fatal error"), r.output());
    assertEquals(fromArchive, r.fromArchive(), r.output());
  }

  /** Waits for the background job to have put a checked archive in place; returns it. */
  private static Path archive(Path cache) throws Exception {
    long until = System.currentTimeMillis() + ARCHIVE_WAIT_MS;
    while (System.currentTimeMillis() < until) {
      try (Stream<Path> files = Files.list(cache)) {
        List<String> names = files.map(f -> f.getFileName().toString()).toList();
        boolean working = names.stream().anyMatch(n -> n.endsWith(".lock"));
        String ok = names.stream().filter(n -> n.endsWith(".ok")).findFirst().orElse(null);
        if (!working && ok != null) {
          return cache.resolve(ok.substring(0, ok.length() - 3));
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no archive in " + cache);
  }

  private static Path freshArchive(String java, Path cache) throws Exception {
    assertRuns(run(java, cache), false);
    Path archive = archive(cache);
    assertRuns(run(java, cache), true);
    return archive;
  }

  /** The archive is not used; the next one, made in the background, is. */
  private static Path assertReplaced(String java, Path cache) throws Exception {
    assertRuns(run(java, cache), false);
    Path archive = archive(cache);
    assertRuns(run(java, cache), true);
    return archive;
  }

  private static boolean isRoot() throws Exception {
    Process p = new ProcessBuilder("id", "-u").start();
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim()
        .equals("0");
  }

  @ParameterizedTest
  @MethodSource("javas")
  void anArchiveIsUsedOnlyFromAPrivateFolder(String java) throws Exception {
    Path cache = Files.createTempDirectory(root, "cache");
    Path archive = freshArchive(java, cache);
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertRuns(run(java, cache), false);
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwx---r-x"));
    assertRuns(run(java, cache), true);
    // A folder above it that others may write (and that is not sticky) is no better.
    Path parent = Files.createTempDirectory(root, "shared");
    Path below = Files.createDirectories(parent.resolve("cache"));
    Files.setPosixFilePermissions(below, PosixFilePermissions.fromString("rwx------"));
    freshArchive(java, below);
    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertRuns(run(java, below), false);
    assertTrue(Files.exists(archive));
  }

  @ParameterizedTest
  @MethodSource("javas")
  void anArchiveOthersCanChangeIsReplaced(String java) throws Exception {
    Path cache = Files.createTempDirectory(root, "cache");
    Path archive = freshArchive(java, cache);
    Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-rw-rw-"));
    archive = assertReplaced(java, cache);
    if (isRoot()) {
      UserPrincipal nobody = cache.getFileSystem().getUserPrincipalLookupService()
          .lookupPrincipalByName("nobody");
      Files.setOwner(archive, nobody);
      assertReplaced(java, cache);
    }
  }

  @ParameterizedTest
  @MethodSource("javas")
  void aCorruptArchiveIsReplaced(String java) throws Exception {
    Path cache = Files.createTempDirectory(root, "cache");
    Path archive = freshArchive(java, cache);
    // Cut short (a JDK 17 mapping a truncated archive dies of SIGBUS).
    byte[] bytes = Files.readAllBytes(archive);
    archive.toFile().setWritable(true, true);
    Files.write(archive, Arrays.copyOf(bytes, bytes.length / 2));
    archive = assertReplaced(java, cache);
    if (archive.getFileName().toString().endsWith(".aot")) {
      // Corrupted in place with its size and time kept: the JVM rejects it and runs without;
      // the next run replaces it.
      FileTime time = Files.getLastModifiedTime(archive);
      archive.toFile().setWritable(true, true);
      try (RandomAccessFile file = new RandomAccessFile(archive.toFile(), "rw")) {
        file.seek(200);
        file.write(new byte[64]);
      }
      Files.setLastModifiedTime(archive, time);
      assertRuns(run(java, cache), false);
      assertReplaced(java, cache);
    }
  }

}
