/**
 * Internal: Calcite's side of a connection that is the driver's own: the plan cache by SQL
 * text ({@link io.pxweb.jdbc.planning.PlanCache}) and its planning scope, the SQL type system
 * ({@link io.pxweb.jdbc.planning.PxWebTypeSystem}), the conversion of timestamp texts compared
 * with dates ({@link io.pxweb.jdbc.planning.PxWebPrepare}), and the rows of
 * {@code DatabaseMetaData.getTables}/{@code getColumns} with REMARKS. Used by the driver and by
 * its classes in Calcite's package, which depend on nothing above this.
 */
package io.pxweb.jdbc.planning;
