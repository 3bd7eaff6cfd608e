/**
 * The PostgreSQL frontend/backend protocol (v3): reading and writing messages, TLS, SCRAM-SHA-256
 * authentication against the users file, and the connection's life from its startup packet to
 * its last message. What a connection may cost before it has logged in is bounded here.
 */
package io.pxweb.server.protocol;
