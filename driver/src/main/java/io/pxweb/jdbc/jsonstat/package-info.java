/**
 * Streaming reader of JSON-stat 2.0 data responses, and the {@link io.pxweb.jdbc.model.Cube}
 * of cells it produces for one request.
 */
package io.pxweb.jdbc.jsonstat;

import io.pxweb.jdbc.model.Cube;
