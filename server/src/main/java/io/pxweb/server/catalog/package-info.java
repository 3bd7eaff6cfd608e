/**
 * PostgreSQL's system catalogs over the statbank catalog: the {@code pg_catalog} and
 * {@code information_schema} tables and the catalog functions clients call, registered per
 * session on its driver connection. Session state (catalog, settings) is reached through the
 * session's own schema, never through statics.
 */
package io.pxweb.server.catalog;
