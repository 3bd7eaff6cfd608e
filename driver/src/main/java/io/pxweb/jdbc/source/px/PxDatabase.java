package io.pxweb.jdbc.source.px;

import io.pxweb.jdbc.model.CallBudget;
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
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
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
 * read once; what the table list needs of each (a {@link Summary}) is kept while the file's size
 * and modification time stay the same, so listing again costs a directory walk; data is never
 * read here. The full header of a table is read again when the table is used, and the last
 * {@value #LAYOUTS_KEPT} used are kept (up to {@value #LAYOUT_BYTES} bytes of headers). A file
 * whose header cannot be read is left out of the list and logged once at WARN; a request for
 * its table id (TABLEID or MATRIX as far as they can be made out, else the file name) gets its
 * error. When two files have the same table id the first by path wins and the other is logged.
 *
 * <p>Limits: a folder holds at most {@value #MAX_FILES} PX files (54000 beyond), and a scan
 * stops between two files when the thread's {@link CallBudget} (the login or query timeout, a
 * cancel) runs out; the summaries read so far are kept, so the next scan of this folder (a
 * statement's, on the same connection) goes on from there.
 */
final class PxDatabase {
  private static final Logger LOG = LoggerFactory.getLogger(PxDatabase.class);
  /**
   * PX files one folder may hold: as many tables as the driver's catalog keeps metadata for per
   * statbank (CatalogCache.MAX_TABLES), more than any statbank publishes.
   */
  static final int MAX_FILES = 20_000;
  /**
   * Parsed headers kept for the tables used last, and their most bytes together: a parsed
   * header takes ten times its bytes and more, so a large one is read again when used again.
   */
  static final int LAYOUTS_KEPT = 16;
  static final int LAYOUT_BYTES = 16 * 1024 * 1024;
  /** Language of a folder whose files name none. */
  static final String FALLBACK_LANGUAGE = "en";
  private static final Pattern ID = Pattern.compile(
      "(?:^|;)\\s*(TABLEID|MATRIX)\\s*=\\s*\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);

  private final Path root;
  /** The folder as users see it (a password in its path hidden), for messages. */
  private final String shown;
  /** Every file's summary or failure, from the last scan. */
  private final Map<Path, Loaded> files = new ConcurrentHashMap<>();
  /** The parsed headers of the tables used last, the least recently used first. */
  private final LinkedHashMap<Path, Loaded> layouts = new LinkedHashMap<>(16, 0.75f, true);
  private long layoutBytes;
  private volatile Loaded menu;
  private volatile Snapshot last;

  /** A good table of the folder; its layout is {@link #layout(Table)}. */
  record Table(String id, String relative, Path path, Summary summary, List<String> languages) {

    /** Returns the table's list entry in a language it has (see {@link #languages()}). */
    TableEntry entry(String lang) {
      TableEntry e = summary.entries().get(lang);
      return e != null ? e : summary.entries().get("");
    }
  }

  /**
   * What the table list needs of a good file, kept for every file of the folder.
   *
   * @param id the table id
   * @param entries the list entry in the default language (key "") and in each other language
   *     of the file, with its sub-folders or subject as path
   * @param ownLanguage the file's LANGUAGE, or null
   * @param fileLanguages the file's LANGUAGES, its own first; may be empty
   * @param warnings what was read by a lenient rule
   */
  record Summary(String id, Map<String, TableEntry> entries, String ownLanguage,
      List<String> fileLanguages, List<PxWarning> warnings) {

    static Summary of(PxTableLayout layout, String relative) {
      PxTableFile f = layout.file();
      Map<String, TableEntry> entries = new HashMap<>();
      entries.put("", PxMetadataMapper.entry(layout, null, subjectPaths(f, relative, null)));
      for (String l : f.languages()) {
        if (!l.equals(f.defaultLanguage())) {
          entries.put(l, PxMetadataMapper.entry(layout, l, subjectPaths(f, relative, l)));
        }
      }
      return new Summary(layout.id(), Map.copyOf(entries), f.defaultLanguage(), f.languages(),
          List.copyOf(f.warnings()));
    }
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

  /** One file as last read: a summary, a layout, a menu, or the failure; valid while unchanged. */
  private record Loaded(FileTime modified, long size, Object content, Exception error,
      String probableId) {
  }

  PxDatabase(Path root, String shown) {
    this.root = root;
    this.shown = shown;
  }

  Path root() {
    return root;
  }

  /**
   * Walks the folder and returns what it holds now.
   *
   * @throws SQLException 54000 when the folder holds more than {@value #MAX_FILES} PX files;
   *     HYT00 or 57014 when the thread's budget runs out or is cancelled
   */
  Snapshot scan() throws IOException, SQLException {
    List<Path> found = walk();
    // A set: a list's contains() made this quadratic (100,000 files took minutes).
    files.keySet().retainAll(new HashSet<>(found));

    String reading = "reading the headers of the " + found.size() + " PX files in " + shown;
    List<Table> read = new ArrayList<>();
    List<Broken> broken = new ArrayList<>();
    Map<String, Integer> languageCounts = new LinkedHashMap<>();
    for (Path p : found) {
      CallBudget.checkCurrent(reading);
      Loaded l = load(p);
      if (l.error() != null) {
        broken.add(new Broken(l.probableId(), relative(p), l.error()));
        continue;
      }
      Summary summary = (Summary) l.content();
      read.add(new Table(summary.id(), relative(p), p, summary, List.of()));
      if (summary.ownLanguage() != null) {
        languageCounts.merge(summary.ownLanguage(), 1, Integer::sum);
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
    for (Table r : read) {
      Summary summary = r.summary();
      Table previous = byId.get(r.id().toLowerCase(Locale.ROOT));
      for (PxWarning w : summary.warnings()) {
        problems.add(new SourceProblem(r.relative(), w.line(), r.id(), SourceProblem.WARNING,
            w.detail()));
      }
      if (previous != null) {
        LOG.warn("Skipping PX file {}: table id {} is already used by {}", r.relative(), r.id(),
            previous.relative());
        problems.add(new SourceProblem(r.relative(), 0, r.id(), SourceProblem.WARNING, "skipped:"
            + " table id " + r.id() + " is already used by " + previous.relative()));
        continue;
      }
      List<String> langs = PxMetadataMapper.languages(summary.fileLanguages(),
          summary.ownLanguage(), defaultLanguage);
      for (String l : langs) {
        if (!languages.contains(l)) {
          languages.add(l);
        }
      }
      Table t = new Table(r.id(), r.relative(), r.path(), summary, langs);
      byId.put(r.id().toLowerCase(Locale.ROOT), t);
      tables.add(t);
    }
    Snapshot s = new Snapshot(List.copyOf(tables), List.copyOf(broken), menu(), languages,
        defaultLanguage, List.copyOf(problems));
    last = s;
    return s;
  }

  /** Returns the PX files below the root in path order, at most {@value #MAX_FILES}. */
  private List<Path> walk() throws IOException, SQLException {
    List<Path> found = new ArrayList<>();
    String listing = "listing the PX files in " + shown;
    SQLException[] stop = new SQLException[1];
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return !dir.equals(root) && dir.getFileName().toString().startsWith(".")
            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile()
            && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".px")) {
          if (found.size() >= MAX_FILES) {
            stop[0] = new SQLException("The folder " + shown + " holds more than " + MAX_FILES
                + " PX files, the most the driver reads as one statbank; connect to a"
                + " sub-folder (jdbc:pxweb:file:<folder>/<sub-folder>)", "54000");
            return FileVisitResult.TERMINATE;
          }
          found.add(file);
        }
        try {
          CallBudget.checkCurrent(listing);
        } catch (SQLException e) {
          stop[0] = e;
          return FileVisitResult.TERMINATE;
        }
        return FileVisitResult.CONTINUE;
      }

      @Override public FileVisitResult visitFileFailed(Path file, IOException e) {
        // The folder's path may hold a URL with a password (file:<dir>+http://u:pw@host).
        LOG.warn("Skipping {}: {}", relative(file), Redaction.redact(e.toString()));
        return FileVisitResult.CONTINUE;
      }
    });
    if (stop[0] != null) {
      throw stop[0];
    }
    found.sort((a, b) -> relative(a).compareTo(relative(b)));
    return found;
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
  Snapshot snapshot() throws IOException, SQLException {
    Snapshot s = last;
    return s != null ? s : scan();
  }

  /**
   * Returns a table as its file is now: the file is checked again, so a file changed since the
   * listing is read anew.
   *
   * @return the table, or null when no file holds the table any more
   * @throws PxFormatException when the file's header is now unusable
   */
  Table table(String id) throws IOException, PxFormatException, SQLException {
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
    if (!Files.isRegularFile(t.path())) {
      return rescanFor(id);
    }
    Loaded l = load(t.path());
    if (l.error() != null) {
      throw rethrow(l.error());
    }
    Summary summary = (Summary) l.content();
    if (summary == t.summary()) {
      return t;
    }
    if (!summary.id().equalsIgnoreCase(id)) {
      return rescanFor(id);
    }
    return new Table(t.id(), t.relative(), t.path(), summary, t.languages());
  }

  /**
   * Returns a table's parsed header: kept from its last use while the file is the same, else
   * read again.
   *
   * @throws PxFormatException when the file's header is now unusable
   */
  PxTableLayout layout(Table t) throws IOException, PxFormatException {
    BasicFileAttributes a = Files.readAttributes(t.path(), BasicFileAttributes.class);
    synchronized (layouts) {
      Loaded cached = layouts.get(t.path());
      if (cached != null && a.lastModifiedTime().equals(cached.modified())
          && a.size() == cached.size()) {
        return (PxTableLayout) cached.content();
      }
    }
    return parse(t.path(), a);
  }

  private Table rescanFor(String id) throws IOException, PxFormatException, SQLException {
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
    List<List<TableEntry.Folder>> fromMenu = menuPaths(s, b.relative(), lang);
    if (fromMenu != null) {
      return fromMenu;
    }
    List<TableEntry.Folder> path = folders(b.relative());
    return path.isEmpty() ? List.of() : List.of(path);
  }

  /** Returns the paths the folder's menu gives a file in a language, or null. */
  static List<List<TableEntry.Folder>> menuPaths(Snapshot s, String relative, String lang) {
    return s.menu() == null ? null : s.menu().paths(relative, lang);
  }

  private static List<TableEntry.Folder> folders(String relative) {
    String[] parts = relative.split("/");
    List<TableEntry.Folder> path = new ArrayList<>();
    for (int i = 0; i < parts.length - 1; i++) {
      path.add(new TableEntry.Folder(parts[i], parts[i]));
    }
    return path;
  }

  /**
   * Returns the folder paths of a table in a language without a menu: its sub-folders, else
   * its subject.
   *
   * @param lang a language of the file other than its own, or null for its own
   */
  static List<List<TableEntry.Folder>> subjectPaths(PxTableFile f, String relative,
      String lang) {
    List<TableEntry.Folder> path = folders(relative);
    if (!path.isEmpty()) {
      return List.of(path);
    }
    // A file at the root has no folder; its subject, as the reference server's index has it.
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

  /** Returns a file's summary or failure: kept while the file is the same, else read. */
  private Loaded load(Path p) {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(p, BasicFileAttributes.class);
    } catch (IOException e) {
      return new Loaded(null, -1, null, e, stem(p));
    }
    Loaded cached = files.get(p);
    if (cached != null && a.lastModifiedTime().equals(cached.modified())
        && a.size() == cached.size()) {
      return cached;
    }
    Loaded l;
    try {
      PxTableLayout layout = parse(p, a);
      l = new Loaded(a.lastModifiedTime(), a.size(), Summary.of(layout, relative(p)), null,
          layout.id());
    } catch (PxFormatException e) {
      LOG.warn("Skipping PX file {}, line {}: {}", relative(p), e.line(), e.detail());
      l = new Loaded(a.lastModifiedTime(), a.size(), null, e, probableId(p));
    } catch (IOException e) {
      LOG.warn("Skipping PX file {}: {}", relative(p), Redaction.redact(e.toString()));
      l = new Loaded(a.lastModifiedTime(), a.size(), null, e, probableId(p));
    }
    files.put(p, l);
    return l;
  }

  /** Reads a file's header and keeps it among the last used. */
  private PxTableLayout parse(Path p, BasicFileAttributes a)
      throws IOException, PxFormatException {
    PxTableLayout layout;
    try {
      layout = PxMetadataMapper.layout(PxTableFile.read(p));
    } catch (PxFormatException e) {
      throw e.in(relative(p));
    }
    long bytes = layout.file().dataOffset();
    synchronized (layouts) {
      Loaded old = layouts.put(p, new Loaded(a.lastModifiedTime(), a.size(), layout, null,
          layout.id()));
      layoutBytes += bytes
          - (old == null ? 0 : ((PxTableLayout) old.content()).file().dataOffset());
      // The least recently used go first; the one just read stays, however large.
      Iterator<Loaded> eldest = layouts.values().iterator();
      while ((layoutBytes > LAYOUT_BYTES || layouts.size() > LAYOUTS_KEPT)
          && layouts.size() > 1) {
        layoutBytes -= ((PxTableLayout) eldest.next().content()).file().dataOffset();
        eldest.remove();
      }
    }
    return layout;
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
