/**
 * A PxWebApi 2.0 test server on WireMock, with the tables it serves.
 *
 * <p>{@link io.pxweb.jdbc.testserver.PxWebTestServer} is a JUnit 5 extension that answers
 * {@code /config}, {@code /tables}, {@code /tables/{id}}, {@code /tables/{id}/metadata},
 * {@code /tables/{id}/data} (GET and POST) and {@code /codelists/{id}} the way the reference
 * server and the live
 * installations do: the selection grammar, elimination, the error bodies, the 2,100-character GET limit, and
 * JSON-stat 2.0 output whose dimension order and {@code category.index} key order differ
 * from the metadata, and codelists ({@code codelist[VAR]}; TAB001's REGION has
 * {@code agg_NordicBaltic} and {@code vs_Nordic}, see {@link io.pxweb.jdbc.testserver.TestCodelist}). Every other path stays unmatched so that
 * {@code failOnUnmatchedRequests} reports stray calls.
 *
 * <p>Comments cite where each behaviour comes from, by these public names: "PxWebApi" is the
 * C# reference server (github.com/PxTools/PxWebApi; the {@code .cs} files named are its),
 * "PxAPI-2.yml" the API's OpenAPI description (github.com/PxTools/PxApiSpecs), whose
 * {@code valueCodes} text defines the selection grammar, "PCAxis.Serializers" the library that
 * writes its JSON-stat 2.0 (github.com/PxTools/PCAxis.Serializers; the format is
 * json-stat.org/full), "AspNetCoreRateLimit" the rate-limit middleware it runs, and "PX-2013"
 * the PX file format (www.scb.se/px; pxtools.github.io).
 *
 * <p>{@link io.pxweb.jdbc.testserver.TestCatalog} and
 * {@link io.pxweb.jdbc.testserver.TestTable} expose the same tables to tests, so that a test
 * can compute the rows it expects (real values where the fixtures have them,
 * {@link io.pxweb.jdbc.testserver.SyntheticValues} elsewhere) instead of hard-coding them.
 */
package io.pxweb.jdbc.testserver;
