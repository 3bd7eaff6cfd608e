/**
 * The driver's public API, what users name: the driver ({@link io.pxweb.jdbc.PxWebDriver},
 * {@code jdbc:pxweb:} URLs), the connection properties, each defined once
 * ({@link io.pxweb.jdbc.PxWebProperty}), and the policy for attached databases
 * ({@link io.pxweb.jdbc.AttachPolicy}). Everything else is internal: public only so the
 * driver's own packages can reach it.
 *
 * <p>Dependencies flow one way (LayeringTest checks it, this package and the classes in
 * Calcite's package included): the driver -> {@code surface} (the JDBC objects and their one
 * error boundary), {@code config} (the URL and properties read once), {@code planning} (plan
 * cache, type system, metadata rows) -> {@code adapter} (Calcite) -> {@code source} (the source
 * registry and its plug-ins {@code source.v2}, {@code source.v1}, {@code source.px}) and
 * {@code klass} -> {@code jsonstat}/{@code json} -> {@code http} -> {@code model}. The API
 * values ({@code PxWebProperty}, {@code AttachPolicy}) sit below {@code config}, which reads
 * them, and above {@code source}.
 */
package io.pxweb.jdbc;
