package io.pxweb.jdbc.source.v1;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SQL names of one v1 server's tables in one language, shared by the JVM's connections to
 * it: a name once given to a table stays that table's, whichever folders are read later.
 *
 * <p>Table ids are file names, unique only within their folder at some servers. A table is
 * named by its id; the same id with the same title in several folders is one table listed in
 * several places (Statistics Sweden lists some tables under several subjects). Another table
 * whose id is taken is named {@code <parent folder>/<id>}, or by its whole path below the base
 * URL if that is taken too. Folders are read in the server's order within a subject, so within
 * a subject the first table keeps the id; between subjects, the table of the subject read first
 * keeps it (on a full listing, or for a table named in a query, the server's order again).
 */
final class V1Names {
  /** Where a name points: the table's first path (folders, then file name) and its title. */
  private record Place(List<String> path, String title) {
  }

  private static final Map<String, V1Names> BY_SCOPE = new ConcurrentHashMap<>();
  /** Most scopes whose names the JVM keeps, as for the other JVM-wide caches. */
  private static final int MAX_SCOPES = 64;

  private final Map<String, Place> byName = new ConcurrentHashMap<>();
  private final Map<List<String>, String> byPath = new ConcurrentHashMap<>();

  private V1Names() {
  }

  /** Returns the names of a cache scope and language. */
  static V1Names of(String scope) {
    V1Names names = BY_SCOPE.get(scope);
    if (names != null) {
      return names;
    }
    if (BY_SCOPE.size() >= MAX_SCOPES) {
      // A process that meets many identities keeps the newest; a dropped scope's names are
      // given again by the next listing, in the server's order.
      BY_SCOPE.keySet().stream().findAny().ifPresent(BY_SCOPE::remove);
    }
    return BY_SCOPE.computeIfAbsent(scope, k -> new V1Names());
  }

  /**
   * Returns the name of the table at a path with a title: the one it was given before, else
   * the first free one of its id, {@code <parent>/<id>} and its whole path.
   */
  synchronized String name(List<String> path, String title) {
    String known = byPath.get(path);
    if (known != null) {
      return known;
    }
    // One copy for both maps: a deep tree's paths are long.
    path = List.copyOf(path);
    String id = path.get(path.size() - 1);
    String parent = path.size() > 1 ? path.get(path.size() - 2) + "/" + id : id;
    String whole = String.join("/", path);
    for (String candidate : List.of(id, parent, whole)) {
      Place p = byName.get(candidate);
      if (p == null) {
        byName.put(candidate, new Place(path, title));
      } else if (!p.title().equals(title) && !candidate.equals(whole)) {
        continue;
      }
      byPath.put(path, candidate);
      return candidate;
    }
    throw new IllegalStateException("unreachable: the whole path is always taken last");
  }

  /** Returns the path of a named table (its first), or null when no table has the name. */
  List<String> path(String name) {
    Place p = byName.get(name);
    return p == null ? null : p.path();
  }

  /** Returns the name given to the table at a path, or null when none was given. */
  String nameAt(List<String> path) {
    return byPath.get(path);
  }
}
