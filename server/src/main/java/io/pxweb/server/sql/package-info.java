/**
 * The SQL side of a pxweb-server session: the simple and extended query protocols
 * ({@link io.pxweb.server.sql.SqlSession}), session commands and settings, PostgreSQL's dialect
 * turned into the driver's, and results encoded as PostgreSQL types. It knows nothing of how
 * messages are framed: replies go out through {@link io.pxweb.server.sql.Wire}.
 */
package io.pxweb.server.sql;
