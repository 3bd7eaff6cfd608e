/**
 * HTTP access to PxWebApi 2.0 servers: the client, the encoding of data requests into the
 * API's selection syntax, and the classification of failures into SQLExceptions.
 */
package io.pxweb.jdbc.http;
