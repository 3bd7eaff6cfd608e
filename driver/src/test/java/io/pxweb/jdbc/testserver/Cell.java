package io.pxweb.jdbc.testserver;

import java.math.BigDecimal;

/**
 * One data cell: its number, or {@code null} for a symbol cell, and its status symbol, if any.
 *
 * <p>As in JSON-stat from PxWebApi a cell can carry a status and still have a number
 * (PCAxis.Serializers).
 *
 * @param value the number, or {@code null} when the cell holds only a symbol
 * @param status the status symbol such as {@code ".."}, or {@code null}
 */
public record Cell(BigDecimal value, String status) {

  /** Whether the cell has no number. */
  public boolean isMissing() {
    return value == null;
  }

  /** The number as a double, or {@code null}. */
  public Double doubleValue() {
    return value == null ? null : value.doubleValue();
  }
}
