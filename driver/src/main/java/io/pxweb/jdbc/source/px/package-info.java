/**
 * A folder of PX files as a statbank: the PX-file source of the driver
 * ({@code jdbc:pxweb:file:<folder>}).
 *
 * <p>{@link io.pxweb.jdbc.source.px.PxFolderSource} answers the driver's four questions (configuration,
 * table list, metadata, data) from the files, mapping each one exactly as the PxWebApi reference
 * server maps it, so SQL gives the same rows over the folder and over a server. The other
 * classes are its parts: the header tokenizer and parser, the character-set rule, the mapping to
 * the driver's model, the streaming DATA reader, the folder scan and menu, and the codelist
 * (.vs/.agg) model.
 */
package io.pxweb.jdbc.source.px;
