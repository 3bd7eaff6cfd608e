/**
 * Internal: the JDBC surface of a connection, the one boundary every call to the connection
 * and the statements, result sets and metadata it hands out passes, where every failure
 * becomes an SQLException with its SQLState ({@link io.pxweb.jdbc.surface.SqlErrors}); and
 * what the driver answers itself there (read-only transactions, JDBC 4.2 types, network
 * timeout and abort). Only the driver uses this package.
 */
package io.pxweb.jdbc.surface;
