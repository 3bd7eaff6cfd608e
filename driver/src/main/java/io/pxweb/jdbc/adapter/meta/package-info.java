/**
 * The {@code meta} schema: the statbank's catalog as SQL tables ({@code tables} with search,
 * {@code variables}, {@code values}, {@code codelists}, {@code notes}), for finding tables among
 * thousands without leaving SQL.
 *
 * <p>Each table is a {@link org.apache.calcite.schema.FilterableTable} over the connection's
 * {@link io.pxweb.jdbc.adapter.PxWebCatalog}, with its columns declared once
 * ({@link io.pxweb.jdbc.adapter.FixedColumn}). The scans read simple conditions with
 * {@link io.pxweb.jdbc.adapter.PredicateReader} to ask for less (a table id, a search, a lower
 * bound on {@code updated}); Calcite still applies every condition to the rows.
 */
package io.pxweb.jdbc.adapter.meta;
