/**
 * The JDBC layer: the driver ({@code jdbc:pxweb:} URLs), connection properties defined once
 * ({@link io.pxweb.jdbc.PxWebProperty}) and read once ({@link io.pxweb.jdbc.ConnectionConfig}),
 * the SQL semantics ({@link io.pxweb.jdbc.PxWebTypeSystem}), and the one boundary where every
 * failure becomes an SQLException with its SQLState ({@link io.pxweb.jdbc.ErrorBoundary},
 * {@link io.pxweb.jdbc.SqlErrors}).
 *
 * <p>Dependencies flow one way (LayeringTest checks it): this package -> {@code adapter}
 * (Calcite) -> {@code source} (statbanks: {@code source.v2}, {@code source.px}) and
 * {@code klass} -> {@code jsonstat}/{@code json} -> {@code http} -> {@code model}.
 */
package io.pxweb.jdbc;
