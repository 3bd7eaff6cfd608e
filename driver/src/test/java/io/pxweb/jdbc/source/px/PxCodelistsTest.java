package io.pxweb.jdbc.source.px;

import static io.pxweb.jdbc.source.px.PxFixtures.fixture;
import static io.pxweb.jdbc.source.px.PxFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Value sets (.vs) and aggregations (.agg) of the reference server's test database. */
class PxCodelistsTest {

  @Test
  void valueset() throws Exception {
    PxCodelists.Valueset vs =
        PxCodelists.readValueset(fixture("pxwebapi-testdb/Aggregations/REGION-EN.vs"));
    assertEquals("Counties07", vs.name());
    assertEquals("Municipalities 07", vs.prestext());
    assertEquals("V", vs.type());
    assertEquals(List.of("Municipalites07"), vs.domains());
    assertEquals(List.of("Counties-en.agg"), vs.aggregations());
    assertEquals(290, vs.codes().size());
    assertEquals(vs.codes().size(), vs.texts().size());
    assertEquals("0114", vs.codes().get(0));
    assertEquals("Upplands Väsby", vs.texts().get(0));
    assertEquals("Kiruna", vs.texts().get(289));
  }

  @Test
  void aggregation() throws Exception {
    PxCodelists.Aggregation agg =
        PxCodelists.readAggregation(fixture("pxwebapi-testdb/Aggregations/Counties-en.agg"));
    assertEquals("Counties", agg.name());
    assertEquals("Counties07", agg.valueset());
    assertEquals(21, agg.groups().size());
    PxCodelists.Group stockholm = agg.groups().get(0);
    assertEquals("01", stockholm.code());
    assertEquals("Stockholm county", stockholm.text());
    assertEquals(26, stockholm.members().size());
    assertEquals("0114", stockholm.members().get(0));
    assertEquals("Södermanland county", agg.groups().get(2).text());
    // Every member of every group is a code of the value set.
    PxCodelists.Valueset vs =
        PxCodelists.readValueset(fixture("pxwebapi-testdb/Aggregations/REGION-EN.vs"));
    for (PxCodelists.Group g : agg.groups()) {
      for (String member : g.members()) {
        assertEquals(true, vs.codes().contains(member), g.code() + " " + member);
      }
    }
  }

  @Test
  void numberedEntriesFollowTheirNumbers(@TempDir Path dir) throws Exception {
    Path file = write(dir.resolve("x.vs"), "[Descr]\nName=X\n\n[Valuecode]\n2=b\n1=a\n10=j\n",
        StandardCharsets.ISO_8859_1);
    PxCodelists.Valueset vs = PxCodelists.readValueset(file);
    assertEquals(List.of("a", "b", "j"), vs.codes());
    assertEquals(vs.codes(), vs.texts());
  }

  @Test
  void malformedFilesNameTheLine(@TempDir Path dir) {
    Path file = write(dir.resolve("bad.agg"), "[Aggreg]\nName=A\n1=G1\nno equals sign\n",
        StandardCharsets.ISO_8859_1);
    PxFormatException e = assertThrows(PxFormatException.class,
        () -> PxCodelists.readAggregation(file));
    assertEquals(4, e.line());
    Path missing = write(dir.resolve("missing.agg"), "[Aggreg]\nName=A\n1=G1\n",
        StandardCharsets.ISO_8859_1);
    e = assertThrows(PxFormatException.class, () -> PxCodelists.readAggregation(missing));
    assertEquals("group G1 has no section [G1]", e.detail());
  }
}
