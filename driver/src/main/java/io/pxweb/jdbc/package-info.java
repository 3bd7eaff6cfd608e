/**
 * The pxweb-jdbc driver: {@code jdbc:pxweb:} URLs, connection properties, and JDBC metadata
 * (table and column REMARKS) for tools that browse the catalog.
 */
package io.pxweb.jdbc;
