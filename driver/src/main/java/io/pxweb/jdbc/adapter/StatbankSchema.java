package io.pxweb.jdbc.adapter;

import io.pxweb.jdbc.model.TableEntry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.SchemaPlus;

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

  private StatbankSchema(Map<String, Table> tables, String label) {
    this.tables = Collections.unmodifiableMap(tables);
    this.label = label;
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
   * Registers a codelist table ({@code <id>@<codelist>[@...]}) in every schema that holds its
   * base table, so statements can name it; returns false when the name is no such table.
   *
   * <p>Calcite resolves names against a snapshot of the listed names, and codelist tables are
   * too many to list (one per table and codelist); they are added when first named.
   */
  public static boolean registerCodelistTable(SchemaPlus root, String name) {
    boolean added = false;
    for (String schemaName : root.getSubSchemaNames()) {
      SchemaPlus plus = root.getSubSchema(schemaName);
      StatbankSchema s;
      try {
        s = plus == null ? null : plus.unwrap(StatbankSchema.class);
      } catch (ClassCastException | NullPointerException notStatbank) {
        // meta, klass and attached databases hold no statbank tables.
        continue;
      }
      if (s != null) {
        PxWebTable table = s.withCodelists(name, true);
        if (table != null) {
          plus.add(table.name(), table);
          added = true;
        }
      }
    }
    return added;
  }

  private PxWebTable withCodelists(String name, boolean ignoreCase) {
    int at = name.indexOf('@');
    if (at <= 0) {
      return null;
    }
    String id = name.substring(0, at);
    PxWebTable base = null;
    for (Map.Entry<String, Table> e : tables.entrySet()) {
      if (ignoreCase ? e.getKey().equalsIgnoreCase(id) : e.getKey().equals(id)) {
        base = (PxWebTable) e.getValue();
      }
    }
    if (base == null) {
      return null;
    }
    PxWebTable b = base;
    // Codelist ids are case-sensitive at the servers: they are kept as written.
    return codelistTables.computeIfAbsent(b.entry().id() + name.substring(at),
        k -> new PxWebTable(b.catalog(), b.entry(),
            java.util.Arrays.asList(name.substring(at + 1).split("@"))));
  }
}
