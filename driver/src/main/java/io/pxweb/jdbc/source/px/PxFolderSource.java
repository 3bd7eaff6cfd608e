package io.pxweb.jdbc.source.px;

import io.pxweb.jdbc.model.CallBudget;
import io.pxweb.jdbc.model.CodeIndex;
import io.pxweb.jdbc.model.Cube;
import io.pxweb.jdbc.model.DataRequest;
import io.pxweb.jdbc.model.Redaction;
import io.pxweb.jdbc.model.Selection;
import io.pxweb.jdbc.model.SourceDescription;
import io.pxweb.jdbc.model.SourceProblem;
import io.pxweb.jdbc.model.TableEntry;
import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.source.StatbankSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/**
 * Statbank source over a folder of PX files, answering in the terms a PxWebApi 2.0 server uses
 * for the same files, so the same SQL gives the same rows over a folder and over a server.
 *
 * <p>Sub-folders (or a {@code Menu.xml}/{@code Menu2.xml} in the root) give the subject paths;
 * {@link #config()} offers every language some file has, the most common LANGUAGE being the
 * default; a request in a language a file lacks gets the file's own language. Data is streamed
 * from the file for every request and only the selected cells are kept.
 *
 * <p>Errors: a missing folder is 08001; an unknown table 42S02; a selection naming a variable or
 * value the table lacks 42S22/22023; a file whose header or DATA is malformed 08P01, with the file
 * (relative to the folder) and the line in the message, like a malformed server response; a file
 * that cannot be read 58030; a cancelled read 57014; a folder of more than
 * {@value PxDatabase#MAX_FILES} PX files or a header beyond {@link PxTableFile}'s limits 54000;
 * the login or query timeout running out while headers are read HYT00.
 *
 * <p>The folder's headers are read into a {@link PxDatabase} that every connection of the JVM
 * to the same folder shares ({@link PxFolderCache}); what one connection holds of its own is
 * the scan it last made. One operation (connecting, or one statement) walks the folder once:
 * the configuration, the table list and the problems it asks for come from one scan.
 */
public final class PxFolderSource implements StatbankSource {
  /**
   * Cells one request may select. The planner splits larger selections; the limit keeps one
   * request's cube (8 bytes a cell) near 80 MB.
   */
  public static final int MAX_DATA_CELLS = 10_000_000;

  private final Path root;
  private final PxDatabase database;
  /** This connection's last scan and the operation that made it. */
  private volatile Scanned scanned;

  /** A scan and the budget of the operation (connect, statement) it was made in. */
  private record Scanned(PxDatabase.Snapshot snapshot, CallBudget budget) {
  }

  /**
   * Opens a folder of PX files; reads nothing yet.
   *
   * @throws SQLException with SQLState 08001 when the folder does not exist
   */
  public PxFolderSource(Path root) throws SQLException {
    Path absolute = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(absolute)) {
      // The path may hold a URL with a password: file:<dir>+http://u:pw@host is one folder.
      throw new SQLNonTransientConnectionException("No folder of PX files at "
          + Redaction.redact(absolute.toString())
          + (Files.exists(absolute) ? " (it is a file)" : " (it does not exist)"), "08001");
    }
    this.root = absolute;
    this.database = PxFolderCache.of(realPath(absolute));
  }

  /**
   * Returns the folder with symbolic links resolved, so that connections naming it by other
   * paths share its headers (and a linked folder is walked, not seen as one file).
   */
  private static Path realPath(Path folder) {
    try {
      return folder.toRealPath();
    } catch (IOException e) {
      // Gone or unreadable since it was checked: the scan reports it (08001).
      return folder;
    }
  }

  /** The folder's shared headers (tests look at what was read). */
  PxDatabase database() {
    return database;
  }

  /** Returns the folder as a {@code file:} URI without a trailing slash. */
  /**
   * The folder as a {@code file:} URI, without what looks like a password: a folder's path may
   * hold a URL ({@code file:<dir>+http://u:pw@host} is one folder, {@code .../dir+http:/u:pw@host}).
   */
  @Override public String location() {
    return Redaction.redact(uri());
  }

  private String uri() {
    String s = root.toUri().toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** The folder; a digest of its whole path where the location hides part of it. */
  @Override public String cacheScope() {
    String shown = location();
    if (shown.equals(uri())) {
      return shown;
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(uri().getBytes(StandardCharsets.UTF_8));
      return shown + " #" + HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  @Override public SourceDescription config() throws SQLException {
    PxDatabase.Snapshot s = scan();
    return new SourceDescription("PX files", s.languages(), s.defaultLanguage(), MAX_DATA_CELLS, 0, 0,
        List.of("px"));
  }

  /**
   * Returns every table of the folder, in path order: the good ones, then each file whose
   * header cannot be read, under the id a request for it would use (TABLEID or MATRIX as far as
   * they can be made out, else the file name), so that querying it tells why (08P01).
   * {@code pageSize} is not needed.
   */
  @Override public List<TableEntry> tables(String lang, int pageSize) throws SQLException {
    PxDatabase.Snapshot s = scan();
    List<TableEntry> out = new ArrayList<>(s.tables().size() + s.broken().size());
    for (PxDatabase.Table t : s.tables()) {
      String l = language(t, lang);
      List<List<TableEntry.Folder>> fromMenu = PxDatabase.menuPaths(s, t.relative(), l);
      out.add(fromMenu == null ? t.entry(l) : t.entry(l).withPaths(fromMenu));
    }
    for (PxDatabase.Broken b : s.broken()) {
      if (StatbankSource.named(out, b.probableId()) == null) {
        String why = b.error() instanceof PxFormatException e ? "line " + e.line() + ": "
            + e.detail() : b.error().toString();
        String what = b.error() instanceof PxFormatException e && e.tooLarge()
            ? "PX file " + b.relative() + " is too large to read, "
            : "Malformed PX file " + b.relative() + ", ";
        out.add(new TableEntry(b.probableId(), b.relative(), what + why, null, null, null,
            "Other", List.of(), database.paths(s, b, lang), null, false));
      }
    }
    return out;
  }

  /** Returns what could not be read in the folder, or was read by a lenient rule. */
  @Override public List<SourceProblem> problems() throws SQLException {
    return scan().problems();
  }

  @Override public TableMetadata metadata(String tableId, String lang) throws SQLException {
    PxDatabase.Table t = table(tableId);
    return PxMetadataMapper.metadata(layout(t), language(t, lang));
  }

  @Override public Cube data(DataRequest request, String lang, CallBudget budget)
      throws SQLException {
    PxDatabase.Table t = table(request.tableId());
    PxTableLayout layout = layout(t);
    int[][] selected = positions(t.id(), layout, request);
    try {
      // The reader looks at the cancel switch between blocks of cells.
      return new PxDataReader(layout, PxMetadataMapper.symbols(layout, language(t, lang)),
          () -> budget != null && budget.cancelled()).read(selected);
    } catch (PxFormatException e) {
      throw malformed(t.relative(), e);
    } catch (IOException e) {
      throw unreadable(t.relative(), e);
    } catch (CancellationException e) {
      throw new SQLException("Statement cancelled", "57014", e);
    }
  }

  /** Translates a request's codes to table positions, checking them as a server would. */
  private static int[][] positions(String id, PxTableLayout layout, DataRequest request)
      throws SQLException {
    List<PxTableLayout.Dim> dims = layout.variables();
    List<Selection> selections = request.selections();
    if (selections.size() != dims.size()) {
      throw new SQLException("The request for table " + id + " selects " + selections.size()
          + " variables; the table has " + dims.size(), "42S22");
    }
    int[][] out = new int[dims.size()][];
    for (int v = 0; v < dims.size(); v++) {
      PxTableLayout.Dim d = dims.get(v);
      Selection s = selections.get(v);
      if (!s.variable().equalsIgnoreCase(d.code())) {
        throw new SQLException("Non-existent variable '" + s.variable() + "' in table " + id
            + " (expected " + d.code() + " in position " + (v + 1) + ")", "42S22");
      }
      CodeIndex index = CodeIndex.of(d.codes());
      out[v] = new int[s.size()];
      for (int k = 0; k < s.size(); k++) {
        int p = index.indexOf(s.codes().get(k));
        if (p < 0) {
          throw new SQLException("Non-existent value '" + s.codes().get(k) + "' of variable "
              + d.code() + " in table " + id, "22023");
        }
        out[v][k] = p;
      }
    }
    return out;
  }

  /**
   * Returns the scan this operation made already (connecting asks for the configuration, the
   * table list and the problems), else scans the folder.
   */
  private PxDatabase.Snapshot scan() throws SQLException {
    CallBudget budget = CallBudget.current();
    Scanned last = scanned;
    if (budget != null && last != null && last.budget() == budget) {
      return last.snapshot();
    }
    try {
      PxDatabase.Snapshot s = database.scan(location());
      scanned = new Scanned(s, budget);
      PxFolderCache.used(database);
      return s;
    } catch (IOException e) {
      throw new SQLNonTransientConnectionException("Cannot read the folder " + location() + ": "
          + Redaction.redact(e.toString()), "08001", e);
    }
  }

  private PxDatabase.Table table(String id) throws SQLException {
    PxDatabase.Table t;
    try {
      Scanned last = scanned;
      t = database.table(last != null ? last.snapshot() : scan(), id, location());
    } catch (PxFormatException e) {
      throw malformed(e.file() != null ? e.file() : id, e);
    } catch (IOException e) {
      throw unreadable(id, e);
    }
    if (t == null) {
      throw new SQLException("Non-existent table '" + id + "' in " + location(), "42S02");
    }
    return t;
  }

  /** Returns a table's parsed header, read again when it is not among the last used. */
  private PxTableLayout layout(PxDatabase.Table t) throws SQLException {
    try {
      return database.layout(t);
    } catch (PxFormatException e) {
      throw malformed(e.file() != null ? e.file() : t.relative(), e);
    } catch (IOException e) {
      throw unreadable(t.relative(), e);
    }
  }

  /** Returns the language to read a table in: the requested one if it has it, else its own. */
  private static String language(PxDatabase.Table t, String lang) {
    String l = lang == null ? null : lang.toLowerCase(Locale.ROOT);
    return l != null && t.languages().contains(l) ? l : t.languages().get(0);
  }

  private SQLException malformed(String file, PxFormatException e) {
    if (e.tooLarge()) {
      return new SQLException("PX file " + file + " is too large to read, line " + e.line()
          + ": " + e.detail() + " (in " + location() + "; docs/px-files.md, Limits)", "54000", e);
    }
    return new SQLNonTransientConnectionException("Malformed PX file " + file + ", line "
        + e.line() + ": " + e.detail() + " (in " + location() + ")", "08P01", e);
  }

  private SQLException unreadable(String file, IOException e) {
    return new SQLException("Cannot read PX file " + file + ": " + Redaction.redact(e.toString())
        + " (in " + location() + ")", "58030", e);
  }

  @Override public String toString() {
    return "PxFolderSource[" + location() + "]";
  }
}
