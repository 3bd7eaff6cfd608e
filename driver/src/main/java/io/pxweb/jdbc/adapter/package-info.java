/**
 * The Calcite adapter for statbanks: what a {@link io.pxweb.jdbc.source.StatbankSource} (a
 * PxWebApi server, a folder of PX files) looks like in SQL, in the style of Calcite's
 * elasticsearch and geode adapters.
 *
 * <ul>
 *   <li>Schema and tables: {@link io.pxweb.jdbc.adapter.StatbankSchema} ({@code statbank} and
 *       one schema per subject) lists each source table once, as a
 *       {@link io.pxweb.jdbc.adapter.PxWebTable}; codelist tables ({@code "07459@agg_x"}) are
 *       too many to list and are made when a statement names them, by the schema's lookup.
 *       {@link io.pxweb.jdbc.adapter.PxWebCatalog} is the connection's view of the source's
 *       catalog and metadata (with {@link io.pxweb.jdbc.adapter.CatalogCache});
 *       {@link io.pxweb.jdbc.adapter.ColumnLayout} flattens a table's cube into columns.
 *   <li>Planning: {@link io.pxweb.jdbc.adapter.PxRules} push filters, projections, limits and
 *       aggregates into {@link io.pxweb.jdbc.adapter.PxTableScan} /
 *       {@link io.pxweb.jdbc.adapter.PxKeyedScan}, whose {@link io.pxweb.jdbc.adapter.ScanSpec}
 *       says what to request; {@link io.pxweb.jdbc.adapter.PredicateTranslator} turns WHERE into
 *       per-variable selections, exactly ({@link io.pxweb.jdbc.adapter.ValuePredicate} runs a
 *       predicate on the metadata's values); {@link io.pxweb.jdbc.adapter.MetadataAnswers}
 *       answers what the metadata alone knows.
 *       {@link io.pxweb.jdbc.adapter.PredicateReader} is the one reader of WHERE shapes that
 *       this package and {@code adapter.meta} and {@code adapter.klass} share.
 *   <li>Execution: {@link io.pxweb.jdbc.adapter.RequestPlanner} splits a selection into
 *       requests within the source's cell limit, {@link io.pxweb.jdbc.adapter.PxWebEnumerator}
 *       runs them and {@link io.pxweb.jdbc.adapter.RowAssembler} turns cells into rows.
 * </ul>
 *
 * <p>Sub-packages: {@code adapter.meta} (the {@code meta} schema) and {@code adapter.klass}
 * (the {@code klass} schema). Errors leave as {@link io.pxweb.jdbc.adapter.PxWebQueryException}
 * around the SQLException to show; the JDBC layer above classifies everything else.
 */
package io.pxweb.jdbc.adapter;
