package io.pxweb.server.sql;

import io.pxweb.server.catalog.PgType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Catalog queries about features statbanks lack (policies, extended statistics, publications,
 * triggers...) read system tables that are always empty, and use PostgreSQL syntax Calcite cannot
 * type (arrays of "char", regnamespace). When such a query fails to plan and its first table is
 * one of the empty ones, its answer is known: no rows. Columns are named from the select list.
 */
final class EmptyAnswer {
  private static final Pattern FIRST_FROM = Pattern.compile(
      "(?is)\\bFROM\\s+(?:pg_catalog\\s*\\.\\s*)?(\\w+)");

  private EmptyAnswer() {
  }

  /** The empty result for this query, or null when its answer is not known to be empty. */
  static Rows forQuery(String sql, io.pxweb.server.catalog.PgCatalogSchema pg) {
    String upper = sql.toUpperCase(Locale.ROOT);
    if (!SqlText.firstWord(sql).equals("SELECT") || upper.contains(" UNION ")
        || upper.matches("(?s).*\\b(COUNT|SUM|MAX|MIN|AVG)\\s*\\(.*")) {
      return null;
    }
    int from = topLevelFrom(sql);
    if (from < 0) {
      return null;
    }
    Matcher m = FIRST_FROM.matcher(sql);
    if (!m.find(from) || m.start() != from
        || !pg.isEmptyTable(m.group(1))) {
      return null;
    }
    return noRows(sql, from);
  }

  private static final Pattern FOREIGN_KEYS = Pattern.compile(
      "(?is).*\\bpg_constraint\\b.*\\bcontype\"?\\s*=\\s*'f'.*");

  /**
   * A query that keeps only foreign-key constraints ({@code contype = 'f'}, Metabase's
   * describe-fks) has no rows: statbanks declare none. Answered before planning, as its
   * joins of pg_attribute twice would be planned as a large cross product.
   */
  static Rows forForeignKeys(String sql) {
    String upper = sql.toUpperCase(Locale.ROOT);
    if (!SqlText.firstWord(sql).equals("SELECT") || upper.contains(" UNION ")
        || upper.contains(" OR ") || !FOREIGN_KEYS.matcher(sql).matches()) {
      return null;
    }
    int from = topLevelFrom(sql);
    return from < 0 ? null : noRows(sql, from);
  }

  private static Rows noRows(String sql, int from) {
    List<Rows.Column> columns = new ArrayList<>();
    for (String item : topLevelItems(sql.substring(SqlText.firstWordEnd(sql), from))) {
      Matcher alias = Pattern.compile("(?is).*\\bAS\\s+\"?([\\w-]+)\"?\\s*$").matcher(item);
      String name = alias.matches() ? alias.group(1)
          : item.trim().replaceAll("(?s).*\\.", "").replaceAll("\\W", "");
      columns.add(new Rows.Column(name.isEmpty() ? "?column?" : name, PgType.TEXT, -1));
    }
    return new Rows.Listed(columns, List.of());
  }

  /** Index of the FROM keyword at nesting depth 0, or -1. */
  private static int topLevelFrom(String sql) {
    int depth = 0;
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (depth == 0 && sql.regionMatches(true, i, "FROM", 0, 4)
          && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))
          && (i + 4 >= sql.length() || !Character.isLetterOrDigit(sql.charAt(i + 4)))) {
        return i;
      }
      i = SqlText.skip(sql, i);
    }
    return -1;
  }

  private static List<String> topLevelItems(String list) {
    List<String> items = new ArrayList<>();
    int depth = 0;
    int start = 0;
    int i = 0;
    while (i < list.length()) {
      char c = list.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        items.add(list.substring(start, i));
        start = i + 1;
      }
      i = SqlText.skip(list, i);
    }
    items.add(list.substring(start));
    return items;
  }
}
