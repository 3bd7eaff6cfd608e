/**
 * A Klass test server on WireMock, serving the fixtures of {@code fixtures/klass}.
 *
 * <p>{@link io.pxweb.jdbc.klasstestserver.KlassTestServer} is a JUnit 5 extension that answers
 * {@code /classifications} (paged), {@code /classifications/search},
 * {@code /classifications/{id}/codes} (range semantics with {@code validFromInRequestedRange}
 * and {@code validToInRequestedRange}, {@code selectCodes}, {@code selectLevel}),
 * {@code codesAt}, {@code variantAt}, {@code correspondsAt} and {@code changes} as SSB's Klass
 * API guide describes them, with its 404 problem bodies. It is strict where a lenient server
 * would hide client bugs: unknown query parameters are a 400, and a request without
 * {@code Accept: application/json} gets XML, Klass's default. Every other path stays unmatched
 * so that {@code failOnUnmatchedRequests} reports stray calls.
 */
package io.pxweb.jdbc.klasstestserver;
