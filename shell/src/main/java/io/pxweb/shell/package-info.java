/** The {@code pxsql} command-line SQL shell, a thin launcher of SQLLine over pxweb-jdbc. */
package io.pxweb.shell;
