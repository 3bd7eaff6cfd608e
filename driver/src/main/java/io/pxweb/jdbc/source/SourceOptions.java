package io.pxweb.jdbc.source;

import io.pxweb.jdbc.http.HttpSettings;
import java.util.Set;

/**
 * What a connection gives every source it opens: the shared transport's settings and the
 * subjects it is restricted to. A source that reads local files uses neither.
 *
 * @param http HTTP settings shared by every service the connection calls
 * @param subjects lower-cased top-level folder ids the connection is restricted to, or none
 */
public record SourceOptions(HttpSettings http, Set<String> subjects) {
  public SourceOptions {
    subjects = Set.copyOf(subjects);
  }
}
