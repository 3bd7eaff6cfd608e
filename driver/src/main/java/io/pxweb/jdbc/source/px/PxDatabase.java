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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>One database serves every connection of the JVM to the folder ({@link PxFolderCache}), so
 * its summaries and parsed headers are read once for them all, and it is safe for concurrent
 * use: two connections that need the same file's header at once read it once (the second
 * waits for the first). A summary is trusted only when the file was last modified more than
 * {@value #RACY_MILLIS} ms before it was read: a file rewritten within a file system's time
 * granularity, at the same size, may otherwise keep its time.
 *
 * <p>Limits: a folder holds at most {@value #MAX_FILES} PX files (54000 beyond), and a scan
 * stops between two files when the thread's {@link CallBudget} (the login or query timeout, a
 * cancel) runs out; the summaries read so far are kept, so the next scan of this folder (a
 * statement's, or another connection's) goes on from there.
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
  /**
   * How long after a file's last modification its summary starts to be trusted: longer than the
   * coarsest time granularity of common file systems (FAT's 2 s).
   */
  static final long RACY_MILLIS = 2_000;
  /** Language of a folder whose files name none. */
  static final String FALLBACK_LANGUAGE = "en";
  private static final Pattern ID = Pattern.compile(
      "(?:^|;)\\s*(TABLEID|MATRIX)\\s*=\\s*\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);

  /** The folder's real path. */
  private final Path root;
  /** Every file's summary or failure, from the last scan. */
  private final Map<Path, Loaded> files = new ConcurrentHashMap<>();
  /** The reads of headers under way, so that a second reader of the same file waits for it. */
  private final Map<Path, FutureTask<Loaded>> reading = new ConcurrentHashMap<>();
  /** Headers parsed and walks of the folder since the database was made (tests count them). */
  private final AtomicLong headersRead = new AtomicLong();
  private final AtomicLong scans = new AtomicLong();
  /** The parsed headers of the tables used last, the least recently used first. */
  private final LinkedHashMap<Path, Loaded> layouts = new LinkedHashMap<>(16, 0.75f, true);
  private long layoutBytes;
  private volatile Loaded menu;
  private volatile Scan last;

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

  /**
   * One file as last read: a summary, a layout, a menu, or the failure; valid while unchanged.
   *
   * @param readAtMillis when the file's size and time were read (see {@link #RACY_MILLIS})
   * @param headerBytes the bytes of the header read, 0 for a failure or a menu
   */
  private record Loaded(FileTime modified, long size, long readAtMillis, long headerBytes,
      Object content, Exception error, String probableId) {

    /** Whether this is still what the file holds, given its size and time now. */
    boolean current(BasicFileAttributes now) {
      return now.lastModifiedTime().equals(modified) && now.size() == size
          && readAtMillis - modified.toMillis() > RACY_MILLIS;
    }
  }

  /** The last scan and the files it was made of, so an unchanged folder gives it again. */
  private record Scan(List<Loaded> loaded, PxMenu menu, Snapshot snapshot) {
  }

  /** Makes the database of a folder; {@link PxFolderCache#of} shares one per folder. */
  PxDatabase(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** Returns how many headers this database has parsed (each file once while unchanged). */
  long headersRead() {
    return headersRead.get();
  }

  /** Returns how many times the folder was walked. */
  long scans() {
    return scans.get();
  }

  /** Returns the bytes of the headers whose summaries and parsed headers this database keeps. */
  long headerBytes() {
    long bytes = 0;
    for (Loaded l : files.values()) {
      bytes += l.headerBytes();
    }
    synchronized (layouts) {
      return bytes + layoutBytes;
    }
  }

  /**
   * Walks the folder and returns what it holds now: the last scan's snapshot when every file
   * and the menu are as they were then.
   *
   * @param shown the folder as the connection's user sees it (a password hidden), for messages
   * @throws SQLException 54000 when the folder holds more than {@value #MAX_FILES} PX files;
   *     HYT00 or 57014 when the thread's budget runs out or is cancelled
   */
  Snapshot scan(String shown) throws IOException, SQLException {
    scans.incrementAndGet();
    List<Path> found = walk(shown);
    // A set: a list's contains() made this quadratic (100,000 files took minutes).
    files.keySet().retainAll(new HashSet<>(found));

    String doing = "reading the headers of the " + found.size() + " PX files in " + shown;
    List<Loaded> loaded = new ArrayList<>(found.size());
    for (Path p : found) {
      CallBudget.checkCurrent(doing);
      loaded.add(load(p));
    }
    PxMenu menuNow = menu();
    Scan previous = last;
    if (previous != null && previous.menu() == menuNow && same(previous.loaded(), loaded)) {
      return previous.snapshot();
    }
    Snapshot s = snapshot(found, loaded, menuNow);
    last = new Scan(loaded, menuNow, s);
    return s;
  }

  /** Whether two scans read the very same files (the same reads, not equal ones). */
  private static boolean same(List<Loaded> a, List<Loaded> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) != b.get(i)) {
        return false;
      }
    }
    return true;
  }

  /** Makes a snapshot of the files found, each with its summary or failure, and the menu. */
  private Snapshot snapshot(List<Path> found, List<Loaded> loaded, PxMenu menuNow) {
    List<Table> read = new ArrayList<>();
    List<Broken> broken = new ArrayList<>();
    Map<String, Integer> languageCounts = new LinkedHashMap<>();
    for (int i = 0; i < found.size(); i++) {
      Path p = found.get(i);
      Loaded l = loaded.get(i);
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
    return new Snapshot(List.copyOf(tables), List.copyOf(broken), menuNow,
        List.copyOf(languages), defaultLanguage, List.copyOf(problems));
  }

  /** Returns the PX files below the root in path order, at most {@value #MAX_FILES}. */
  private List<Path> walk(String shown) throws IOException, SQLException {
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

  /**
   * Returns a table as its file is now: the file is checked again, so a file changed since the
   * listing is read anew.
   *
   * @param listed the connection's last scan
   * @param shown the folder as the connection's user sees it, for messages
   * @return the table, or null when no file holds the table any more
   * @throws PxFormatException when the file's header is now unusable
   */
  Table table(Snapshot listed, String id, String shown)
      throws IOException, PxFormatException, SQLException {
    Snapshot s = listed;
    Table t = s.table(id);
    if (t == null) {
      s = scan(shown);
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
      return rescanFor(id, shown);
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
      return rescanFor(id, shown);
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
    long now = System.currentTimeMillis();
    BasicFileAttributes a = Files.readAttributes(t.path(), BasicFileAttributes.class);
    synchronized (layouts) {
      Loaded cached = layouts.get(t.path());
      if (cached != null && cached.current(a)) {
        return (PxTableLayout) cached.content();
      }
    }
    return parse(t.path(), a, now);
  }

  private Table rescanFor(String id, String shown)
      throws IOException, PxFormatException, SQLException {
    Snapshot s = scan(shown);
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

  /**
   * Returns a file's summary or failure: kept while the file is the same, else read; when
   * another thread is reading the same file, its read.
   */
  private Loaded load(Path p) {
    long now = System.currentTimeMillis();
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(p, BasicFileAttributes.class);
    } catch (IOException e) {
      return new Loaded(null, -1, now, 0, null, e, stem(p));
    }
    Loaded cached = files.get(p);
    if (cached != null && cached.current(a)) {
      return cached;
    }
    FutureTask<Loaded> mine = new FutureTask<>(() -> read(p, a, now));
    FutureTask<Loaded> other = reading.putIfAbsent(p, mine);
    if (other != null) {
      Loaded theirs = await(other);
      // Theirs may be of another version of the file, read before or after this one's time.
      return theirs != null && theirs.modified().equals(a.lastModifiedTime())
          && theirs.size() == a.size() ? theirs : read(p, a, now);
    }
    try {
      cached = files.get(p);
      if (cached != null && cached.current(a)) {
        return cached;
      }
      mine.run();
      Loaded l = await(mine);
      return l != null ? l : read(p, a, now);
    } finally {
      reading.remove(p, mine);
    }
  }

  /** Returns a read's result, or null when this thread was interrupted while waiting. */
  private static Loaded await(FutureTask<Loaded> task) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  /** Reads a file's header into its summary or failure, and keeps that for the file. */
  private Loaded read(Path p, BasicFileAttributes a, long now) {
    Loaded l;
    try {
      PxTableLayout layout = parse(p, a, now);
      l = new Loaded(a.lastModifiedTime(), a.size(), now, layout.file().dataOffset(),
          Summary.of(layout, relative(p)), null, layout.id());
    } catch (PxFormatException e) {
      LOG.warn("Skipping PX file {}, line {}: {}", relative(p), e.line(), e.detail());
      l = new Loaded(a.lastModifiedTime(), a.size(), now, 0, null, e, probableId(p));
    } catch (IOException e) {
      LOG.warn("Skipping PX file {}: {}", relative(p), Redaction.redact(e.toString()));
      l = new Loaded(a.lastModifiedTime(), a.size(), now, 0, null, e, probableId(p));
    }
    files.put(p, l);
    return l;
  }

  /** Reads a file's header and keeps it among the last used. */
  private PxTableLayout parse(Path p, BasicFileAttributes a, long now)
      throws IOException, PxFormatException {
    PxTableLayout layout;
    headersRead.incrementAndGet();
    try {
      layout = PxMetadataMapper.layout(PxTableFile.read(p));
    } catch (PxFormatException e) {
      throw e.in(relative(p));
    }
    long bytes = layout.file().dataOffset();
    synchronized (layouts) {
      Loaded old = layouts.put(p, new Loaded(a.lastModifiedTime(), a.size(), now, bytes, layout,
          null, layout.id()));
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
      long now = System.currentTimeMillis();
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      Loaded cached = menu;
      if (cached != null && cached.current(a)) {
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
      menu = new Loaded(a.lastModifiedTime(), a.size(), now, 0, m, null, null);
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
