package io.pxweb.jdbc.http;

import io.pxweb.jdbc.model.Redaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disk cache of the server's metadata documents ({@code /config}, {@code /tables} pages,
 * table metadata), keyed by request URL.
 *
 * <p>Each entry is one file: a first line with the time it was fetched, then the body. Files
 * are written to a temporary name and moved into place atomically, so several JVMs can share
 * the folder and a reader never sees half a file. An entry that cannot be read is ignored (the
 * caller fetches again and overwrites it).
 */
public final class DiskCache {
  private static final Logger LOG = LoggerFactory.getLogger(DiskCache.class);

  private final Path folder;
  private final Duration ttl;
  private volatile boolean writeWarned;

  public DiskCache(Path folder, Duration ttl) {
    this.folder = folder;
    this.ttl = ttl;
  }

  /** Returns the cached body of a URL if present and younger than the time to live, else null. */
  public byte[] get(String url) {
    Path file = file(url);
    try {
      byte[] all = Files.readAllBytes(file);
      int newline = indexOf(all, (byte) '\n');
      if (newline < 0) {
        return null;
      }
      long fetchedAt = Long.parseLong(new String(all, 0, newline, StandardCharsets.US_ASCII).trim());
      long age = System.currentTimeMillis() - fetchedAt;
      // An entry stamped in the future (another JVM's clock, a hand edit) would never expire.
      if (age < 0 || age >= ttl.toMillis()) {
        return null;
      }
      return Arrays.copyOfRange(all, newline + 1, all.length);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | NumberFormatException e) {
      LOG.warn("Ignoring unreadable cache entry {}: {}", file, e.toString());
      return null;
    }
  }

  /** Stores a body; failures are logged and otherwise ignored (the cache is an optimisation). */
  public void put(String url, byte[] body) {
    Path file = file(url);
    try {
      Files.createDirectories(folder);
      Path tmp = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
      byte[] header = (System.currentTimeMillis() + "\n").getBytes(StandardCharsets.US_ASCII);
      byte[] all = Arrays.copyOf(header, header.length + body.length);
      System.arraycopy(body, 0, all, header.length, body.length);
      Files.write(tmp, all);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      // Once per cache: a full disk or a read-only folder would repeat this for every document.
      if (!writeWarned) {
        writeWarned = true;
        LOG.warn("Cannot write to the disk cache in {} ({}); documents are fetched from the"
            + " server until it is writable", folder, e.toString());
      }
    }
  }

  /** Removes an entry that turned out corrupt. */
  public void invalidate(String url) {
    try {
      Files.deleteIfExists(file(url));
    } catch (IOException e) {
      LOG.warn("Cannot remove cache entry for {}: {}", Redaction.redact(url), e.toString());
    }
  }

  Path file(String url) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(url.getBytes(StandardCharsets.UTF_8));
      return folder.resolve(HexFormat.of().formatHex(hash) + ".json");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length && i < 32; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
