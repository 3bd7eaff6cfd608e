/**
 * A PxWebApi 2.0 test server on WireMock, with the tables it serves.
 *
 * <p>{@link io.pxweb.jdbc.testserver.PxWebTestServer} is a JUnit 5 extension that answers
 * {@code /config}, {@code /tables}, {@code /tables/{id}}, {@code /tables/{id}/metadata},
 * {@code /tables/{id}/data} (GET and POST) and {@code /codelists/{id}} the way the reference
 * server and the live
 * installations do, as written down in {@code /work/shared/docs/pxwebapi-v2-contract.md}: the
 * selection grammar, elimination, the error bodies, the 2,100-character GET limit, and
 * JSON-stat 2.0 output whose dimension order and {@code category.index} key order differ
 * from the metadata, and codelists ({@code codelist[VAR]}; TAB001's REGION has
 * {@code agg_NordicBaltic} and {@code vs_Nordic}, see {@link io.pxweb.jdbc.testserver.TestCodelist}). Every other path stays unmatched so that
 * {@code failOnUnmatchedRequests} reports stray calls.
 *
 * <p>{@link io.pxweb.jdbc.testserver.TestCatalog} and
 * {@link io.pxweb.jdbc.testserver.TestTable} expose the same tables to tests, so that a test
 * can compute the rows it expects (real values where the fixtures have them,
 * {@link io.pxweb.jdbc.testserver.SyntheticValues} elsewhere) instead of hard-coding them.
 */
package io.pxweb.jdbc.testserver;
