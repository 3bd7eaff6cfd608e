/**
 * Executable documentation: the SQL examples marked in README.md and docs/*.md run against
 * the sample database or the test server, and what the documents show must reproduce.
 */
package io.pxweb.jdbc.docs;
