/**
 * A PxWebApi 2.0 server as a source: its endpoints ({@link io.pxweb.jdbc.source.v2.PxWebClient}),
 * the encoding of data requests into its selection syntax
 * ({@link io.pxweb.jdbc.source.v2.RequestEncoder}), the readers of its documents
 * ({@link io.pxweb.jdbc.source.v2.ApiDocuments}) and its error vocabulary
 * ({@link io.pxweb.jdbc.source.v2.PxWebErrors}). Calling, pacing, retrying and caching are the
 * shared transport's.
 */
package io.pxweb.jdbc.source.v2;
