package io.pxweb.jdbc.adapter.meta;

import io.pxweb.jdbc.adapter.PxWebCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** The {@code meta} schema of a connection. */
public final class CatalogSchema extends AbstractSchema {
  /** The schema's name. */
  public static final String NAME = "meta";

  private final Map<String, Table> tables = new LinkedHashMap<>();

  public CatalogSchema(PxWebCatalog catalog) {
    tables.put("tables", new TablesTable(catalog));
    tables.put("variables", new VariablesTable(catalog));
    tables.put("values", new ValuesTable(catalog));
    tables.put("codelists", new CodelistsTable(catalog));
    tables.put("notes", new NotesTable(catalog));
    tables.put("problems", new ProblemsTable(catalog));
    tables.put("source_references", new SourceReferencesTable(catalog));
  }

  @Override protected Map<String, Table> getTableMap() {
    return tables;
  }

  /** Returns the description of a {@code meta} table, for REMARKS, or null. */
  public static String remarks(Table table) {
    return table instanceof CatalogTable t ? t.remarks() : null;
  }
}
