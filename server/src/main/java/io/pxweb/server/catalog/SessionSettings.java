package io.pxweb.server.catalog;

import java.util.Map;

/**
 * What the catalog reads of a session's run-time parameters (current_setting, pg_settings, the
 * user and database names). The session's settings implement it; the catalog never changes them.
 */
public interface SessionSettings {
  /** A parameter's value (names are case-insensitive), or null when there is none. */
  String get(String name);

  /** Every parameter and its value, in a stable order. */
  Map<String, String> all();
}
