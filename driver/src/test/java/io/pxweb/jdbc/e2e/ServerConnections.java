package io.pxweb.jdbc.e2e;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's connections to its test server: the driver's, and the plain reference
 * engine's over the same cubes. Opened when first used (the server has started by then),
 * closed after the class.
 */
final class ServerConnections implements AfterAllCallback {
  private final java.util.function.Supplier<String> jdbcUrl;
  private final java.util.function.Supplier<io.pxweb.jdbc.testserver.TestCatalog> catalog;
  private Connection driver;
  private Connection reference;

  ServerConnections(PxWebTestServer server) {
    this(server::jdbcUrl, server::catalog);
  }

  /** Connections to any test server of the catalog's cubes (e.g. the v1 one). */
  ServerConnections(java.util.function.Supplier<String> jdbcUrl,
      java.util.function.Supplier<io.pxweb.jdbc.testserver.TestCatalog> catalog) {
    this.jdbcUrl = jdbcUrl;
    this.catalog = catalog;
  }

  Connection driver() throws SQLException {
    if (driver == null) {
      driver = DriverManager.getConnection(jdbcUrl.get());
    }
    return driver;
  }

  Connection reference() throws SQLException {
    if (reference == null) {
      reference = ReferenceEngine.connect(catalog.get());
    }
    return reference;
  }

  @Override public void afterAll(ExtensionContext context) throws SQLException {
    for (Connection c : new Connection[] {driver, reference}) {
      if (c != null) {
        c.close();
      }
    }
    driver = null;
    reference = null;
  }
}
