package io.pxweb.server.protocol;

import io.pxweb.server.CatalogData;
import java.sql.Connection;
import java.sql.SQLException;

/** What a logged-in session queries: a driver connection of its own, and the OIDs all share. */
public interface Backend {
  Connection openConnection() throws SQLException;

  CatalogData.Oids oids();
}
