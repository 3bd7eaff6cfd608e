/**
 * Schema {@code klass}: SSB's Klass classifications and code lists as SQL tables and table
 * functions, over the Klass service client ({@code io.pxweb.jdbc.klass}).
 *
 * <p>{@link io.pxweb.jdbc.adapter.klass.KlassSchema} holds {@code classifications} (the list of
 * classifications), one table per classification named by its id ({@code klass."131"}: every
 * version of every code with its validity) and the table functions {@code codes_at},
 * {@code variant_at}, {@code corresponds_at} and {@code changes}. The schema lists
 * {@code classifications} and the ids the statbank's tables link to; its lookup answers any
 * other id when a statement names it. Filters on a code table's {@code code} and
 * {@code level}, and {@code search = '...'} on {@code classifications}, are read by
 * {@link io.pxweb.jdbc.adapter.klass.KlassPredicates} (with the adapter's
 * {@link io.pxweb.jdbc.adapter.PredicateReader}) and pushed into the request by
 * {@link io.pxweb.jdbc.adapter.klass.KlassRules}; {@link io.pxweb.jdbc.adapter.klass.KlassRows}
 * declares every row shape once.
 */
package io.pxweb.jdbc.adapter.klass;
