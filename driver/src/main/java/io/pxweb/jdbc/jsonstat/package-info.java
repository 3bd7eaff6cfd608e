/**
 * Streaming reader of JSON-stat 2.0 data responses (PxWebApi 2.0, v1 servers' json-stat2), into
 * the {@link io.pxweb.jdbc.model.Cube} of cells of one request.
 */
package io.pxweb.jdbc.jsonstat;
