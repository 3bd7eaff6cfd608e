package io.pxweb.jdbc.model;

/**
 * Value of a variable: its code, its label in the request's language, and for content values
 * the unit and number of decimals.
 *
 * @param code value code as the server spells it
 * @param label label in the metadata's language
 * @param unit unit of a content value (e.g. "persons"), null for other variables
 * @param decimals decimals of a content value, 0 when unknown: the scale its cells are read
 *     with (a PX file's stored DECIMALS, a server's unit decimals)
 * @param showDecimals decimals the publisher shows this value with when that differs from how
 *     it is stored (a PX file's SHOWDECIMALS or PRECISION), or null
 */
public record Value(String code, String label, String unit, int decimals, Integer showDecimals) {

  /** Creates a value whose shown decimals are its stored ones (what servers publish). */
  public Value(String code, String label, String unit, int decimals) {
    this(code, label, unit, decimals, null);
  }
}
