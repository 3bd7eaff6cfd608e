package io.pxweb.jdbc.adapter.meta;

import io.pxweb.jdbc.adapter.PxWebCatalog;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FilterableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/** Base of the {@code meta} tables: a fixed list of columns over one connection's catalog. */
abstract class CatalogTable extends AbstractTable implements FilterableTable {
  /** A column: name, SQL type, and whether it may be NULL. */
  record Column(String name, SqlTypeName type, boolean nullable) {
  }

  protected final PxWebCatalog catalog;
  private final List<Column> columns;
  private final String remarks;

  CatalogTable(PxWebCatalog catalog, String remarks, List<Column> columns) {
    this.catalog = catalog;
    this.remarks = remarks;
    this.columns = List.copyOf(columns);
  }

  /** Returns the description shown as REMARKS. */
  String remarks() {
    return remarks;
  }

  int column(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(name);
  }

  @Override public RelDataType getRowType(RelDataTypeFactory types) {
    RelDataTypeFactory.Builder b = types.builder();
    for (Column c : columns) {
      b.add(c.name(), c.type()).nullable(c.nullable());
    }
    return b.build();
  }
}
