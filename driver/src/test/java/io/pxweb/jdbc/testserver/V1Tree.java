package io.pxweb.jdbc.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The navigation tree a {@link V1TestServer} serves: one database whose folders are the
 * {@code paths} of the catalog's tables, with each table under the last folder of its first
 * path, named by its id (plus a suffix such as {@code .px}, as Statistics Finland names them).
 */
final class V1Tree {

  /** A folder: sub-folders and tables by path segment, in insertion order. */
  static final class Folder {
    final String id;
    final String text;
    final Map<String, Folder> folders = new LinkedHashMap<>();
    final Map<String, TestTable> tables = new LinkedHashMap<>();

    Folder(String id, String text) {
      this.id = id;
      this.text = text;
    }
  }

  final String database;
  final Folder root;

  V1Tree(String database, String databaseText, TestCatalog catalog, String tableSuffix,
      List<Mount> extra) {
    this.database = database;
    this.root = new Folder(database, databaseText);
    for (TestTable t : catalog.tables()) {
      List<String[]> folders = new ArrayList<>();
      JsonNode path = t.entryView().path("paths").path(0);
      for (JsonNode f : path) {
        folders.add(new String[] {f.path("id").asText(), f.path("label").asText()});
      }
      if (folders.isEmpty()) {
        folders.add(new String[] {"other", "Other"});
      }
      place(folders, t.id() + tableSuffix, t);
    }
    for (Mount m : extra) {
      List<String[]> folders = new ArrayList<>();
      for (String segment : m.folders()) {
        folders.add(new String[] {segment, segment});
      }
      place(folders, m.name(), catalog.table(m.tableId()));
    }
  }

  private void place(List<String[]> folders, String name, TestTable table) {
    Folder f = root;
    for (String[] s : folders) {
      f = f.folders.computeIfAbsent(s[0], k -> new Folder(s[0], s[1]));
    }
    f.tables.put(name, table);
  }

  /**
   * A table served a second time at another place under another (or the same) file name.
   *
   * @param folders the folder ids below the database
   * @param name the table's file name there
   * @param tableId the catalog table served
   */
  record Mount(List<String> folders, String name, String tableId) {
  }
}
