package io.pxweb.jdbc.testserver;

import java.util.List;

/**
 * The configuration one {@link V1TestServer} runs with.
 *
 * @param prefix the path before the language segment
 * @param languages languages accepted in the path
 * @param maxValues {@code maxValues} of {@code ?config}
 * @param maxCells cells one data request may select; more is 403
 * @param maxCalls calls per window reported by {@code ?config}
 * @param timeWindow window length in seconds
 * @param config whether {@code ?config} answers
 * @param rateLimit the rate limit enforced with 429, or null
 * @param catalog the tables served
 * @param tree the navigation tree
 */
record V1Settings(String prefix, List<String> languages, int maxValues, int maxCells,
    int maxCalls, int timeWindow, boolean config, RateLimitRule rateLimit, TestCatalog catalog,
    V1Tree tree) {
}
