package io.pxweb.jdbc.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A measure's BigDecimal without Double.toString is the one the general way gives. */
class MeasureDecimalTest {
  private static void same(double v, int scale) {
    assertEquals(BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP),
        RowAssembler.decimal(v, scale), v + " at scale " + scale);
  }

  @Test
  void theFastWayAgreesWithValueOfAndSetScale() {
    double[] edges = {0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.05, 0.15, 12.35, 1.005, 2.675, 4.35,
        0.1 + 0.2, 999999999999999.0, 99999999999999.9, 1e15, 1e16, 123456789.123456789,
        Double.MIN_VALUE, 1e-300, 7.0E-4, 1.0E22, Math.PI, -Math.E};
    for (double v : edges) {
      for (int scale = 0; scale <= 17; scale++) {
        same(v, scale);
      }
    }
    Random random = new Random(20261129);
    for (int i = 0; i < 200_000; i++) {
      int decimals = random.nextInt(6);
      long digits = random.nextLong() % (long) Math.pow(10, 1 + random.nextInt(16));
      double v = digits / Math.pow(10, decimals);
      // The column's scale is usually the value's decimals, sometimes fewer or more.
      same(v, decimals);
      same(v, Math.max(0, decimals - 1));
      same(v, decimals + 1);
      same(random.nextDouble() * Math.pow(10, random.nextInt(12)), random.nextInt(5));
    }
  }
}
