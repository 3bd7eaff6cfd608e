package io.pxweb.jdbc.source.px;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link PxDatabase} of each folder, shared by every connection of the JVM to that folder,
 * so that a new connection (pxweb-server opens one per client session) neither reads the
 * folder's headers again nor keeps a copy of their summaries.
 *
 * <p>Scoped by identity: the key is the folder's real path (symbolic links resolved), and a
 * file's summary inside is valid only while the file's size and modification time stay the
 * same ({@link PxDatabase}). No connection property changes what is read from a folder (the
 * language picks among the summaries' languages; {@code maxDataCells}, {@code tables} and
 * {@code subjects} apply above the source), so connections with any properties share.
 *
 * <p>Bounded: a folder's database lives as long as a connection uses it (the registry holds it
 * weakly), and the {@value #RECENT_FOLDERS} folders used last are also kept after their
 * connections closed, but only while their headers take at most {@value #RECENT_BYTES} bytes
 * together (a database's own bounds, {@value PxDatabase#MAX_FILES} files and
 * {@value PxDatabase#LAYOUTS_KEPT} parsed headers, hold as before). The registry forgets
 * folders beyond {@value #MAX_FOLDERS}.
 */
final class PxFolderCache {
  /** Folders kept after their connections closed, the least recently used dropped first. */
  static final int RECENT_FOLDERS = 4;
  /** Most header bytes of the folders kept after their connections closed. */
  static final long RECENT_BYTES = 4L * 1024 * 1024;
  /** Most folders the registry knows (those in use by a connection stay in use regardless). */
  static final int MAX_FOLDERS = 256;

  private static final Map<Path, WeakReference<PxDatabase>> BY_FOLDER = new LinkedHashMap<>();
  /** The folders used last, the least recently used first; strong, so they outlive a close. */
  private static final LinkedHashMap<Path, PxDatabase> RECENT =
      new LinkedHashMap<>(16, 0.75f, true);

  private PxFolderCache() {
  }

  /** Returns the database of a folder given by its real path, shared while anyone uses it. */
  static synchronized PxDatabase of(Path realRoot) {
    WeakReference<PxDatabase> ref = BY_FOLDER.get(realRoot);
    PxDatabase db = ref == null ? null : ref.get();
    if (db == null) {
      if (BY_FOLDER.size() >= MAX_FOLDERS) {
        BY_FOLDER.values().removeIf(r -> r.get() == null);
        Iterator<Path> eldest = BY_FOLDER.keySet().iterator();
        while (BY_FOLDER.size() >= MAX_FOLDERS) {
          eldest.next();
          eldest.remove();
        }
      }
      db = new PxDatabase(realRoot);
      BY_FOLDER.put(realRoot, new WeakReference<>(db));
    }
    return db;
  }

  /**
   * Marks a folder as used now, after a scan, so that it is kept a while after its connections
   * close; drops the least recently used beyond the bounds (the one just used too, when its
   * headers alone exceed {@value #RECENT_BYTES} bytes).
   */
  static synchronized void used(PxDatabase db) {
    RECENT.put(db.root(), db);
    long bytes = 0;
    for (PxDatabase d : RECENT.values()) {
      bytes += d.headerBytes();
    }
    Iterator<PxDatabase> eldest = RECENT.values().iterator();
    while (!RECENT.isEmpty() && (RECENT.size() > RECENT_FOLDERS || bytes > RECENT_BYTES)) {
      bytes -= eldest.next().headerBytes();
      eldest.remove();
    }
  }
}
