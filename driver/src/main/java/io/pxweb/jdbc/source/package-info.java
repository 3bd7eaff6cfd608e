/**
 * The source interface, {@link io.pxweb.jdbc.source.StatbankSource}: what the SQL layer needs
 * from a statbank, whatever serves it; and sources as plug-ins: each kind of statbank is a
 * {@link io.pxweb.jdbc.source.SourceProvider} (its URL forms and aliases, how a location is
 * told to be its own, how it opens on the shared transport), found by
 * {@link io.pxweb.jdbc.source.SourceRegistry}.
 *
 * <p>Implementations live in sub-packages, each registered in
 * {@code META-INF/services/io.pxweb.jdbc.source.SourceProvider}: {@code v2} (a PxWebApi 2.0
 * server), {@code v1} (a PxWebApi v1 server) and {@code px} (a folder of PX files), each
 * depending only on this package, {@code model}, the shared readers and {@code http}; none
 * knows another. A new source is one new package and one line in that file.
 */
package io.pxweb.jdbc.source;
