package io.pxweb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS when a certificate and key are configured; a client that requires TLS is refused otherwise. */
class TlsTest {
  @TempDir Path dir;

  /** A self-signed certificate and key as PEM files, made with the JDK's keytool. */
  private Path[] pemFiles() throws Exception {
    Path store = dir.resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server",
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    Key key = ks.getKey("server", "changeit".toCharArray());
    Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    Path cert = dir.resolve("server.crt");
    Path keyFile = dir.resolve("server.key");
    Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n"
        + b64.encodeToString(ks.getCertificate("server").getEncoded())
        + "\n-----END CERTIFICATE-----\n");
    Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n" + b64.encodeToString(
        key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    return new Path[] {cert, keyFile};
  }

  @Test
  void sslRequestIsAnsweredWithTlsWhenConfigured() throws Exception {
    Path[] pem = pemFiles();
    try (PxWebServer server = ServerFixture.start("--tls-cert", pem[0].toString(),
        "--tls-key", pem[1].toString());
         Connection c = ServerFixture.pg(server, "sslmode=require");
         ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM \"TAB001\"")) {
      assertTrue(rs.next());
      assertEquals(5940, rs.getInt(1));
    }
  }

  @Test
  void requireTlsRefusesClearTextLoginsForEveryoneOrPerUser() throws Exception {
    Path[] pem = pemFiles();
    Path users = dir.resolve("users");
    Files.writeString(users, "alice:wonder tls=required\nbob:builder\n");
    try (PxWebServer server = ServerFixture.start("--tls-cert", pem[0].toString(),
        "--tls-key", pem[1].toString(), "--require-tls")) {
      SQLException clear = assertThrows(SQLException.class,
          () -> ServerFixture.pg(server, "sslmode=disable").close());
      assertEquals("28000", clear.getSQLState(), clear.getMessage());
      try (Connection c = ServerFixture.pg(server, "sslmode=require")) {
        assertTrue(c.isValid(5));
      }
    }
    try (PxWebServer server = ServerFixture.start("--tls-cert", pem[0].toString(),
        "--tls-key", pem[1].toString(), "--users", users.toString())) {
      SQLException clear = assertThrows(SQLException.class,
          () -> login(server, "alice", "wonder", "sslmode=disable").close());
      assertEquals("28000", clear.getSQLState(), clear.getMessage());
      try (Connection c = login(server, "alice", "wonder", "sslmode=require");
           Connection b = login(server, "bob", "builder", "sslmode=disable")) {
        assertTrue(c.isValid(5) && b.isValid(5), "alice over TLS, bob without");
      }
    }
    IllegalArgumentException noCert = assertThrows(IllegalArgumentException.class,
        () -> ServerOptions.parse(new String[] {"--url", "jdbc:pxweb:x", "--require-tls"},
            java.util.Map.of(), null));
    assertTrue(noCert.getMessage().contains("--tls-cert"), noCert.getMessage());
  }

  private static Connection login(PxWebServer server, String user, String password,
      String options) throws SQLException {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    return java.sql.DriverManager.getConnection(ServerFixture.pgUrl(server, options), p);
  }

  @Test
  void aClientThatRequiresTlsIsRefusedWithoutACertificate() throws Exception {
    try (PxWebServer server = ServerFixture.start()) {
      SQLException e = assertThrows(SQLException.class,
          () -> ServerFixture.pg(server, "sslmode=require").close());
      assertTrue(e.getMessage().contains("SSL"), e.getMessage());
    }
  }
}
