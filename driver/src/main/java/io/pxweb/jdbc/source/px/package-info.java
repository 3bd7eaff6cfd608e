/**
 * A folder of PX files as a statbank: the PX-file source of the driver
 * ({@code jdbc:pxweb:file:<folder>}).
 *
 * <p>{@link io.pxweb.jdbc.source.px.PxFolderSource} implements
 * {@link io.pxweb.jdbc.source.StatbankSource} (configuration, table list, metadata, data) from
 * the files, mapping each one exactly as the PxWebApi reference server maps it, so SQL gives
 * the same rows over the folder and over a server. The other classes are its parts:
 * {@link io.pxweb.jdbc.source.px.PxTableFile} and
 * {@link io.pxweb.jdbc.source.px.PxHeaderParser} (the header),
 * {@link io.pxweb.jdbc.source.px.PxEncoding} (the character-set rule),
 * {@link io.pxweb.jdbc.source.px.PxMetadataMapper} (to the driver's model),
 * {@link io.pxweb.jdbc.source.px.PxDataReader} (the streaming DATA reader),
 * {@link io.pxweb.jdbc.source.px.PxDatabase} and {@link io.pxweb.jdbc.source.px.PxMenu} (the
 * folder scan and its menu), {@link io.pxweb.jdbc.source.px.PxFolderCache} (one database per
 * folder, shared by every connection of the JVM). Codelist files ({@code .vs}/{@code .agg}) are not read: a folder
 * offers no codelists (docs/px-files.md).
 */
package io.pxweb.jdbc.source.px;
