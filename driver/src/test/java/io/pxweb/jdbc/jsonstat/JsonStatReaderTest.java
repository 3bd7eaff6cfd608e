package io.pxweb.jdbc.jsonstat;

import io.pxweb.jdbc.model.Cube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.model.MalformedDocumentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonStatReaderTest {
  private static Cube read(String json) throws Exception {
    return JsonStatReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static Cube fixture(String path) throws Exception {
    try (InputStream in = JsonStatReaderTest.class.getResourceAsStream("/fixtures/" + path)) {
      return JsonStatReader.read(in);
    }
  }

  @Test
  void readsRealSsbResponse() throws Exception {
    Cube cube = fixture("ssb-v1-jsonstat2/data-13861.json");
    assertEquals(List.of("NACE2007", "ContentsCode", "Tid"), cube.dimensionIds());
    assertEquals(56, cube.cellCount());
    assertEquals(4, cube.size(0));
    // Row-major, last dimension fastest: stride of NACE2007 = 2 * 7.
    assertEquals(14, cube.stride(0));
    assertEquals(7, cube.stride(1));
    assertEquals(1, cube.stride(2));
    int first = cube.position(0, "A-Z") * 14 + cube.position(1, "Ginikoeffisient") * 7
        + cube.position(2, "2016");
    assertEquals(0.205, cube.value(first), 1e-9);
    int p90 = cube.position(0, "A-Z") * 14 + cube.position(1, "P90P10") * 7
        + cube.position(2, "2022");
    assertEquals(2.3, cube.value(p90), 1e-9);
    assertNull(cube.status(first));
  }

  private static final String REORDERED = """
      {"version":"2.0","class":"dataset","label":"t",
       "id":["Tid","Region","ContentsCode"],"size":[2,3,1],
       "dimension":{
         "Region":{"label":"region","category":{"index":{"0301":2,"1103":0,"4601":1},
                   "label":{"0301":"Oslo","1103":"Stavanger","4601":"Bergen"}}},
         "Tid":{"label":"year","category":{"index":{"2024":1,"2023":0}}},
         "ContentsCode":{"label":"c","category":{"index":{"Pers":0},
                   "unit":{"Pers":{"base":"persons","decimals":0}}}}},
       "extension":{"px":{}},
       "value":[10,11,null,20,21,22],
       "status":{"2":"..","4":"p"}}
      """;

  @Test
  void indexesByResponseOrderAndIndexValuesNotKeyOrder() throws Exception {
    Cube cube = read(REORDERED);
    int tid = cube.dimension("Tid");
    int region = cube.dimension("Region");
    assertEquals(0, tid);
    // 2024 is at position 1 although its key comes first.
    assertEquals(1, cube.position(tid, "2024"));
    assertEquals(2, cube.position(region, "0301"));
    int oslo2023 = cube.position(tid, "2023") * cube.stride(tid)
        + cube.position(region, "0301") * cube.stride(region);
    assertTrue(cube.isNull(oslo2023));
    assertEquals("..", cube.status(oslo2023));
    int bergen2024 = cube.position(tid, "2024") * cube.stride(tid)
        + cube.position(region, "4601") * cube.stride(region);
    // A status may sit on a cell that has a number.
    assertEquals(21, cube.value(bergen2024), 0);
    assertEquals("p", cube.status(bergen2024));
  }

  @Test
  void statusBeforeValueAndSparseValueObject() throws Exception {
    Cube cube = read("""
        {"class":"dataset","status":{"1":":"},"value":{"0":5,"2":7},"id":["a"],"size":[3],
         "dimension":{"a":{"category":{"index":["x","y","z"]}}}}
        """);
    assertEquals(5, cube.value(0), 0);
    assertTrue(cube.isNull(1));
    assertEquals(":", cube.status(1));
    assertEquals(7, cube.value(2), 0);
    assertEquals(0, cube.position(0, "x"));
    assertEquals(2, cube.position(0, "z"));
  }

  @Test
  void numbersSentAsStringsAreRead() throws Exception {
    Cube cube = read("""
        {"id":["a"],"size":[2],"dimension":{"a":{"category":{"index":{"x":0,"y":1}}}},
         "value":["1.5",".."]}
        """);
    assertEquals(1.5, cube.value(0), 0);
    assertTrue(cube.isNull(1));
  }

  @Test
  void truncatedValueArrayIsAnErrorNotFewerRows() {
    MalformedDocumentException e = assertThrows(MalformedDocumentException.class,
        () -> read(REORDERED.replace("[10,11,null,20,21,22]", "[10,11,null,20,21]")));
    assertTrue(e.getMessage().contains("expected 6 values"), e.getMessage());
  }

  @Test
  void bodyCutOffMidStreamIsATransportErrorToRetry() {
    String cut = REORDERED.substring(0, REORDERED.indexOf("20,21"));
    assertThrows(java.io.EOFException.class, () -> read(cut));
  }

  @Test
  void htmlPageIsAnError() {
    MalformedDocumentException e = assertThrows(MalformedDocumentException.class,
        () -> read("<!DOCTYPE html><html><body>Maintenance</body></html>"));
    assertTrue(e.getMessage().contains("not valid JSON-stat"), e.getMessage());
  }

  @Test
  void documentWithoutIdOrSizeIsAnError() {
    assertThrows(MalformedDocumentException.class,
        () -> read("{\"type\":\"Parameter error\",\"title\":\"Non-existent value\"}"));
  }

  @Test
  void sizeThatDisagreesWithCategoriesIsAnError() {
    assertThrows(MalformedDocumentException.class,
        () -> read(REORDERED.replace("\"size\":[2,3,1]", "\"size\":[2,4,1]")));
  }

  @Test
  void metadataFixturesHaveTheirDimensionsButNoCells() throws Exception {
    // Metadata documents carry "value": [] — reading one as data must fail, not give 0 rows.
    for (String f : List.of("pxwebapi-server-expected/metadata-TAB001.json",
        "ssb-live-docs/ssb-metadata-05810.json")) {
      MalformedDocumentException e = assertThrows(MalformedDocumentException.class,
          () -> fixture(f));
      assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }
  }

  @Test
  void ssbNonSequentialIndexIsHonoured() throws Exception {
    // 05810's Kjonn has {"0":0,"1":2,"2":1}: code "1" is at position 2.
    String meta;
    try (InputStream in = getClass().getResourceAsStream(
        "/fixtures/ssb-live-docs/ssb-metadata-05810.json")) {
      meta = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    int cells = 3 * 7 * 1 * 49;
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < cells; i++) {
      values.append(i == 0 ? "" : ",").append(i);
    }
    Cube cube = read(meta.replaceFirst("\"value\"\\s*:\\s*\\[\\s*\\]", "\"value\":[" + values + "]"));
    int kjonn = cube.dimension("Kjonn");
    assertEquals(2, cube.position(kjonn, "1"));
    assertEquals(1, cube.position(kjonn, "2"));
    assertFalse(cube.isNull(cells - 1));
  }

  // ---- Bounded by the request ----

  private static final java.util.Map<String, Integer> REQUESTED =
      java.util.Map.of("Tid", 2, "Region", 3, "ContentsCode", 1);

  private static Cube read(String json, java.util.Map<String, Integer> requested)
      throws Exception {
    return JsonStatReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
        requested);
  }

  private static String rejected(String json, java.util.Map<String, Integer> requested) {
    return assertThrows(MalformedDocumentException.class, () -> read(json, requested))
        .getMessage();
  }

  @Test
  void responseOfTheRequestedShapeReads() throws Exception {
    assertEquals(6, read(REORDERED, REQUESTED).cellCount());
  }

  @Test
  void sizeBeyondTheRequestIsRejectedBeforeAnyAllocation() {
    // 1290^3 cells claimed by a sparse response: rejected when 'size' is read.
    String m = rejected("""
        {"id":["Tid","Region","ContentsCode"],"size":[1290,1290,1290],"value":{}}
        """, REQUESTED);
    assertTrue(m.contains("size 1290"), m);
    // Without a request the default cell bound applies.
    assertThrows(MalformedDocumentException.class, () -> read("""
        {"id":["a","b","c"],"size":[1290,1290,1290],"value":{},
         "dimension":{"a":{},"b":{},"c":{}}}
        """));
  }

  @Test
  void dimensionNotRequestedIsRejected() {
    String m = rejected(REORDERED.replace("\"id\":[\"Tid\"", "\"id\":[\"Extra\",\"Tid\""),
        REQUESTED);
    assertTrue(m.contains("'Extra'"), m);
  }

  @Test
  void dimensionListedTwiceIsRejected() {
    String m = rejected(REORDERED.replace("\"id\":[\"Tid\",\"Region\",\"ContentsCode\"],"
        + "\"size\":[2,3,1]", "\"id\":[\"Tid\",\"Region\",\"ContentsCode\",\"Tid\"],"
        + "\"size\":[2,3,1,2]"), null);
    assertTrue(m.contains("twice"), m);
  }

  @Test
  void sizeOtherThanRequestedIsRejected() {
    String m = rejected(REORDERED, java.util.Map.of("Tid", 2, "Region", 4, "ContentsCode", 1));
    assertTrue(m.contains("'Region'"), m);
  }

  @Test
  void moreValuesThanRequestedCellsStopAtTheBound() {
    String m = rejected(REORDERED.replace("[10,11,null,20,21,22]", "[10,11,null,20,21,22,23]"),
        REQUESTED);
    assertTrue(m.contains("more values than the 6 cells"), m);
  }

  @Test
  void sparseOrStatusIndexBeyondTheCellsIsRejected() {
    assertTrue(rejected(REORDERED.replace("[10,11,null,20,21,22]", "{\"2000000000\":1}"),
        REQUESTED).contains("outside"));
    assertTrue(rejected(REORDERED.replace("\"4\":\"p\"", "\"6\":\"p\""), REQUESTED)
        .contains("outside"));
  }

  @Test
  void categoryCodeListedTwiceIsRejected() {
    String m = rejected(REORDERED.replace("\"index\":[\"2023\"", "\"index\":[\"2023\"")
        .replace("{\"index\":{\"2024\":1,\"2023\":0}}", "{\"index\":[\"2023\",\"2023\"]}"),
        REQUESTED);
    assertTrue(m.contains("twice"), m);
  }

  @Test
  void valueBeyondTheRangeOfADoubleIsRejected() {
    assertTrue(rejected(REORDERED.replace("[10,", "[1e999,"), REQUESTED).contains("1e999"));
    assertTrue(rejected(REORDERED.replace("[10,", "[\"-1e999\","), REQUESTED)
        .contains("out of range"));
  }
}
