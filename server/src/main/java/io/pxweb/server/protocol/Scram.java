package io.pxweb.server.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The server side of SCRAM-SHA-256 (RFC 5802/7677) as PostgreSQL runs it: the user name comes
 * from the startup packet, channel binding is not offered. An unknown user gets a made-up salt,
 * the same on every attempt ({@link Users#mock}), and fails only at the end, so the exchange does
 * not reveal which names exist. A malformed message is a protocol violation (08P01), a wrong
 * proof a failed login (28P01).
 */
final class Scram {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Users users;
  private final PgInput in;
  private final PgOutput out;

  Scram(Users users, PgInput in, PgOutput out) {
    this.users = users;
    this.in = in;
    this.out = out;
  }

  boolean authenticate(String user) throws IOException {
    out.begin('R').int32(10).cstring("SCRAM-SHA-256").byte1(0).end();
    out.flush();
    ByteBuffer first = password();
    String mechanism = PgInput.cstring(first);
    if (!mechanism.equals("SCRAM-SHA-256")) {
      throw new PgInput.ProtocolException("client selected an invalid SASL authentication "
          + "mechanism");
    }
    if (first.remaining() < 4) {
      throw new PgInput.ProtocolException("malformed SASLInitialResponse: no length after the "
          + "mechanism name");
    }
    int len = first.getInt();
    if (len < 0 || len != first.remaining()) {
      throw new PgInput.ProtocolException("malformed SASLInitialResponse: length " + len
          + " with " + first.remaining() + " bytes left");
    }
    String clientFirst = new String(first.array(), first.position(), len, StandardCharsets.UTF_8);
    // gs2 header: "n,," or "y,," (client could bind but we did not offer), then the bare message.
    int bareAt = clientFirst.indexOf(',', clientFirst.indexOf(',') + 1) + 1;
    if (!(clientFirst.startsWith("n,") || clientFirst.startsWith("y,")) || bareAt <= 2) {
      throw new PgInput.ProtocolException("malformed SCRAM message: no gs2 header");
    }
    String gs2 = clientFirst.substring(0, bareAt);
    String clientFirstBare = clientFirst.substring(bareAt);
    String clientNonce = attribute(clientFirstBare, 'r');
    if (clientNonce == null || clientNonce.isEmpty()) {
      throw new PgInput.ProtocolException("malformed SCRAM message: no client nonce");
    }
    Users.Verifier v = users.get(user);
    boolean known = v != null;
    if (!known) {
      v = users.mock(user);
    }
    byte[] nonceBytes = new byte[18];
    RANDOM.nextBytes(nonceBytes);
    String nonce = clientNonce + Base64.getEncoder().encodeToString(nonceBytes);
    String serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(v.salt())
        + ",i=" + v.iterations();
    out.begin('R').int32(11).bytes(serverFirst.getBytes(StandardCharsets.UTF_8)).end();
    out.flush();

    ByteBuffer finalMsg = password();
    String clientFinal = new String(finalMsg.array(), finalMsg.position(), finalMsg.remaining(),
        StandardCharsets.UTF_8);
    int proofAt = clientFinal.lastIndexOf(",p=");
    if (proofAt < 0) {
      throw new PgInput.ProtocolException("malformed SCRAM message: no proof");
    }
    String withoutProof = clientFinal.substring(0, proofAt);
    String binding = attribute(clientFinal, 'c');
    String finalNonce = attribute(clientFinal, 'r');
    if (!Base64.getEncoder().encodeToString(gs2.getBytes(StandardCharsets.UTF_8)).equals(binding)
        || !nonce.equals(finalNonce)) {
      throw new PgInput.ProtocolException("invalid SCRAM response: channel binding or nonce "
          + "mismatch");
    }
    byte[] proof;
    try {
      proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
    } catch (IllegalArgumentException e) {
      throw new PgInput.ProtocolException("malformed SCRAM message: the proof is not Base64");
    }
    String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
    byte[] signature = Users.hmac(v.storedKey(), authMessage);
    if (proof.length != signature.length) {
      return false;
    }
    byte[] clientKey = new byte[proof.length];
    for (int i = 0; i < proof.length; i++) {
      clientKey[i] = (byte) (proof[i] ^ signature[i]);
    }
    if (!known || !MessageDigest.isEqual(Users.sha256(clientKey), v.storedKey())) {
      return false;
    }
    String serverFinal = "v=" + Base64.getEncoder().encodeToString(
        Users.hmac(v.serverKey(), authMessage));
    out.begin('R').int32(12).bytes(serverFinal.getBytes(StandardCharsets.UTF_8)).end();
    return true;
  }

  private ByteBuffer password() throws IOException {
    int type = in.type();
    if (type != 'p') {
      throw new PgInput.ProtocolException("expected a SASL response, got message type "
          + (type < 0 ? "end of stream" : Character.toString((char) type)));
    }
    return in.body(PgInput.MAX_SMALL_MESSAGE);
  }

  private static String attribute(String message, char name) {
    for (String part : message.split(",")) {
      if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
        return part.substring(2);
      }
    }
    return null;
  }
}
