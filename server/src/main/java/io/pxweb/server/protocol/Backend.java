package io.pxweb.server.protocol;

import io.pxweb.server.catalog.CatalogData;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a logged-in session queries: a driver connection of its own, and the OIDs all share; and
 * what of the server's own messages a client may read.
 */
public interface Backend {
  Connection openConnection() throws SQLException;

  CatalogData.Oids oids();

  /** A message for the client, without what only the server should know (its folders, secrets). */
  String forClient(String message);
}
