package io.pxweb.jdbc.model;

/**
 * Footnote of a table, variable or value.
 *
 * @param text the note (SSB notes may hold Markdown links and line breaks)
 * @param mandatory whether the producer marks it as one users must read
 */
public record Note(String text, boolean mandatory) {
}
