package io.pxweb.jdbc.jsonstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pxweb.jdbc.model.Cube;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reader's fast paths give exactly what the general ones gave: decimal numbers read as
 * {@link Double#parseDouble} reads them, and statuses as the sparse map held them.
 */
class FastPathsTest {
  private static Cube read(List<String> values, String status) throws Exception {
    StringBuilder doc = new StringBuilder("{\"class\":\"dataset\",\"id\":[\"x\"],\"size\":[")
        .append(values.size()).append("],\"dimension\":{\"x\":{\"category\":{\"index\":{");
    for (int i = 0; i < values.size(); i++) {
      doc.append(i == 0 ? "" : ",").append("\"c").append(i).append("\":").append(i);
    }
    doc.append("}}}},\"value\":[").append(String.join(",", values)).append("]");
    if (status != null) {
      doc.append(",\"status\":").append(status);
    }
    doc.append("}");
    return JsonStatReader.read(new ByteArrayInputStream(doc.toString()
        .getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void decimalsReadAsParseDoubleReadsThem() throws Exception {
    Random random = new Random(20261129);
    List<String> texts = new ArrayList<>(List.of("0.0", "-0.0", "0.1", "-0.1", "1.5",
        "123456789012345.6", "12345678901234.56", "1234567890123456.7", "0.30000000000000004",
        "9007199254740993.0", "1.0e5", "1.5E-3", "-2.50", "100000000000000.0",
        "0.000000000000001", "99999999999999.99", "4.35", "2.675", "1.005"));
    for (int i = 0; i < 20_000; i++) {
      long digits = random.nextLong() % (long) Math.pow(10, 1 + random.nextInt(17));
      int decimals = 1 + random.nextInt(8);
      String s = String.format(Locale.ROOT, "%0" + (decimals + 1) + "d", Math.abs(digits));
      texts.add((digits < 0 ? "-" : "") + s.substring(0, s.length() - decimals) + "."
          + s.substring(s.length() - decimals));
    }
    Cube cube = read(texts, null);
    for (int i = 0; i < texts.size(); i++) {
      double expected = Double.parseDouble(texts.get(i));
      assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(
          cube.value(i)), texts.get(i));
    }
  }

  @Test
  void statusesReadAsTheMapHeldThem() throws Exception {
    Cube cube = read(List.of("1", "null", "2.5", "null"), "{\"1\":\"..\",\"3\":\":\",\"2\":\"..\"}");
    assertNull(cube.status(0));
    assertEquals("..", cube.status(1));
    assertEquals("..", cube.status(2));
    assertEquals(":", cube.status(3));
    Cube array = read(List.of("1", "null", "3"), "[null, \".\"]");
    assertNull(array.status(0));
    assertEquals(".", array.status(1));
    assertNull(array.status(2));
    Cube uniform = read(List.of("1", "2"), "\"p\"");
    assertEquals("p", uniform.status(0));
    assertEquals("p", uniform.status(1));
  }

  @Test
  void moreSymbolsThanACharCountsStayExact() {
    int cells = 70_000;
    Map<Integer, String> statuses = new HashMap<>();
    for (int i = 0; i < cells; i += 1) {
      statuses.put(i, "s" + i);
    }
    Cube cube = Cube.of(List.of("x"), new int[] {cells}, List.of(Map.of()), new double[cells],
        statuses);
    for (int i = 0; i < cells; i++) {
      assertEquals("s" + i, cube.status(i));
    }
  }
}
