/**
 * Coverage-guided fuzz tests (Jazzer) of the three parsers of untrusted input: JSON-stat data
 * responses, the API's documents (configuration, table list, metadata) and PX files.
 *
 * <p>Each test is seeded from the shared fixtures; any outcome other than a result or the
 * parser's own checked failure (which the driver turns into one SQLException) is a finding. In
 * {@code mvn verify} they fuzz briefly, each in its own 256 MB JVM (surefire executions
 * {@code fuzz-*}); {@code -Dfuzz.duration=10m} fuzzes longer. See docs/reliability.md.
 */
package io.pxweb.jdbc.fuzz;
