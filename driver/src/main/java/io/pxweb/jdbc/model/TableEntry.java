package io.pxweb.jdbc.model;

import java.util.List;

/**
 * Table as the server's table list ({@code GET /tables}) describes it, without its variables.
 *
 * @param id table id exactly as the server gives it, e.g. "07459" or "TAB4193"
 * @param label title of the table
 * @param updated last update, ISO-8601 text as sent, or null
 * @param firstPeriod first time period label, or null
 * @param lastPeriod last time period label, or null
 * @param timeUnit Annual, Quarterly, Monthly, Weekly or Other; null when absent
 * @param variableNames labels of the variables
 * @param paths subject folders from the root, one list per place the table appears in
 * @param source producer, e.g. "Statistics Norway"
 * @param discontinued whether the server marks the table discontinued
 */
public record TableEntry(String id, String label, String description, String updated,
    String firstPeriod, String lastPeriod, String timeUnit, List<String> variableNames,
    List<List<Folder>> paths, String source, boolean discontinued) {

  public TableEntry {
    variableNames = List.copyOf(variableNames);
    paths = paths.stream().map(List::copyOf).toList();
  }

  /** Returns this entry with other folder paths. */
  public TableEntry withPaths(List<List<Folder>> otherPaths) {
    return new TableEntry(id, label, description, updated, firstPeriod, lastPeriod, timeUnit,
        variableNames, otherPaths, source, discontinued);
  }

  /** Subject folder on a table's path. */
  public record Folder(String id, String label) {
  }
}
