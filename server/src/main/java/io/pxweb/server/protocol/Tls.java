package io.pxweb.server.protocol;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * TLS for SSLRequest, from a PEM certificate chain and a PEM PKCS#8 private key (RSA or EC), as
 * PostgreSQL's {@code ssl_cert_file} and {@code ssl_key_file} hold them.
 */
public final class Tls {
  private final SSLContext context;

  private Tls(SSLContext context) {
    this.context = context;
  }

  public static Tls load(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
    Certificate[] chain = CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certFile)))
        .toArray(new Certificate[0]);
    if (chain.length == 0) {
      throw new IOException(certFile + " holds no certificate");
    }
    String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
    if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new IOException(keyFile + " must be a PKCS#8 PEM key (BEGIN PRIVATE KEY); convert "
          + "with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key8.pem");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem
        .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").trim());
    PrivateKey key = null;
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        break;
      } catch (GeneralSecurityException e) {
        // Try the next algorithm.
      }
    }
    if (key == null) {
      throw new IOException(keyFile + ": unsupported private key algorithm");
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] pass = new char[0];
    store.setKeyEntry("server", key, pass, chain);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, pass);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    return new Tls(context);
  }

  /** Runs the TLS handshake over the connection that just asked for it. */
  Socket wrap(Socket socket) throws IOException {
    SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket,
        socket.getInetAddress().getHostAddress(), socket.getPort(), true);
    tls.setUseClientMode(false);
    tls.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    tls.startHandshake();
    return tls;
  }
}
