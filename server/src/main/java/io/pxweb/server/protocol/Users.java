package io.pxweb.server.protocol;

import io.pxweb.server.sql.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The users who may connect, each with a SCRAM-SHA-256 verifier. A users file holds one
 * {@code name:secret} a line, the secret either a password or PostgreSQL's own verifier
 * ({@code SCRAM-SHA-256$4096:salt$StoredKey:ServerKey}, as {@code pg_authid} stores it), so the
 * file need not hold passwords. Plain passwords are turned into verifiers at load time. A line
 * may end in the user's limits, {@code connections=N} and {@code statement_timeout=30s}: the
 * user's concurrent sessions, and the longest a statement of theirs may run whatever the
 * session SETs.
 */
public final class Users {
  /** A user's SCRAM verifier. */
  public record Verifier(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
  }

  /** A user's limits: sessions at once (-1: the server's default), statement time (0: none). */
  public record Limits(int connections, long statementMillis) {
    public static final Limits DEFAULT = new Limits(-1, 0);
  }

  private static final Pattern LIMIT = Pattern.compile("(connections|statement_timeout)=(\\S+)");

  static final int ITERATIONS = 4096;

  private final Map<String, Verifier> verifiers;
  private final Map<String, Limits> limits;

  private Users(Map<String, Verifier> verifiers, Map<String, Limits> limits) {
    this.verifiers = verifiers;
    this.limits = limits;
  }

  /** The user's limits; {@link Limits#DEFAULT} when the users file gives none. */
  public Limits limits(String user) {
    return limits.getOrDefault(user, Limits.DEFAULT);
  }

  public Verifier get(String user) {
    return verifiers.get(user);
  }

  public int size() {
    return verifiers.size();
  }

  /** Users from {@code name:secret} lines; blank lines and lines starting with # are skipped. */
  public static Users parse(String text, String source) {
    Map<String, Verifier> map = new HashMap<>();
    Map<String, Limits> limits = new HashMap<>();
    int lineNo = 0;
    for (String line : text.split("\\R")) {
      lineNo++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int colon = l.indexOf(':');
      if (colon <= 0 || colon == l.length() - 1) {
        throw new IllegalArgumentException(source + " line " + lineNo
            + ": expected name:password or name:SCRAM-SHA-256$...");
      }
      String secret = l.substring(colon + 1);
      String name = l.substring(0, colon);
      int connections = -1;
      long statementMillis = 0;
      // Limits are the trailing key=value words; a password may contain spaces before them.
      while (true) {
        int space = Math.max(secret.lastIndexOf(' '), secret.lastIndexOf('\t'));
        Matcher m = LIMIT.matcher(secret.substring(space + 1));
        if (space < 0 || !m.matches()) {
          break;
        }
        String where = source + " line " + lineNo + ": " + m.group();
        if (m.group(1).equals("connections")) {
          connections = positive(m.group(2), where);
        } else {
          statementMillis = Settings.millis(m.group(2));
          if (statementMillis <= 0) {
            throw new IllegalArgumentException(where + ": expected a time such as 30s or 2min");
          }
        }
        secret = secret.substring(0, space).strip();
      }
      if (connections >= 0 || statementMillis > 0) {
        limits.put(name, new Limits(connections, statementMillis));
      }
      map.put(name, secret.startsWith("SCRAM-SHA-256$")
          ? parseVerifier(secret, source + " line " + lineNo) : verifier(secret));
    }
    return new Users(map, limits);
  }

  private static int positive(String v, String where) {
    try {
      int n = Integer.parseInt(v);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new IllegalArgumentException(where + ": expected a positive number of connections");
  }

  public static Users load(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  private static Verifier parseVerifier(String s, String where) {
    // SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>
    String[] parts = s.substring("SCRAM-SHA-256$".length()).split("[$:]");
    if (parts.length != 4) {
      throw new IllegalArgumentException(where + ": malformed SCRAM-SHA-256 verifier");
    }
    Base64.Decoder d = Base64.getDecoder();
    return new Verifier(d.decode(parts[1]), Integer.parseInt(parts[0]), d.decode(parts[2]),
        d.decode(parts[3]));
  }

  static Verifier verifier(String password) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    byte[] salted = saltedPassword(password, salt, ITERATIONS);
    return new Verifier(salt, ITERATIONS, sha256(hmac(salted, "Client Key")),
        hmac(salted, "Server Key"));
  }

  /** PostgreSQL's verifier text for a password (what a users file may hold instead of it). */
  public static String verifierText(String password) {
    Verifier v = verifier(password);
    Base64.Encoder e = Base64.getEncoder();
    return "SCRAM-SHA-256$" + v.iterations() + ":" + e.encodeToString(v.salt()) + "$"
        + e.encodeToString(v.storedKey()) + ":" + e.encodeToString(v.serverKey());
  }

  static byte[] saltedPassword(String password, byte[] salt, int iterations) {
    try {
      SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
      return f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JVM", e);
    }
  }

  static byte[] hmac(byte[] key, String message) {
    return hmac(key, message.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
