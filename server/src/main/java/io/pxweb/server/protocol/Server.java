package io.pxweb.server.protocol;

import io.pxweb.server.catalog.CatalogData;
import java.sql.Connection;
import java.sql.SQLException;

/** What a session needs from the server that runs it. */
public interface Server {
  Users users();

  Tls tls();

  /** Counts a session against its user's limit; false when the user is at the limit. */
  boolean admit(String user);

  /** The user's limits from the users file (defaults without one). */
  Users.Limits limits(String user);

  Connection openConnection() throws SQLException;

  CatalogData.Oids oids();

  void cancel(int pid, int secret);

  void ended(Session session, String user);
}
