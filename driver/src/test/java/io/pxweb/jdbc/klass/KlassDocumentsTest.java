package io.pxweb.jdbc.klass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxweb.jdbc.model.MalformedDocumentException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reading of Klass's documents, on the guide's examples. */
class KlassDocumentsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }

  @Test
  void rangedCodesTakeTheirValidityWithinTheRange() throws Exception {
    // §2.4.5, one entry; and one whose end is open.
    List<KlassDocuments.Code> codes = KlassDocuments.codes(json("{\"codes\":[{\"code\":\"3001\","
        + "\"parentCode\":null,\"level\":\"1\",\"name\":\"Halden\",\"shortName\":\"\","
        + "\"presentationName\":\"\",\"validFrom\":null,\"validTo\":null,"
        + "\"validFromInRequestedRange\":\"2020-01-01\",\"validToInRequestedRange\":\"2021-01-01\","
        + "\"notes\":\"\"},{\"code\":\"3002\",\"level\":1,\"name\":\"Moss\","
        + "\"validFromInRequestedRange\":\"2020-01-01\",\"validToInRequestedRange\":null}]}"));
    assertEquals(new KlassDocuments.Code("3001", null, 1, "Halden", null, null,
        LocalDate.of(2020, 1, 1), LocalDate.of(2021, 1, 1), null), codes.get(0));
    assertEquals(new KlassDocuments.Code("3002", null, 1, "Moss", null, null,
        LocalDate.of(2020, 1, 1), null, null), codes.get(1));
  }

  @Test
  void aFarEndIsNoEnd() throws Exception {
    KlassDocuments.Code c = KlassDocuments.codes(json("{\"codes\":[{\"code\":\"1\","
        + "\"validFrom\":\"2000-01-01\",\"validTo\":\"9999-12-31\"}]}")).get(0);
    assertEquals(LocalDate.of(2000, 1, 1), c.validFrom());
    assertEquals(null, c.validTo());
  }

  @Test
  void listingsReadTheirPageAndTimeStamps() throws Exception {
    KlassDocuments.Page<KlassDocuments.Classification> p = KlassDocuments.classifications(json(
        "{\"_embedded\":{\"classifications\":[{\"name\":\"Standard for kommuneinndeling\","
            + "\"id\":131,\"classificationType\":\"Klassifikasjon\","
            + "\"lastModified\":\"2025-11-19T08:35:02.254+0000\"}]},"
            + "\"page\":{\"size\":2,\"totalElements\":3,\"totalPages\":2,\"number\":0}}"));
    assertEquals(2, p.totalPages());
    assertEquals(new KlassDocuments.Classification(131, "Standard for kommuneinndeling",
        "Klassifikasjon", Instant.parse("2025-11-19T08:35:02.254Z")), p.items().get(0));
  }

  @Test
  void anEmptyPageHasNoEmbedded() throws Exception {
    KlassDocuments.Page<KlassDocuments.SearchHit> p = KlassDocuments.searchHits(json(
        "{\"_links\":{},\"page\":{\"size\":20,\"totalElements\":0,\"totalPages\":0,"
            + "\"number\":0}}"));
    assertEquals(List.of(), p.items());
  }

  @Test
  void documentsThatAreNotTheOneAskedForAreRejected() {
    MalformedDocumentException e = assertThrows(MalformedDocumentException.class,
        () -> KlassDocuments.codes(json("{\"correspondenceItems\":[]}")));
    assertEquals("expected an array 'codes', got none", e.getMessage());
    assertThrows(MalformedDocumentException.class,
        () -> KlassDocuments.codes(json("{\"codes\":[{\"name\":\"no code\"}]}")));
    assertThrows(MalformedDocumentException.class,
        () -> KlassDocuments.classifications(json("{\"something\":1}")));
  }
}
