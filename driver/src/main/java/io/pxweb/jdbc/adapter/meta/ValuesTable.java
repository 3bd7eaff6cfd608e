package io.pxweb.jdbc.adapter.meta;

import io.pxweb.jdbc.adapter.FixedColumn;
import io.pxweb.jdbc.adapter.PxWebCatalog;
import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.model.Value;
import io.pxweb.jdbc.model.Variable;
import io.pxweb.jdbc.model.VariableRole;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;

/** {@code meta.values}: one row per value of each variable, in table order. */
final class ValuesTable extends PerTableCatalogTable {
  ValuesTable(PxWebCatalog catalog) {
    super(catalog, "Values of each variable in table order, with unit, decimals and shown decimals",
        List.of(
            new FixedColumn("table_id", SqlTypeName.VARCHAR, false),
            new FixedColumn("variable_code", SqlTypeName.VARCHAR, false),
            new FixedColumn("position", SqlTypeName.INTEGER, false),
            new FixedColumn("code", SqlTypeName.VARCHAR, false),
            new FixedColumn("label", SqlTypeName.VARCHAR, true),
            new FixedColumn("unit", SqlTypeName.VARCHAR, true),
            new FixedColumn("decimals", SqlTypeName.INTEGER, true),
            new FixedColumn("show_decimals", SqlTypeName.INTEGER, true)));
  }

  @Override void rows(TableMetadata metadata, List<Object[]> out) {
    for (Variable v : metadata.variables()) {
      int position = 1;
      for (Value value : v.values()) {
        boolean content = v.role() == VariableRole.CONTENT;
        out.add(new Object[] {metadata.id(), v.code(), position++, value.code(), value.label(),
            value.unit(), content ? value.decimals() : null,
            value.showDecimals() != null ? value.showDecimals()
                : content ? Integer.valueOf(value.decimals()) : null});
      }
    }
  }
}
