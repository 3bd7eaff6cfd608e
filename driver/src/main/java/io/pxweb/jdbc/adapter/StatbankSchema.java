package io.pxweb.jdbc.adapter;

import io.pxweb.jdbc.model.TableEntry;
import io.pxweb.jdbc.source.StatbankSource;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.calcite.linq4j.function.Predicate1;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;

/**
 * Schema of statbank tables: {@code statbank} holds every table, each subject schema
 * ({@code be}, {@code pp}, ...) the tables whose paths start in that subject folder.
 *
 * <p>Tables are named by their id exactly as the server gives it; Calcite matches names
 * case-insensitively on this driver's connections. Nothing is read when the schemas are made:
 * a subject schema reads its subject's tables when they are listed or one is named (for a
 * source that lists by folder, that subject's folders only), {@code statbank} finds a named
 * table by itself ({@link PxWebCatalog#table}) and reads the whole list only when it is listed.
 * The root schema keeps no name cache, so every name a statement uses reaches these lookups.
 */
public final class StatbankSchema extends AbstractSchema {
  /** Name of the schema that holds every table; the connection's default schema. */
  public static final String ALL = "statbank";

  /** Schema names the driver uses itself: statbank, meta (catalog) and klass. */
  private static final Set<String> RESERVED = Set.of(ALL, "meta", "klass");

  private final PxWebCatalog catalog;
  /** The subject folder's id, or null for {@code statbank}. */
  private final String subject;
  /** The tables of a catalog by id, shared by its schemas: one object per table. */
  private final Map<String, PxWebTable> made;
  private final Map<String, PxWebTable> codelistTables =
      new ConcurrentHashMap<>();
  private final String label;
  private final TableLookup lookup = new TableLookup();
  /** Whether a name is a schema's beside this one (see {@link #find}). */
  private final Predicate<String> schemaName;

  /** Schemas inside this one: a mounted statbank's subjects and {@code meta}; else none. */
  private final Map<String, Schema> nested;

  private StatbankSchema(PxWebCatalog catalog, String subject, String label,
      Map<String, PxWebTable> made, Predicate<String> schemaName) {
    this(catalog, subject, label, made, schemaName, Map.of());
  }

  private StatbankSchema(PxWebCatalog catalog, String subject, String label,
      Map<String, PxWebTable> made, Predicate<String> schemaName,
      Map<String, Schema> nested) {
    this.catalog = catalog;
    this.subject = subject;
    this.label = label;
    this.made = made;
    this.schemaName = schemaName;
    this.nested = nested;
  }

  /**
   * Returns this schema with schemas inside it: a statbank mounted as {@code scb} holds its
   * subjects and its {@code meta} ({@code scb.BE."X"}, {@code scb.meta.tables}).
   */
  public StatbankSchema nesting(Map<String, ? extends Schema> schemas) {
    return new StatbankSchema(catalog, subject, label, made, schemaName,
        Collections.unmodifiableMap(new LinkedHashMap<>(schemas)));
  }

  @Override protected Map<String, Schema> getSubSchemaMap() {
    return nested;
  }

  /**
   * Creates the schemas of a catalog: {@code statbank} first, then one per subject, by name.
   * Costs no request.
   *
   * @param schemaName whether a name is a schema of the connection (asked when statements
   *     run: the schemas made here, {@code meta}, mounts...)
   */
  public static Map<String, StatbankSchema> create(PxWebCatalog catalog,
      Predicate<String> schemaName) {
    Map<String, PxWebTable> made = new ConcurrentHashMap<>();
    Map<String, StatbankSchema> schemas = new LinkedHashMap<>();
    schemas.put(ALL, new StatbankSchema(catalog, null, "All tables", made, schemaName));
    for (TableEntry.Folder subject : catalog.subjects()) {
      if (RESERVED.contains(subject.id().toLowerCase(Locale.ROOT))) {
        // A subject may not hide the driver's own schemas.
        continue;
      }
      schemas.putIfAbsent(subject.id(),
          new StatbankSchema(catalog, subject.id(), subject.label(), made, schemaName));
    }
    return schemas;
  }

  /** Returns the subject folder's label (for REMARKS), or a description of the schema. */
  public String label() {
    return label;
  }

  /** Returns the table object of an entry, the same for every schema of the catalog. */
  private PxWebTable table(TableEntry entry) {
    return made.computeIfAbsent(entry.id(), k -> new PxWebTable(catalog, entry));
  }

  /** Returns the tables listed: the subject's, or every table (which may read every folder). */
  private List<TableEntry> listed() {
    try {
      return subject == null ? catalog.tables() : catalog.tables(subject);
    } catch (SQLException e) {
      throw new PxWebQueryException(e);
    }
  }

  /**
   * Returns the table of a name, matched exactly or ignoring case; null when none.
   *
   * <p>Calcite resolves {@code meta.tables} and {@code be."X"} in the default schema first, so
   * {@code statbank} is asked for tables named like the connection's schemas; such a name is
   * looked for only in what was read already, not searched for at the server.
   */
  private PxWebTable find(String name, boolean caseSensitive) {
    TableEntry entry;
    try {
      entry = subject != null ? StatbankSource.named(catalog.tables(subject), name)
          : schemaName.test(name) ? catalog.known(name) : catalog.table(name);
    } catch (SQLException e) {
      throw new PxWebQueryException(e);
    }
    if (entry == null || caseSensitive && !entry.id().equals(name)) {
      return null;
    }
    return table(entry);
  }

  @Override protected Map<String, Table> getTableMap() {
    Map<String, Table> map = new LinkedHashMap<>();
    for (TableEntry e : listed()) {
      map.putIfAbsent(e.id(), table(e));
    }
    return Collections.unmodifiableMap(map);
  }

  /**
   * Looks tables up by name: the tables of the schema, found without listing them all, and
   * codelist tables ({@code <id>@<codelist>[@...]}) of those tables, which are too many to list
   * (one per table and codelist) and are made when first named.
   */
  @Override public Lookup<Table> tables() {
    return lookup;
  }

  private final class TableLookup implements Lookup<Table> {
    @Override public Table get(String name) {
      Table table = name.indexOf('@') > 0 ? null : find(name, true);
      return table != null ? table : withCodelists(name, true);
    }

    @Override public Named<Table> getIgnoreCase(String name) {
      PxWebTable listed = name.indexOf('@') > 0 ? null : find(name, false);
      if (listed != null) {
        return new Named<>(listed.entry().id(), listed);
      }
      PxWebTable table = withCodelists(name, false);
      return table == null ? null : new Named<>(table.name(), table);
    }

    @Override public Set<String> getNames(LikePattern pattern) {
      String literal = NamePatterns.literal(pattern);
      if (literal != null) {
        // getTables(.., "BefolkningNy", ..): found as a query finds it, without a listing.
        PxWebTable t = literal.indexOf('@') > 0 ? null : find(literal, true);
        return t == null ? Set.of() : Set.of(t.entry().id());
      }
      Predicate1<String> matches = NamePatterns.matcher(pattern);
      Set<String> names = new LinkedHashSet<>();
      for (TableEntry e : listed()) {
        if (matches.apply(e.id())) {
          names.add(e.id());
        }
      }
      return names;
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
    PxWebTable b = find(name.substring(0, at), caseSensitive);
    if (b == null) {
      return null;
    }
    return codelistTables.computeIfAbsent(b.entry().id() + name.substring(at),
        k -> new PxWebTable(b.catalog(), b.entry(),
            Arrays.asList(name.substring(at + 1).split("@"))));
  }
}
