package io.pxweb.jdbc.model;

/**
 * Value of a variable: its code, its label in the request's language, and for content values
 * the unit and number of decimals.
 *
 * @param code value code as the server spells it
 * @param label label in the metadata's language
 * @param unit unit of a content value (e.g. "persons"), null for other variables
 * @param decimals decimals of a content value, 0 when unknown
 */
public record Value(String code, String label, String unit, int decimals) {
}
