/**
 * Differential SQL testing: a seeded generator of random but valid queries over the test
 * server's tables, each run through the driver (against the WireMock server) and through H2
 * (an engine that shares no code with Calcite) holding the same flattened rows. Rows must
 * agree, and no query may fetch more cells or send more data requests than the metadata
 * allows for what it reads.
 */
package io.pxweb.jdbc.differential;
