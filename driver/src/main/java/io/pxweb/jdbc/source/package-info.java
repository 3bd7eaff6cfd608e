/**
 * The source interface, {@link io.pxweb.jdbc.source.StatbankSource}: what the SQL layer needs
 * from a statbank, whatever serves it. Implementations live in sub-packages ({@code v2}: a
 * PxWebApi 2.0 server; {@code px}: a folder of PX files), each depending only on {@code model},
 * the shared readers and {@code http}; none knows another.
 */
package io.pxweb.jdbc.source;
