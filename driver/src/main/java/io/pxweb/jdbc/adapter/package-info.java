/**
 * Calcite schema adapter over a PxWebApi 2.0 server: schemas of statbank tables, the column
 * layout of a table (the flattened cube), and the scan that plans data requests and turns
 * their cells into rows.
 */
package io.pxweb.jdbc.adapter;
