package io.pxweb.jdbc.adapter.meta;

import io.pxweb.jdbc.adapter.FixedColumn;
import io.pxweb.jdbc.model.Codelist;
import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.model.Variable;
import io.pxweb.jdbc.adapter.PxWebCatalog;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;

/** {@code meta.codelists}: the codelists (groupings, value sets) each variable offers. */
final class CodelistsTable extends PerTableCatalogTable {
  CodelistsTable(PxWebCatalog catalog) {
    super(catalog, "Codelists (agg_ groupings, vs_ value sets) of each variable",
        List.of(
            new FixedColumn("table_id", SqlTypeName.VARCHAR, false),
            new FixedColumn("variable_code", SqlTypeName.VARCHAR, false),
            new FixedColumn("codelist_id", SqlTypeName.VARCHAR, false),
            new FixedColumn("label", SqlTypeName.VARCHAR, true),
            new FixedColumn("type", SqlTypeName.VARCHAR, true),
            new FixedColumn("table_name", SqlTypeName.VARCHAR, false)));
  }

  @Override void rows(TableMetadata metadata, List<Object[]> out) {
    for (Variable v : metadata.variables()) {
      for (Codelist c : v.details().codelists()) {
        // The name to query the table through this codelist: statbank."07459@agg_KommSummer".
        out.add(new Object[] {metadata.id(), v.code(), c.id(), c.label(), c.type(),
            metadata.id() + "@" + c.id()});
      }
    }
  }
}
