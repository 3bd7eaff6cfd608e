package io.pxweb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pxweb.server.catalog.PgType;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * float8 and float4 values are written as PostgreSQL writes them (shortest digits, its switch
 * between fixed point and exponent), checked value by value against a real PostgreSQL's
 * {@code float8out}/{@code float4out} on edge values and random doubles of every magnitude.
 */
class FloatTextTest {
  @Test
  void valuesPostgresqlWasSeenToWrite() {
    // PostgreSQL 15's text for these (psql, extra_float_digits 1 and 3 alike).
    assertEquals("12345678.5", PgType.floatText(12345678.5));
    assertEquals("1e+15", PgType.floatText(1e15));
    assertEquals("100000000000000", PgType.floatText(1e14));
    assertEquals("1.2345678901234568e+17", PgType.floatText(123456789012345678.0));
    assertEquals("1.5e-07", PgType.floatText(1.5e-7));
    assertEquals("0.0001", PgType.floatText(1e-4));
    assertEquals("1e-05", PgType.floatText(1e-5));
    assertEquals("999999999999999.9", PgType.floatText(999999999999999.9));
    assertEquals("5e-324", PgType.floatText(Double.MIN_VALUE));
    assertEquals("1.234567e+06", PgType.float4Text(1234567f));
    assertEquals("1.2345675e+06", PgType.float4Text(1234567.5f));
    assertEquals("123456.7", PgType.float4Text(123456.7f));
    assertEquals("1.1", PgType.float4Text(1.1f));
  }

  @Test
  void doublesAndFloatsAsPostgresqlWritesThem() throws Exception {
    Random random = new Random(20261207);
    List<Double> doubles = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 0.1, 2e23, 1e23,
        9007199254740993.0, 1e15, 1e15 + 0.5, 1e-4, 9.999e-5, 1e7, 12345678.9, -3.5e-300,
        Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL, 1.0 / 3, 2.0 / 3, 0.3));
    for (int i = 0; i < 3000; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      if (!Double.isNaN(d) && !Double.isInfinite(d)) {
        doubles.add(d);
      }
      // Statistics' values: whole numbers and short decimals, sums and averages of them.
      doubles.add(random.nextInt(100_000_000) / Math.pow(10, random.nextInt(8)));
      doubles.add(random.nextInt(1_000_000) / (double) (1 + random.nextInt(97)));
    }
    List<Float> floats = new ArrayList<>(List.of(0f, 1.1f, 1234567f, 1e-4f, 1.5e-5f,
        Float.MAX_VALUE, Float.MIN_VALUE, 999999.5f, 1e6f));
    for (int i = 0; i < 3000; i++) {
      float f = Float.intBitsToFloat(random.nextInt());
      if (!Float.isNaN(f) && !Float.isInfinite(f)) {
        floats.add(f);
      }
      floats.add(random.nextInt(10_000_000) / (float) Math.pow(10, random.nextInt(6)));
    }
    try (Connection pg = ServerFixture.postgresOrSkip()) {
      List<String> expected = texts(pg, "float8", doubles.toArray());
      for (int i = 0; i < doubles.size(); i++) {
        assertEquals(expected.get(i), PgType.floatText(doubles.get(i)),
            "float8 " + Double.toString(doubles.get(i)));
      }
      expected = texts(pg, "float4", floats.toArray());
      for (int i = 0; i < floats.size(); i++) {
        assertEquals(expected.get(i), PgType.float4Text(floats.get(i)),
            "float4 " + Float.toString(floats.get(i)));
      }
    }
  }

  /** PostgreSQL's text of each value, in order. */
  private static List<String> texts(Connection pg, String type, Object[] values)
      throws Exception {
    Array array = pg.createArrayOf(type, values);
    try (PreparedStatement ps = pg.prepareStatement("SELECT x::text FROM unnest(?::" + type
        + "[]) WITH ORDINALITY AS t(x, i) ORDER BY i")) {
      ps.setArray(1, array);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      assertEquals(values.length, out.size());
      return out;
    }
  }
}
