package io.pxweb.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PxSqlTest {
  private static final String DEFAULT = "jdbc:pxweb:file:/repo/samples/db";

  private static String after(List<String> args, String option) {
    return args.get(args.indexOf(option) + 1);
  }

  @Test
  void withoutUrlTheEmbeddedDefaultIsUsed() throws IOException {
    List<String> a = PxSql.translate(new String[] {"select 1"}, DEFAULT);
    assertEquals(DEFAULT + ";progress=true", after(a, "-u"));
    assertEquals("io.pxweb.jdbc.PxWebDriver", after(a, "-d"));
    assertEquals("select 1;", after(a, "-e"));
    assertTrue(a.contains("--outputformat=table"), a.toString());
  }

  @Test
  void urlFormatAndWordsOfSql() throws IOException {
    List<String> a = PxSql.translate(new String[] {"--url", "jdbc:pxweb:ssb", "--format", "CSV",
        "select", "*", "from", "t;"}, DEFAULT);
    assertEquals("jdbc:pxweb:ssb;progress=true", after(a, "-u"));
    assertTrue(a.contains("--outputformat=csv"), a.toString());
    assertEquals("select * from t;", after(a, "-e"));
  }

  @Test
  void progressSettingOfTheUserIsKept() throws IOException {
    List<String> a = PxSql.translate(new String[] {"--url", "jdbc:pxweb:ssb;Progress=false", "x"},
        DEFAULT);
    assertEquals("jdbc:pxweb:ssb;Progress=false", after(a, "-u"));
  }

  @Test
  void fileRunsAScript() throws IOException {
    List<String> a = PxSql.translate(new String[] {"--format=json", "-f", "q.sql"}, DEFAULT);
    assertTrue(a.contains("--run=q.sql"), a.toString());
    assertTrue(a.contains("--outputformat=json"), a.toString());
  }

  @Test
  void noSqlIsInteractive() throws IOException {
    List<String> a = PxSql.translate(new String[0], DEFAULT);
    assertTrue(!a.contains("-e") && a.stream().noneMatch(s -> s.startsWith("--run")), a.toString());
  }

  @Test
  void badOptionsAreRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> PxSql.translate(new String[] {"--format", "xls", "x"}, DEFAULT));
    assertThrows(IllegalArgumentException.class,
        () -> PxSql.translate(new String[] {"--bogus"}, DEFAULT));
    assertThrows(IllegalArgumentException.class,
        () -> PxSql.translate(new String[] {"--url"}, DEFAULT));
  }

  @Test
  void helpPrintsUsage() throws IOException {
    assertNull(PxSql.translate(new String[] {"--help"}, DEFAULT));
  }
}
