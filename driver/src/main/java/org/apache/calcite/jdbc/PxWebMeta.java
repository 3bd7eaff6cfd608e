package org.apache.calcite.jdbc;

import io.pxweb.jdbc.adapter.ColumnLayout;
import io.pxweb.jdbc.adapter.PxWebTable;
import io.pxweb.jdbc.adapter.StatbankSchema;
import io.pxweb.jdbc.planning.PlanCache;
import io.pxweb.jdbc.planning.PxWebMetaFactories;
import java.lang.reflect.Field;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;

/**
 * JDBC metadata of pxweb-jdbc connections: Calcite's, plus the keys that tools draw.
 *
 * <p>{@code getCatalogs} is empty (names are schema and table). {@code getPrimaryKeys} gives a statbank table's dimension code columns (together they
 * identify a row of the cube); {@code getImportedKeys} links a dimension linked to a Klass
 * classification to {@code klass."<id>".code}. This class lives in Calcite's package because
 * {@link CalciteMetaImpl}'s constructor takes Calcite's package-private connection class.
 */
public final class PxWebMeta extends CalciteMetaImpl {
  private PxWebMeta(CalciteConnectionImpl connection) {
    super(connection, PxWebMetaFactories.Tables.INSTANCE, PxWebMetaFactories.Columns.INSTANCE);
  }

  /** Creates the metadata of a connection made by Calcite's driver. */
  public static Meta create(AvaticaConnection connection) {
    return new PxWebMeta((CalciteConnectionImpl) connection);
  }

  @Override public void closeConnection(ConnectionHandle ch) {
    PlanCache.close(getConnection().rootSchema);
    super.closeConnection(ch);
  }

  /**
   * No catalogs: a pxweb-jdbc connection's names are schema and table. Calcite's answer, one
   * catalog whose name is null, led LibreOffice Base (with the metadata saying catalogs may
   * qualify names) to read {@code statbank.TAB004} as catalog {@code statbank} and table
   * {@code TAB004}, and to find no columns and no key for it.
   */
  @Override public MetaResultSet getCatalogs(ConnectionHandle ch) {
    return rows(MetaImpl.MetaCatalog.class, List.of());
  }

  /** Row of {@code getPrimaryKeys}; fields in the JDBC column order. */
  public static final class PrimaryKeyRow {
    public final String tableCat;
    public final String tableSchem;
    public final String tableName;
    public final String columnName;
    public final short keySeq;
    public final String pkName;

    PrimaryKeyRow(String schema, String table, String column, short seq) {
      this.tableCat = null;
      this.tableSchem = schema;
      this.tableName = table;
      this.columnName = column;
      this.keySeq = seq;
      this.pkName = "pk_" + table;
    }
  }

  @Override public MetaResultSet getPrimaryKeys(ConnectionHandle ch, String catalog,
      String schema, String table) {
    List<Object> rows = new ArrayList<>();
    PxWebTable t = find(schema, table);
    if (t != null) {
      short seq = 1;
      for (ColumnLayout.Column c : t.layout().columns()) {
        if (c.kind() == ColumnLayout.Kind.CODE) {
          rows.add(new PrimaryKeyRow(schema, table, c.name(), seq++));
        }
      }
    }
    return rows(PrimaryKeyRow.class, rows);
  }

  @Override public MetaResultSet getImportedKeys(ConnectionHandle ch, String catalog,
      String schema, String table) {
    List<Object> rows = new ArrayList<>();
    PxWebTable t = find(schema, table);
    if (t != null) {
      for (ColumnLayout.Column c : t.layout().columns()) {
        if (c.kind() != ColumnLayout.Kind.CODE) {
          continue;
        }
        for (String klassId : t.layout().metadata().variables().get(c.variable()).details()
            .klassIds()) {
          rows.add(new MetaImpl.MetaImportedKey(null, "klass", klassId, "code", null, schema,
              table, c.name(), (short) 1, (short) DatabaseMetaData.importedKeyNoAction,
              (short) DatabaseMetaData.importedKeyNoAction,
              "fk_" + table + "_" + c.name() + "_klass_" + klassId, "pk_klass_" + klassId,
              (short) DatabaseMetaData.importedKeyNotDeferrable));
        }
      }
    }
    return rows(MetaImpl.MetaImportedKey.class, rows);
  }

  private MetaResultSet rows(Class<?> rowClass, List<Object> rows) {
    List<ColumnMetaData> columns = fieldMetaData(rowClass).columns;
    List<Field> fields = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (ColumnMetaData c : columns) {
      try {
        // JDBC's column names (TABLE_CAT) are the upper-case forms of the fields (tableCat).
        fields.add(rowClass.getField(camel(c.columnName)));
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException(e);
      }
      names.add(c.columnName);
    }
    return createResultSet(Map.of(), columns, CursorFactory.record(rowClass, fields, names),
        Frame.create(0, true, rows));
  }

  private static String camel(String upper) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char ch : upper.toCharArray()) {
      if (ch == '_') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(ch) : Character.toLowerCase(ch));
        up = false;
      }
    }
    return b.toString();
  }

  /** Finds a statbank table by schema and name, matching names ignoring case as queries do. */
  private PxWebTable find(String schemaName, String tableName) {
    if (tableName == null) {
      return null;
    }
    SchemaPlus root = getConnection().getRootSchema();
    // Without a schema, statbank (every table) first: it finds a table without reading the
    // subjects one by one.
    List<String> names = new ArrayList<>(List.of(StatbankSchema.ALL));
    names.addAll(root.getSubSchemaNames());
    for (String s : names) {
      if (schemaName != null && !s.equalsIgnoreCase(schemaName)) {
        continue;
      }
      SchemaPlus sub = root.getSubSchema(s);
      if (sub == null) {
        continue;
      }
      // Looked up by name, not by listing: a schema of a source that lists by folder would
      // read every folder to list its names.
      // Qualified: MetaImpl (the superclass) has a member type Named that would shadow an import.
      org.apache.calcite.schema.lookup.Named<Table> named = sub.tables().getIgnoreCase(tableName);
      if (named != null && named.entity() instanceof PxWebTable p) {
        return p;
      }
    }
    return null;
  }
}
