package io.pxweb.jdbc.source.px;

import io.pxweb.jdbc.model.Redaction;
import io.pxweb.jdbc.model.SourceProblem;
import io.pxweb.jdbc.model.TableEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folder of PX files seen as a statbank: the tables found below the root, their ids, languages
 * and subject folders.
 *
 * <p>Every {@code *.px} file below the root is a table (hidden folders are skipped). Headers are
 * read once and kept while the file's size and modification time stay the same, so listing again
 * costs a directory walk; data is never read here. A file whose header cannot be read is left out
 * of the list and logged once at WARN; a request for its table id (TABLEID or MATRIX as far as
 * they can be made out, else the file name) gets its error. When two files have the same table
 * id the first by path wins and the other is logged.
 */
final class PxDatabase {
  private static final Logger LOG = LoggerFactory.getLogger(PxDatabase.class);
  /** Language of a folder whose files name none. */
  static final String FALLBACK_LANGUAGE = "en";
  private static final Pattern ID = Pattern.compile(
      "(?:^|;)\\s*(TABLEID|MATRIX)\\s*=\\s*\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);

  private final Path root;
  private final Map<Path, Loaded> files = new ConcurrentHashMap<>();
  private volatile Loaded menu;
  private volatile Snapshot last;

  /** A good table of the folder. */
  record Table(String id, String relative, PxTableLayout layout, List<String> languages) {
  }

  /** A file whose header could not be used, with the id a request for it would probably use. */
  record Broken(String probableId, String relative, Exception error) {
  }

  /** What a scan found; {@code problems} are the broken files, then every warning, by path. */
  record Snapshot(List<Table> tables, List<Broken> broken, PxMenu menu, List<String> languages,
      String defaultLanguage, List<SourceProblem> problems) {

    /** Returns a table by id, ignoring case as servers do, or null. */
    Table table(String id) {
      for (Table t : tables) {
        if (t.id().equalsIgnoreCase(id)) {
          return t;
        }
      }
      return null;
    }

    /** Returns a broken file a request for this id probably means, or null. */
    Broken broken(String id) {
      for (Broken b : broken) {
        if (b.probableId().equalsIgnoreCase(id)) {
          return b;
        }
      }
      return null;
    }
  }

  /** One file as last read: a layout, a menu, or the failure; valid while size and time hold. */
  private record Loaded(FileTime modified, long size, Object content, Exception error,
      String probableId) {
  }

  PxDatabase(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** Walks the folder and returns what it holds now. */
  Snapshot scan() throws IOException {
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return !dir.equals(root) && dir.getFileName().toString().startsWith(".")
            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile()
            && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".px")) {
          found.add(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override public FileVisitResult visitFileFailed(Path file, IOException e) {
        // The folder's path may hold a URL with a password (file:<dir>+http://u:pw@host).
        LOG.warn("Skipping {}: {}", relative(file), Redaction.redact(e.toString()));
        return FileVisitResult.CONTINUE;
      }
    });
    found.sort((a, b) -> relative(a).compareTo(relative(b)));
    files.keySet().retainAll(found);

    List<PxTableLayout> layouts = new ArrayList<>();
    List<Broken> broken = new ArrayList<>();
    Map<String, Integer> languageCounts = new LinkedHashMap<>();
    for (Path p : found) {
      Loaded l = load(p);
      if (l.error() != null) {
        broken.add(new Broken(l.probableId(), relative(p), l.error()));
        continue;
      }
      PxTableLayout layout = (PxTableLayout) l.content();
      layouts.add(layout);
      String lang = layout.file().defaultLanguage();
      if (lang != null) {
        languageCounts.merge(lang, 1, Integer::sum);
      }
    }
    String defaultLanguage = FALLBACK_LANGUAGE;
    int best = 0;
    for (Map.Entry<String, Integer> e : languageCounts.entrySet()) {
      if (e.getValue() > best) {
        best = e.getValue();
        defaultLanguage = e.getKey();
      }
    }
    List<SourceProblem> problems = new ArrayList<>();
    for (Broken b : broken) {
      problems.add(problem(b));
    }
    List<Table> tables = new ArrayList<>();
    Map<String, Table> byId = new HashMap<>();
    List<String> languages = new ArrayList<>(List.of(defaultLanguage));
    for (PxTableLayout layout : layouts) {
      String rel = relative(layout.file().path());
      Table previous = byId.get(layout.id().toLowerCase(Locale.ROOT));
      for (PxWarning w : layout.file().warnings()) {
        problems.add(new SourceProblem(rel, w.line(), layout.id(), SourceProblem.WARNING,
            w.detail()));
      }
      if (previous != null) {
        LOG.warn("Skipping PX file {}: table id {} is already used by {}", rel, layout.id(),
            previous.relative());
        problems.add(new SourceProblem(rel, 0, layout.id(), SourceProblem.WARNING, "skipped:"
            + " table id " + layout.id() + " is already used by " + previous.relative()));
        continue;
      }
      List<String> langs = PxMetadataMapper.languages(layout.file(), defaultLanguage);
      for (String l : langs) {
        if (!languages.contains(l)) {
          languages.add(l);
        }
      }
      Table t = new Table(layout.id(), rel, layout, langs);
      byId.put(layout.id().toLowerCase(Locale.ROOT), t);
      tables.add(t);
    }
    Snapshot s = new Snapshot(List.copyOf(tables), List.copyOf(broken), menu(), languages,
        defaultLanguage, List.copyOf(problems));
    last = s;
    return s;
  }

  /** Returns a broken file as a problem: its line and reason, or the read failure. */
  private static SourceProblem problem(Broken b) {
    if (b.error() instanceof PxFormatException e) {
      return new SourceProblem(b.relative(), e.line(), b.probableId(), SourceProblem.ERROR,
          e.detail());
    }
    return new SourceProblem(b.relative(), 0, b.probableId(), SourceProblem.ERROR,
        "cannot read the file: " + b.error());
  }

  /** Returns the last scan, scanning when there is none yet. */
  Snapshot snapshot() throws IOException {
    Snapshot s = last;
    return s != null ? s : scan();
  }

  /**
   * Returns a table's current layout: the file is checked again, so a file changed since the
   * listing is read anew.
   *
   * @return the layout, or null when no file holds the table any more
   * @throws PxFormatException when the file's header is now unusable
   */
  Table table(String id) throws IOException, PxFormatException {
    Snapshot s = snapshot();
    Table t = s.table(id);
    if (t == null) {
      s = scan();
      t = s.table(id);
      if (t == null) {
        Broken b = s.broken(id);
        if (b != null) {
          throw rethrow(b.error());
        }
        return null;
      }
    }
    Path p = t.layout().file().path();
    if (!Files.isRegularFile(p)) {
      return rescanFor(id);
    }
    Loaded l = load(p);
    if (l.error() != null) {
      throw rethrow(l.error());
    }
    PxTableLayout layout = (PxTableLayout) l.content();
    if (layout == t.layout()) {
      return t;
    }
    if (!layout.id().equalsIgnoreCase(id)) {
      return rescanFor(id);
    }
    return new Table(t.id(), t.relative(), layout, t.languages());
  }

  private Table rescanFor(String id) throws IOException, PxFormatException {
    Snapshot s = scan();
    Table t = s.table(id);
    if (t == null && s.broken(id) != null) {
      throw rethrow(s.broken(id).error());
    }
    return t;
  }

  private static PxFormatException rethrow(Exception e) throws IOException {
    if (e instanceof IOException io) {
      throw io;
    }
    return (PxFormatException) e;
  }

  /** Returns the folder paths of a broken file: from the menu, else from its sub-folders. */
  List<List<TableEntry.Folder>> paths(Snapshot s, Broken b, String lang) {
    if (s.menu() != null) {
      List<List<TableEntry.Folder>> fromMenu = s.menu().paths(b.relative(), lang);
      if (fromMenu != null) {
        return fromMenu;
      }
    }
    List<TableEntry.Folder> path = folders(b.relative());
    return path.isEmpty() ? List.of() : List.of(path);
  }

  private static List<TableEntry.Folder> folders(String relative) {
    String[] parts = relative.split("/");
    List<TableEntry.Folder> path = new ArrayList<>();
    for (int i = 0; i < parts.length - 1; i++) {
      path.add(new TableEntry.Folder(parts[i], parts[i]));
    }
    return path;
  }

  /** Returns the folder paths of a table in a language: from the menu, else from sub-folders. */
  List<List<TableEntry.Folder>> paths(Snapshot s, Table t, String lang) {
    if (s.menu() != null) {
      List<List<TableEntry.Folder>> fromMenu = s.menu().paths(t.relative(), lang);
      if (fromMenu != null) {
        return fromMenu;
      }
    }
    List<TableEntry.Folder> path = folders(t.relative());
    if (!path.isEmpty()) {
      return List.of(path);
    }
    // A file at the root has no folder; its subject, as the reference server's index has it.
    PxTableFile f = t.layout().file();
    String code = f.text("SUBJECT-CODE");
    if (code == null || code.isBlank()) {
      return List.of();
    }
    String label = f.hasLanguage(lang) && f.find("SUBJECT-AREA", lang, List.of()) != null
        ? f.find("SUBJECT-AREA", lang, List.of()).first() : f.text("SUBJECT-AREA");
    return List.of(List.of(new TableEntry.Folder(code.trim(), label == null ? code : label)));
  }

  /** Returns a file's path below the root with '/' separators. */
  String relative(Path file) {
    Path rel = root.relativize(file);
    StringBuilder b = new StringBuilder();
    for (Path part : rel) {
      b.append(b.length() == 0 ? "" : "/").append(part);
    }
    return b.toString();
  }

  private Loaded load(Path p) {
    FileTime modified;
    long size;
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      modified = a.lastModifiedTime();
      size = a.size();
    } catch (IOException e) {
      return new Loaded(null, -1, null, e, stem(p));
    }
    Loaded cached = files.get(p);
    if (cached != null && modified.equals(cached.modified()) && size == cached.size()) {
      return cached;
    }
    Loaded l;
    try {
      PxTableLayout layout = PxMetadataMapper.layout(PxTableFile.read(p));
      l = new Loaded(modified, size, layout, null, layout.id());
    } catch (PxFormatException e) {
      LOG.warn("Skipping PX file {}, line {}: {}", relative(p), e.line(), e.detail());
      l = new Loaded(modified, size, null, e.in(relative(p)), probableId(p));
    } catch (IOException e) {
      LOG.warn("Skipping PX file {}: {}", relative(p), Redaction.redact(e.toString()));
      l = new Loaded(modified, size, null, e, probableId(p));
    }
    files.put(p, l);
    return l;
  }

  private PxMenu menu() {
    Path p = PxMenu.find(root);
    if (p == null) {
      menu = null;
      return null;
    }
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      Loaded cached = menu;
      if (cached != null && a.lastModifiedTime().equals(cached.modified())
          && a.size() == cached.size()) {
        return (PxMenu) cached.content();
      }
      PxMenu m;
      try {
        m = PxMenu.read(p);
      } catch (PxFormatException | IOException e) {
        LOG.warn("Ignoring {}: {}; folders give the subjects instead", relative(p),
            e.getMessage());
        m = null;
      }
      menu = new Loaded(a.lastModifiedTime(), a.size(), m, null, null);
      return m;
    } catch (IOException e) {
      LOG.warn("Ignoring {}: {}", relative(p), Redaction.redact(e.toString()));
      return null;
    }
  }

  /** Makes out TABLEID or MATRIX of a file whose header does not parse, else its name. */
  private static String probableId(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      String head = new String(in.readNBytes(1 << 16), StandardCharsets.ISO_8859_1);
      Matcher m = ID.matcher(head);
      String matrix = null;
      while (m.find()) {
        if (m.group(1).equalsIgnoreCase("TABLEID")) {
          return m.group(2).trim();
        }
        matrix = matrix == null ? m.group(2).trim() : matrix;
      }
      return matrix != null ? matrix : stem(p);
    } catch (IOException e) {
      return stem(p);
    }
  }

  private static String stem(Path p) {
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
