/**
 * pxweb-server: the PostgreSQL frontend/backend protocol (v3) in front of pxweb-jdbc, so tools
 * that know PostgreSQL (psql, pgjdbc, psycopg2, BI tools) query statbanks. The protocol package
 * accepts connections with a bounded number of threads; every session opens its own driver
 * connection, and all of them share the driver's JVM-wide caches and rate limiter.
 */
package io.pxweb.server;
