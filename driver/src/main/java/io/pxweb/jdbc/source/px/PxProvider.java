package io.pxweb.jdbc.source.px;

import io.pxweb.jdbc.source.SourceOptions;
import io.pxweb.jdbc.source.SourceProvider;
import io.pxweb.jdbc.source.StatbankSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A folder of PX files as a source: {@code file:<folder>}, relative to the working directory,
 * or {@code file:///<absolute folder>}.
 */
public final class PxProvider implements SourceProvider {
  /** Called by {@link java.util.ServiceLoader}. */
  public PxProvider() {
  }

  @Override public String name() {
    return "px";
  }

  @Override public String description() {
    return "a folder of PX files: file:<folder>, e.g. file:samples/db";
  }

  /** Returns a {@code file:} location as the folder's absolute {@code file:} URI. */
  @Override public Optional<String> accept(String location) throws SQLException {
    if (!location.regionMatches(true, 0, "file:", 0, 5)) {
      return Optional.empty();
    }
    String uri = folder(location).toUri().toString();
    return Optional.of(uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri);
  }

  @Override public Optional<Boolean> recognise(String location) {
    return Optional.of(true);
  }

  @Override public boolean local() {
    return true;
  }

  @Override public StatbankSource open(String location, SourceOptions options)
      throws SQLException {
    return new PxFolderSource(folder(location));
  }

  private static Path folder(String location) throws SQLException {
    String path = location.substring(5);
    try {
      // file:///folder is a URI (the normal form, with %-escapes); file:folder a plain path.
      if (path.startsWith("//")) {
        return Path.of(new URI("file:" + path));
      }
      if (path.isEmpty()) {
        throw new InvalidPathException(path, "no folder given");
      }
      return Path.of(path).toAbsolutePath().normalize();
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new SQLException("Malformed folder (" + e.getMessage() + "); use"
          + " jdbc:pxweb:file:<folder>, e.g. jdbc:pxweb:file:samples/db", "08001");
    }
  }
}
