package io.pxweb.jdbc.http;

import io.pxweb.jdbc.model.Cube;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * In-memory cache of data responses for identical requests, off unless {@code dataCacheTtl} is
 * set. Bounded by cells (least recently used entries go first), since a response can be large.
 */
public final class DataCache {
  private static final long MAX_CELLS = 2_000_000;

  private final Duration ttl;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long cells;

  private record Entry(Cube cube, long storedAtNanos) {
  }

  public DataCache(Duration ttl) {
    this.ttl = ttl;
  }

  public synchronized Cube get(String key) {
    Entry e = entries.get(key);
    if (e == null) {
      return null;
    }
    if (System.nanoTime() - e.storedAtNanos() >= ttl.toNanos()) {
      entries.remove(key);
      cells -= e.cube().cellCount();
      return null;
    }
    return e.cube();
  }

  public synchronized void put(String key, Cube cube) {
    if (cube.cellCount() > MAX_CELLS) {
      return;
    }
    Entry old = entries.put(key, new Entry(cube, System.nanoTime()));
    if (old != null) {
      cells -= old.cube().cellCount();
    }
    cells += cube.cellCount();
    for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        it.hasNext() && cells > MAX_CELLS; ) {
      cells -= it.next().getValue().cube().cellCount();
      it.remove();
    }
  }
}
