package io.pxweb.jdbc.adapter;

import io.pxweb.jdbc.model.SavedQuery;
import io.pxweb.jdbc.model.TableEntry;
import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.model.Value;
import io.pxweb.jdbc.model.Variable;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.ViewTable;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;

/**
 * Schema {@code savedquery}: a PxWebApi 2.0 saved query as a table, named by its id as users
 * copy it from a statbank's web page: {@code SELECT * FROM savedquery."<id>"}.
 *
 * <p>The table is a view of the saved query's table in {@code statbank}, with the saved
 * selection as {@code IN} lists (the server expands expressions such as {@code top(3)} into
 * codes, {@code /savedqueries/{id}/selection}) and only the content columns it selects. Its data
 * are read as any statbank table's: the same requests within the cell limit, the same JSON-stat
 * reader, and a query's own filters narrow them further. A variable the selection leaves to the
 * server's elimination keeps all its values (the driver never sums). The schema lists no tables
 * (a server does not list its saved queries); any id resolves when named, and is read once per
 * connection.
 */
public final class SavedQuerySchema extends AbstractSchema {
  /** The schema's name on a connection. */
  public static final String NAME = "savedquery";

  private final PxWebCatalog catalog;
  private final SchemaPlus root;
  private final Map<String, Table> views = new ConcurrentHashMap<>();

  public SavedQuerySchema(PxWebCatalog catalog, SchemaPlus root) {
    this.catalog = catalog;
    this.root = root;
  }

  @Override public Lookup<Table> tables() {
    return new Lookup<>() {
      @Override public Table get(String name) {
        return view(name);
      }

      @Override public Named<Table> getIgnoreCase(String name) {
        return new Named<>(name, view(name));
      }

      @Override public Set<String> getNames(LikePattern pattern) {
        return Set.of();
      }
    };
  }

  private Table view(String id) {
    Table known = views.get(id);
    if (known != null) {
      return known;
    }
    try {
      Table view = create(catalog.source().savedQuery(id, catalog.language()));
      views.put(id, view);
      return view;
    } catch (SQLException e) {
      throw new PxWebQueryException(e);
    }
  }

  private Table create(SavedQuery query) throws SQLException {
    Set<String> codelists = query.selection().stream().map(SavedQuery.Selected::codelist)
        .filter(c -> c != null && !c.isEmpty()).collect(Collectors.toSet());
    if (codelists.size() > 1) {
      throw new SQLException("Saved query " + query.id() + " applies " + codelists.size()
          + " codelists; a table reads through one at most", "0A000");
    }
    TableEntryName name = tableName(query, codelists);
    Table base = root.getSubSchema(StatbankSchema.ALL).tables().getIgnoreCase(name.sql).entity();
    TableMetadata metadata = catalog.metadata(name.tableId);
    Variable content = metadata.contentVariable();
    Set<String> dropped = new HashSet<>();
    List<String> conditions = new ArrayList<>();
    for (SavedQuery.Selected s : query.selection()) {
      if (s.valueCodes().isEmpty()) {
        continue;
      }
      if (content != null && content.code().equalsIgnoreCase(s.variableCode())) {
        for (Value v : content.values()) {
          if (!s.valueCodes().contains(v.code())) {
            dropped.add(v.code());
            dropped.add(v.code() + "_status");
          }
        }
      } else {
        conditions.add(identifier(s.variableCode()) + " IN (" + s.valueCodes().stream()
            .map(SavedQuerySchema::literal).collect(Collectors.joining(", ")) + ")");
      }
    }
    List<String> columns = new ArrayList<>();
    // Column names only: any factory gives the same.
    for (RelDataTypeField f : base.getRowType(new JavaTypeFactoryImpl()).getFieldList()) {
      if (!dropped.contains(f.getName())) {
        columns.add(f.getName());
      }
    }
    String sql = "SELECT " + columns.stream().map(SavedQuerySchema::identifier)
        .collect(Collectors.joining(", ")) + " FROM " + identifier(StatbankSchema.ALL) + "."
        + identifier(name.sql) + (conditions.isEmpty() ? "" : " WHERE "
        + String.join(" AND ", conditions));
    // Typed by the statement's own factory: the base table's columns, those kept.
    return new ViewTable(Object[].class, types -> {
      RelDataType row = base.getRowType(types);
      return types.createStructType(row.getFieldList().stream()
          .filter(f -> !dropped.contains(f.getName())).toList());
    }, sql, List.of(), List.of(NAME, query.id()));
  }

  /** The statbank table name the view reads: the table, or table@codelist. */
  private TableEntryName tableName(SavedQuery query, Set<String> codelists)
      throws SQLException {
    TableEntry entry = catalog.table(query.tableId());
    if (entry == null) {
      throw new SQLException("Saved query " + query.id() + " reads table " + query.tableId()
          + ", which the catalog does not have", "42S02");
    }
    String sql = codelists.isEmpty() ? entry.id() : entry.id() + "@" + codelists.iterator().next();
    return new TableEntryName(entry.id(), sql);
  }

  private record TableEntryName(String tableId, String sql) {
  }

  private static String identifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
