package io.pxweb.jdbc.adapter.meta;

import io.pxweb.jdbc.adapter.FixedColumn;
import io.pxweb.jdbc.model.Note;
import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.model.Variable;
import io.pxweb.jdbc.adapter.PxWebCatalog;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code meta.notes}: footnotes of tables (variable_code NULL), variables (value_code NULL)
 * and single values. SSB tables explain their status symbols here.
 */
final class NotesTable extends PerTableCatalogTable {
  NotesTable(PxWebCatalog catalog) {
    super(catalog, "Footnotes of tables, variables and values; mandatory = must be read",
        List.of(
            new FixedColumn("table_id", SqlTypeName.VARCHAR, false),
            new FixedColumn("variable_code", SqlTypeName.VARCHAR, true),
            new FixedColumn("value_code", SqlTypeName.VARCHAR, true),
            new FixedColumn("text", SqlTypeName.VARCHAR, false),
            new FixedColumn("mandatory", SqlTypeName.BOOLEAN, false)));
  }

  @Override void rows(TableMetadata metadata, List<Object[]> out) {
    for (int i = 0; i < metadata.notes().size(); i++) {
      out.add(new Object[] {metadata.id(), null, null, metadata.notes().get(i),
          metadata.mandatoryNotes().contains(i)});
    }
    for (Variable v : metadata.variables()) {
      for (Note n : v.details().notes()) {
        out.add(new Object[] {metadata.id(), v.code(), null, n.text(), n.mandatory()});
      }
      for (Map.Entry<String, List<Note>> e : v.details().valueNotes().entrySet()) {
        for (Note n : e.getValue()) {
          out.add(new Object[] {metadata.id(), v.code(), e.getKey(), n.text(), n.mandatory()});
        }
      }
    }
  }
}
