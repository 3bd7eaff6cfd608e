package io.pxweb.jdbc.adapter;

import io.pxweb.jdbc.model.TableEntry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.calcite.linq4j.function.Predicate1;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;
import org.apache.calcite.util.NameMap;

/**
 * Schema of statbank tables: {@code statbank} holds every table, each subject schema
 * ({@code be}, {@code pp}, ...) the tables whose paths start in that subject folder.
 *
 * <p>Tables are named by their id exactly as the server gives it; Calcite matches names
 * case-insensitively on this driver's connections. Listing tables costs no request.
 */
public final class StatbankSchema extends AbstractSchema {
  /** Name of the schema that holds every table; the connection's default schema. */
  public static final String ALL = "statbank";

  /** Schema names the driver uses itself: statbank, meta (catalog) and klass. */
  private static final java.util.Set<String> RESERVED = java.util.Set.of(ALL, "meta", "klass");

  private final Map<String, Table> tables;
  private final Map<String, PxWebTable> codelistTables =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final String label;
  private final TableLookup lookup;

  private StatbankSchema(Map<String, Table> tables, String label) {
    this.tables = Collections.unmodifiableMap(tables);
    this.label = label;
    this.lookup = new TableLookup();
  }

  /** Creates the schemas of a catalog: {@code statbank} first, then one per subject, by name. */
  public static Map<String, StatbankSchema> create(PxWebCatalog catalog) {
    Map<String, PxWebTable> all = new LinkedHashMap<>();
    for (TableEntry entry : catalog.tables()) {
      all.putIfAbsent(entry.id(), new PxWebTable(catalog, entry));
    }
    Map<String, StatbankSchema> schemas = new LinkedHashMap<>();
    schemas.put(ALL, new StatbankSchema(new LinkedHashMap<>(all), "All tables"));
    Map<String, String> subjectLabels = new LinkedHashMap<>();
    for (TableEntry entry : catalog.tables()) {
      for (List<TableEntry.Folder> path : entry.paths()) {
        if (!path.isEmpty()) {
          subjectLabels.putIfAbsent(path.get(0).id(), path.get(0).label());
        }
      }
    }
    for (Map.Entry<String, String> subject : subjectLabels.entrySet()) {
      if (RESERVED.contains(subject.getKey().toLowerCase(java.util.Locale.ROOT))) {
        // A subject may not hide the driver's own schemas.
        continue;
      }
      Predicate<TableEntry> inSubject = e -> e.paths().stream()
          .anyMatch(p -> !p.isEmpty() && p.get(0).id().equals(subject.getKey()));
      Map<String, Table> members = new LinkedHashMap<>();
      for (PxWebTable table : all.values()) {
        if (inSubject.test(table.entry())) {
          members.put(table.entry().id(), table);
        }
      }
      schemas.put(subject.getKey(), new StatbankSchema(members, subject.getValue()));
    }
    return schemas;
  }

  /** Returns the subject folder's label (for REMARKS), or a description of the schema. */
  public String label() {
    return label;
  }

  @Override protected Map<String, Table> getTableMap() {
    return tables;
  }

  /**
   * Looks tables up by name: the listed tables, and codelist tables
   * ({@code <id>@<codelist>[@...]}) of listed tables, which are too many to list (one per table
   * and codelist) and are made when first named.
   */
  @Override public Lookup<Table> tables() {
    return lookup;
  }

  private final class TableLookup implements Lookup<Table> {
    /** The listed tables by name, for case-insensitive matching. */
    private final NameMap<Table> names = NameMap.immutableCopyOf(tables);

    @Override public Table get(String name) {
      Table table = tables.get(name);
      return table != null ? table : withCodelists(name, true);
    }

    @Override public Named<Table> getIgnoreCase(String name) {
      Map.Entry<String, Table> listed = names.range(name, false).firstEntry();
      if (listed != null) {
        return new Named<>(listed.getKey(), listed.getValue());
      }
      PxWebTable table = withCodelists(name, false);
      return table == null ? null : new Named<>(table.name(), table);
    }

    @Override public Set<String> getNames(LikePattern pattern) {
      Predicate1<String> matches = NamePatterns.matcher(pattern);
      Set<String> listed = new LinkedHashSet<>();
      for (String name : tables.keySet()) {
        if (matches.apply(name)) {
          listed.add(name);
        }
      }
      return listed;
    }
  }

  /**
   * Returns the codelist table of a name, or null when the name is none: the base table's id
   * matched as the lookup asks, the codelist ids as written (they are case-sensitive at the
   * servers).
   */
  private PxWebTable withCodelists(String name, boolean caseSensitive) {
    int at = name.indexOf('@');
    if (at <= 0) {
      return null;
    }
    String id = name.substring(0, at);
    Map.Entry<String, Table> base = lookup.names.range(id, caseSensitive).firstEntry();
    if (base == null) {
      return null;
    }
    PxWebTable b = (PxWebTable) base.getValue();
    return codelistTables.computeIfAbsent(b.entry().id() + name.substring(at),
        k -> new PxWebTable(b.catalog(), b.entry(),
            java.util.Arrays.asList(name.substring(at + 1).split("@"))));
  }
}
