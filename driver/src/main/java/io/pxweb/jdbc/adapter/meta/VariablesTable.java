package io.pxweb.jdbc.adapter.meta;

import io.pxweb.jdbc.adapter.FixedColumn;
import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.model.Variable;
import io.pxweb.jdbc.adapter.PxWebCatalog;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.type.SqlTypeName;

/** {@code meta.variables}: one row per variable of each table. */
final class VariablesTable extends PerTableCatalogTable {
  VariablesTable(PxWebCatalog catalog) {
    super(catalog, "Variables of each table: code, label, role, elimination, Klass links",
        List.of(
            new FixedColumn("table_id", SqlTypeName.VARCHAR, false),
            new FixedColumn("position", SqlTypeName.INTEGER, false),
            new FixedColumn("variable_code", SqlTypeName.VARCHAR, false),
            new FixedColumn("label", SqlTypeName.VARCHAR, true),
            new FixedColumn("role", SqlTypeName.VARCHAR, false),
            new FixedColumn("elimination", SqlTypeName.BOOLEAN, false),
            new FixedColumn("elimination_value", SqlTypeName.VARCHAR, true),
            new FixedColumn("value_count", SqlTypeName.INTEGER, false),
            new FixedColumn("klass_ids", SqlTypeName.VARCHAR, true)));
  }

  @Override void rows(TableMetadata metadata, List<Object[]> out) {
    int position = 1;
    for (Variable v : metadata.variables()) {
      List<String> klass = v.details().klassIds();
      out.add(new Object[] {metadata.id(), position++, v.code(), v.label(),
          v.role().name().toLowerCase(Locale.ROOT), v.elimination(), v.eliminationValueCode(),
          v.size(), klass.isEmpty() ? null : String.join(",", klass)});
    }
  }
}
