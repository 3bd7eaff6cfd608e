/**
 * The source abstraction: what the SQL layer needs from a statbank, whether it is a PxWebApi
 * 2.0 server or a folder of PX files.
 */
package io.pxweb.jdbc.source;
