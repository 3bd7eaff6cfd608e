package io.pxweb.jdbc.planning;

import io.pxweb.jdbc.adapter.ColumnLayout;
import io.pxweb.jdbc.adapter.PxWebQueryException;
import io.pxweb.jdbc.adapter.PxWebTable;
import io.pxweb.jdbc.adapter.meta.CatalogSchema;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.jdbc.CalciteMetaColumnFactory;
import org.apache.calcite.jdbc.CalciteMetaImpl;
import org.apache.calcite.jdbc.CalciteMetaTableFactory;
import org.apache.calcite.schema.Table;

/**
 * Factories of the rows of {@code DatabaseMetaData.getTables} and {@code getColumns}, so that
 * tools see REMARKS (table labels, variable and content labels with units) and plain TYPE_NAMEs.
 */
public final class PxWebMetaFactories {
  private PxWebMetaFactories() {
  }

  /** Row of {@code getTables}, with the table's label as REMARKS. */
  public static final class MetaTable extends CalciteMetaImpl.CalciteMetaTable {
    // Shadows the always-null field of Avatica's MetaTable: result sets are built from fields.
    public final String remarks;

    MetaTable(Table table, String catalog, String schema, String name) {
      super(table, catalog, schema, name);
      this.remarks = table instanceof PxWebTable t ? t.entry().label()
          : CatalogSchema.remarks(table);
    }
  }

  /** Row of {@code getColumns}, with the column's description as REMARKS. */
  public static final class MetaColumn extends MetaImpl.MetaColumn {
    public final String remarks;
    public final String typeName;

    MetaColumn(String tableCat, String tableSchem, String tableName, String columnName,
        int dataType, String typeName, Integer columnSize, Integer decimalDigits,
        Integer numPrecRadix, int nullable, Integer charOctetLength, int ordinalPosition,
        String isNullable, String remarks) {
      super(tableCat, tableSchem, tableName, columnName, dataType, typeName, columnSize,
          decimalDigits, numPrecRadix, nullable, charOctetLength, ordinalPosition, isNullable);
      this.remarks = remarks;
      // Calcite reports e.g. "VARCHAR NOT NULL"; tools expect the bare type name.
      int space = typeName == null ? -1 : typeName.indexOf(' ');
      int paren = typeName == null ? -1 : typeName.indexOf('(');
      int cut = space < 0 ? paren : paren < 0 ? space : Math.min(space, paren);
      this.typeName = cut < 0 ? typeName : typeName.substring(0, cut);
    }
  }

  /** Factory of {@link MetaTable} rows; Calcite instantiates it by class name. */
  public static final class Tables implements CalciteMetaTableFactory {
    public static final Tables INSTANCE = new Tables();

    public Tables() {
    }

    @Override public MetaImpl.MetaTable createTable(Table table, String catalog, String schema,
        String name) {
      return new MetaTable(table, catalog, schema, name);
    }

    @Override public Class<? extends MetaImpl.MetaTable> getMetaTableClass() {
      return MetaTable.class;
    }
  }

  /** Factory of {@link MetaColumn} rows; Calcite instantiates it by class name. */
  public static final class Columns implements CalciteMetaColumnFactory {
    public static final Columns INSTANCE = new Columns();

    public Columns() {
    }

    @Override public MetaImpl.MetaColumn createColumn(Table table, String tableCat,
        String tableSchem, String tableName, String columnName, int dataType, String typeName,
        Integer columnSize, Integer decimalDigits, int numPrecRadix, int nullable,
        Integer charOctetLength, int ordinalPosition, String isNullable) {
      String remarks = null;
      if (table instanceof PxWebTable t) {
        try {
          remarks = t.layout().column(ordinalPosition - 1).remarks();
        } catch (PxWebQueryException | IndexOutOfBoundsException e) {
          remarks = null;
        }
      }
      return new MetaColumn(tableCat, tableSchem, tableName, columnName, dataType, typeName,
          columnSize, decimalDigits, numPrecRadix, nullable, charOctetLength, ordinalPosition,
          isNullable, remarks);
    }

    @Override public Class<? extends MetaImpl.MetaColumn> getMetaColumnClass() {
      return MetaColumn.class;
    }
  }
}
