/**
 * Schema {@code klass}: SSB's Klass classifications and code lists as SQL tables and table
 * functions, read through Klass's JSON API.
 *
 * <p>{@link io.pxweb.jdbc.adapter.klass.KlassSchema} holds {@code classifications} (the list of
 * classifications), one table per classification named by its id ({@code klass."131"}: every
 * version of every code with its validity) and the table functions {@code codes_at},
 * {@code variant_at}, {@code corresponds_at} and {@code changes}. Filters on a code table's
 * {@code code} and {@code level}, and {@code search = '...'} on {@code classifications}, are
 * pushed into the request by {@link io.pxweb.jdbc.adapter.klass.KlassRules}.
 */
package io.pxweb.jdbc.adapter.klass;
