package io.pxweb.jdbc.source.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the language sits in the v1 URLs of the catalogue's servers. */
class V1UrlTest {
  @Test
  void theLanguageIsTheFirstShortSegmentAfterTheVersion() {
    // Statistics Sweden names the application between the version and the language.
    assertEquals(3, V1Source.languageSegment(List.of("OV0104", "v1", "doris", "sv", "ssd")));
    assertEquals(3, V1Source.languageSegment(List.of("PXWeb", "api", "v1", "en", "StatFin")));
    assertEquals(2, V1Source.languageSegment(List.of("api", "v0", "no", "table")));
    assertEquals(1, V1Source.languageSegment(List.of("pxis", "is", "Efnahagur")));
  }
}
