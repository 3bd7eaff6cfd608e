/**
 * What every source describes, as plain records without Jackson or HTTP: a
 * {@link io.pxweb.jdbc.model.SourceDescription}, table entries, table metadata with variables
 * and values, a {@link io.pxweb.jdbc.model.DataRequest} of selections, the
 * {@link io.pxweb.jdbc.model.Cube} of cells it returns, the statement's
 * {@link io.pxweb.jdbc.model.CallBudget} (the one cancel handle), and the typed failures the
 * planner acts on ({@link io.pxweb.jdbc.model.TooManyCellsException}); and
 * {@link io.pxweb.jdbc.model.Redaction}, which keeps passwords in URLs out of every message
 * (servers' URLs and folders' paths alike).
 */
package io.pxweb.jdbc.model;
