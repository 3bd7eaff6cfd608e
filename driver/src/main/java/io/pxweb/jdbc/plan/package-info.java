/**
 * Query planning against the API: the scan relation, the rules that push filters, projections
 * and limits into it, the exact per-value evaluation of predicates on metadata, and the
 * splitting of a selection into requests within the server's cell limit.
 */
package io.pxweb.jdbc.plan;
