package io.pxweb.server.protocol;

import io.pxweb.server.sql.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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
 * file need not hold passwords. A line may end in the user's options, words of the form
 * {@code key=value} after a space: {@code connections=N} (sessions at once),
 * {@code statement_timeout=30s} (the longest a statement may run whatever the session SETs) and
 * {@code tls=required}. The parser is strict: a line it does not understand in full stops the
 * server with its number, so no typo becomes a password or an account without one.
 *
 * <p>Salts are derived, not drawn: from a secret of the file's own (a hash of its text) and the
 * user's name. A password's verifier then has the same salt on every start, and a name that is not
 * in the file gets a made-up salt that is the same on every attempt (as PostgreSQL's mock salt),
 * so the exchange does not tell which names exist.
 */
public final class Users {
  /** A user's SCRAM verifier. */
  public record Verifier(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
  }

  /**
   * A user's limits: sessions at once (-1: the server's default), statement time (0: none), and
   * whether the user may log in only over TLS.
   */
  public record Limits(int connections, long statementMillis, boolean tlsRequired) {
    public static final Limits DEFAULT = new Limits(-1, 0, false);
  }

  static final int ITERATIONS = 4096;
  private static final Pattern NAME = Pattern.compile("[^\\s:#][^\\s:]*");
  private static final Pattern OPTION = Pattern.compile("([a-z_]+)=(\\S*)");
  private static final Pattern LEADING_OPTION = Pattern.compile(
      "(connections|statement_timeout|tls)=.*");

  private final Map<String, Verifier> verifiers;
  private final Map<String, Limits> limits;
  private final byte[] secret;

  private Users(Map<String, Verifier> verifiers, Map<String, Limits> limits, byte[] secret) {
    this.verifiers = verifiers;
    this.limits = limits;
    this.secret = secret;
  }

  /** The user's limits; {@link Limits#DEFAULT} when the users file gives none. */
  public Limits limits(String user) {
    return limits.getOrDefault(user, Limits.DEFAULT);
  }

  public Verifier get(String user) {
    return verifiers.get(user);
  }

  /**
   * What SCRAM shows for a name that is not a user: a salt derived from the name and this file's
   * secret, the same on every attempt, and keys no proof matches.
   */
  Verifier mock(String user) {
    return new Verifier(salt("mock", user, secret), ITERATIONS, new byte[32], new byte[32]);
  }

  public int size() {
    return verifiers.size();
  }

  /** Users from {@code name:secret} lines; blank lines and lines starting with # are skipped. */
  public static Users parse(String text, String source) {
    byte[] secret = sha256(("pxweb-server users\0" + text).getBytes(StandardCharsets.UTF_8));
    Map<String, Verifier> map = new HashMap<>();
    Map<String, Limits> limits = new HashMap<>();
    int lineNo = 0;
    for (String line : text.split("\\R")) {
      lineNo++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String where = source + " line " + lineNo;
      int colon = l.indexOf(':');
      if (colon <= 0 || !NAME.matcher(l.substring(0, colon)).matches()) {
        throw new IllegalArgumentException(where + ": expected name:password or "
            + "name:SCRAM-SHA-256$..., the name without spaces");
      }
      String name = l.substring(0, colon);
      if (map.containsKey(name)) {
        throw new IllegalArgumentException(where + ": user " + name + " is already defined");
      }
      String rest = l.substring(colon + 1);
      if (rest.isEmpty() || Character.isWhitespace(rest.charAt(0))) {
        throw new IllegalArgumentException(where + ": no password after \"" + name
            + ":\" (a password cannot be empty or begin with a space)");
      }
      if (LEADING_OPTION.matcher(rest).matches()) {
        throw new IllegalArgumentException(where + ": " + rest.split("\\s")[0]
            + " is an option, not a password: write " + name + ":PASSWORD " + rest);
      }
      // Options are the trailing key=value words; a password may contain spaces before them.
      String[] words = rest.split("[ \\t]+");
      int end = words.length;
      while (end > 1 && words[end - 1].contains("=")) {
        end--;
      }
      int connections = -1;
      long statementMillis = 0;
      boolean tls = false;
      Set<String> seen = new HashSet<>();
      for (int i = end; i < words.length; i++) {
        Matcher m = OPTION.matcher(words[i]);
        String at = where + ": " + words[i];
        if (!m.matches()) {
          throw new IllegalArgumentException(at + ": expected an option such as connections=3");
        }
        if (!seen.add(m.group(1))) {
          throw new IllegalArgumentException(at + ": " + m.group(1) + " is given twice");
        }
        switch (m.group(1)) {
          case "connections" -> connections = positive(m.group(2), at);
          case "statement_timeout" -> {
            statementMillis = Settings.millis(m.group(2));
            if (statementMillis <= 0) {
              throw new IllegalArgumentException(at + ": expected a time such as 30s or 2min");
            }
          }
          case "tls" -> {
            if (!m.group(2).equals("required")) {
              throw new IllegalArgumentException(at + ": the only value is tls=required");
            }
            tls = true;
          }
          default -> throw new IllegalArgumentException(at + ": unknown option " + m.group(1)
              + " (options: connections, statement_timeout, tls)");
        }
      }
      String password = rest.substring(0, passwordEnd(rest, end));
      if (connections >= 0 || statementMillis > 0 || tls) {
        limits.put(name, new Limits(connections, statementMillis, tls));
      }
      map.put(name, password.startsWith("SCRAM-SHA-256$") ? parseVerifier(password, where)
          : verifier(password, salt("salt", name, secret)));
    }
    return new Users(map, limits, secret);
  }

  /** Where the password ends: before the whitespace that precedes its first option word. */
  private static int passwordEnd(String rest, int words) {
    Matcher word = Pattern.compile("[^ \\t]+").matcher(rest);
    int end = 0;
    for (int i = 0; i < words && word.find(); i++) {
      end = word.end();
    }
    return end;
  }

  /** A salt from a purpose, a name and the file's secret: stable, and unguessable without it. */
  private static byte[] salt(String purpose, String name, byte[] secret) {
    return Arrays.copyOf(hmac(secret, purpose + "\0" + name), 16);
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
    Matcher m = Pattern.compile("SCRAM-SHA-256\\$(\\d{1,7}):([A-Za-z0-9+/=]+)\\$([A-Za-z0-9+/=]+)"
        + ":([A-Za-z0-9+/=]+)").matcher(s);
    try {
      if (m.matches()) {
        Base64.Decoder d = Base64.getDecoder();
        Verifier v = new Verifier(d.decode(m.group(2)), Integer.parseInt(m.group(1)),
            d.decode(m.group(3)), d.decode(m.group(4)));
        if (v.iterations() > 0 && v.salt().length > 0 && v.storedKey().length == 32
            && v.serverKey().length == 32) {
          return v;
        }
      }
    } catch (IllegalArgumentException e) {
      // Bad Base64: reported below.
    }
    throw new IllegalArgumentException(where + ": malformed SCRAM-SHA-256 verifier (expected "
        + "SCRAM-SHA-256$4096:salt$StoredKey:ServerKey, as --print-verifier writes it)");
  }

  private static Verifier verifier(String password, byte[] salt) {
    byte[] salted = saltedPassword(password, salt, ITERATIONS);
    return new Verifier(salt, ITERATIONS, sha256(hmac(salted, "Client Key")),
        hmac(salted, "Server Key"));
  }

  /** PostgreSQL's verifier text for a password (what a users file may hold instead of it). */
  public static String verifierText(String password) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    Verifier v = verifier(password, salt);
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
