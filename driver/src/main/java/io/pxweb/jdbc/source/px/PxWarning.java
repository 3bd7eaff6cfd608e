package io.pxweb.jdbc.source.px;

/**
 * A deviation from PX-2013 that the reader accepted by a lenient rule, located by line; shown in
 * {@code meta.problems} and as a connection warning.
 *
 * @param line 1-based line, or 0 for the whole file
 * @param detail what was read and how, one sentence
 */
record PxWarning(int line, String detail) {
}
