package io.pxweb.jdbc.source;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The sources the driver knows: those the driver's jar lists in
 * {@code META-INF/services/io.pxweb.jdbc.source.SourceProvider} (in that order, which is the
 * order of detection), and any a host application or test {@link #register registers}.
 */
public final class SourceRegistry {
  /** The {@code apiVersion} value that leaves the choice of source to the location. */
  public static final String AUTO = "auto";

  private static final List<SourceProvider> BUILT_IN = load();
  private static final List<SourceProvider> REGISTERED = new CopyOnWriteArrayList<>();

  private SourceRegistry() {
  }

  private static List<SourceProvider> load() {
    List<SourceProvider> out = new ArrayList<>();
    ServiceLoader.load(SourceProvider.class, SourceProvider.class.getClassLoader())
        .forEach(out::add);
    return List.copyOf(out);
  }

  /** Returns every source, the built-in ones first, in the order of detection. */
  public static List<SourceProvider> all() {
    List<SourceProvider> out = new ArrayList<>(BUILT_IN);
    out.addAll(REGISTERED);
    return Collections.unmodifiableList(out);
  }

  /**
   * Adds a source after the built-in ones; closing the registration removes it. Its name and
   * aliases must be new.
   */
  public static Registration register(SourceProvider provider) {
    for (SourceProvider p : all()) {
      if (p.name().equalsIgnoreCase(provider.name())) {
        throw new IllegalArgumentException("A source named " + provider.name() + " exists");
      }
    }
    REGISTERED.add(provider);
    return () -> REGISTERED.remove(provider);
  }

  /** A registration to end. */
  public interface Registration extends AutoCloseable {
    @Override void close();
  }

  /** Returns the {@code apiVersion} property's choices: auto, then every source's name. */
  public static List<String> versionChoices() {
    List<String> out = new ArrayList<>(List.of(AUTO));
    all().forEach(p -> out.add(p.name()));
    return out;
  }

  /** Returns every source's short names and their locations, lower-case. */
  public static Map<String, String> aliases() {
    Map<String, String> out = new LinkedHashMap<>();
    for (SourceProvider p : all()) {
      p.aliases().forEach((a, l) -> out.putIfAbsent(a.toLowerCase(Locale.ROOT), l));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Returns the location in the normal form of the first source that accepts it, or empty
   * when none does.
   */
  public static Optional<String> accept(String location) throws SQLException {
    for (SourceProvider p : all()) {
      Optional<String> accepted = p.accept(location);
      if (accepted.isPresent()) {
        return accepted;
      }
    }
    return Optional.empty();
  }

  /** Whether every source that accepts the location reads local files only. */
  public static boolean local(String location) throws SQLException {
    boolean any = false;
    for (SourceProvider p : all()) {
      if (p.accept(location).isPresent()) {
        if (!p.local()) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  /**
   * Returns the source that reads a location: the one {@code apiVersion} names, else the one
   * the location's form names, else the first whose probe answers, else the fallback.
   *
   * @param version the {@code apiVersion} property: {@link #AUTO} or a source's name
   */
  public static SourceProvider detect(String location, String version, SourceOptions options)
      throws SQLException {
    List<SourceProvider> candidates = new ArrayList<>();
    for (SourceProvider p : all()) {
      if (p.accept(location).isPresent()) {
        candidates.add(p);
      }
    }
    if (version != null && !version.equalsIgnoreCase(AUTO)) {
      for (SourceProvider p : candidates) {
        if (p.name().equalsIgnoreCase(version)) {
          return p;
        }
      }
      if (candidates.size() == 1) {
        // A folder with apiVersion=v1: the location's form leaves one source to read it.
        return candidates.get(0);
      }
      throw new SQLException("The source apiVersion=" + version + " does not read the location "
          + location, "08001");
    }
    if (candidates.isEmpty()) {
      throw new SQLException("No source reads the location " + location, "08001");
    }
    List<SourceProvider> unsure = new ArrayList<>();
    for (SourceProvider p : candidates) {
      Optional<Boolean> recognised = p.recognise(location);
      if (recognised.orElse(false)) {
        return p;
      }
      if (recognised.isEmpty()) {
        unsure.add(p);
      }
    }
    if (unsure.size() == 1) {
      return unsure.get(0);
    }
    for (SourceProvider p : unsure) {
      if (p.probe(location, options)) {
        return p;
      }
    }
    for (SourceProvider p : unsure) {
      if (p.fallback()) {
        return p;
      }
    }
    return unsure.isEmpty() ? candidates.get(0) : unsure.get(0);
  }

  /** Opens the source at a location, detected as {@link #detect} does. */
  public static StatbankSource open(String location, String version, SourceOptions options)
      throws SQLException {
    SourceProvider p = detect(location, version, options);
    return p.open(p.accept(location).orElse(location), options);
  }
}
