/**
 * Internal: a connection's configuration, read once: the {@code jdbc:pxweb:} URL
 * ({@link io.pxweb.jdbc.config.PxWebUrl}, its aliases and location forms from the source
 * registry), the properties read with {@link io.pxweb.jdbc.PxWebProperty}'s typed readers into
 * {@link io.pxweb.jdbc.config.ConnectionConfig} (nothing below reads a property), and the
 * generator of {@code docs/connection-properties.md}. Only the driver uses this package.
 */
package io.pxweb.jdbc.config;
