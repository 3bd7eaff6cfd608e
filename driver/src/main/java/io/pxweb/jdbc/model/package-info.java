/**
 * Model of what a PxWebApi 2.0 server describes (configuration, table list, table metadata with
 * variables and values) and the readers of those documents.
 */
package io.pxweb.jdbc.model;
