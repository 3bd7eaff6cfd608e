/**
 * SSB's Klass classification API as a service: its endpoints
 * ({@link io.pxweb.jdbc.klass.KlassClient}), document readers
 * ({@link io.pxweb.jdbc.klass.KlassDocuments}), settings and error vocabulary, over the shared
 * transport. Its tables, rules and functions for SQL are in {@code adapter.klass}.
 */
package io.pxweb.jdbc.klass;
