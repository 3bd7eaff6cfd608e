/**
 * The one HTTP transport every service uses ({@link io.pxweb.jdbc.http.HttpService}): one
 * OkHttp client, User-Agent, headers and proxy, pacing by the JVM-wide
 * {@link io.pxweb.jdbc.http.RateLimiter}, retries, the statement's budget, bounded bodies, the
 * document and data caches scoped by identity, and one error classification
 * ({@link io.pxweb.jdbc.http.HttpErrors}) with a small vocabulary per service
 * ({@link io.pxweb.jdbc.http.ServiceVocabulary}). Knows no statbank API.
 */
package io.pxweb.jdbc.http;
