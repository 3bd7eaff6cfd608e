/**
 * The JSON limits every service shares (string, name, nesting and token caps) and the bounded
 * tree reader of small documents. Depends on {@code model} only.
 */
package io.pxweb.jdbc.json;
