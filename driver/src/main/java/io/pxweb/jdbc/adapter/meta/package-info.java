/**
 * The {@code meta} schema: the statbank's catalog as SQL tables (tables with search, variables,
 * values, codelists, notes), for finding tables among thousands without leaving SQL.
 */
package io.pxweb.jdbc.adapter.meta;
