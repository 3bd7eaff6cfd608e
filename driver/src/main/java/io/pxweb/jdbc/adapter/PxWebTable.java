package io.pxweb.jdbc.adapter;

import io.pxweb.jdbc.model.DataRequest;
import io.pxweb.jdbc.model.TableEntry;
import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.model.Variable;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.AbstractQueryableTable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.TranslatableTable;

/**
 * A statbank table as a relation: its columns follow {@link ColumnLayout}; planning turns it
 * into a {@link PxTableScan}, and {@link #query} runs the scan's data requests and streams
 * their cells as rows.
 *
 * <p>The table's metadata is fetched only when a statement first needs its row type.
 */
public final class PxWebTable extends AbstractQueryableTable implements TranslatableTable {
  private final PxWebCatalog catalog;
  private final TableEntry entry;
  private final List<String> codelistIds;
  private volatile ColumnLayout layout;
  private volatile Map<String, String> codelists = Map.of();

  PxWebTable(PxWebCatalog catalog, TableEntry entry) {
    this(catalog, entry, List.of());
  }

  /**
   * Creates a table seen through codelists ({@code 07459@agg_KommSummer}): each codelist is
   * applied to the variable that offers it.
   */
  PxWebTable(PxWebCatalog catalog, TableEntry entry, List<String> codelistIds) {
    // QueryableTable only so that generated code can reach this object by expression.
    super(Object[].class);
    this.catalog = catalog;
    this.entry = entry;
    this.codelistIds = List.copyOf(codelistIds);
  }

  /** Returns the codelists applied, codelist id by variable code (empty for a plain table). */
  public Map<String, String> codelists() {
    layout();
    return codelists;
  }

  /** Returns the table's name in SQL: its id, with {@code @codelist} parts if any. */
  public String name() {
    return codelistIds.isEmpty() ? entry.id() : entry.id() + "@" + String.join("@", codelistIds);
  }

  public TableEntry entry() {
    return entry;
  }

  PxWebCatalog catalog() {
    return catalog;
  }

  /** Returns the most cells one request may select on this table's connection. */
  public int maxDataCells() {
    return catalog.maxDataCells();
  }

  /** Returns the column layout, fetching the table's metadata on first use. */
  public ColumnLayout layout() {
    ColumnLayout l = layout;
    if (l == null) {
      try {
        TableMetadata base = catalog.metadata(entry.id());
        Map<String, String> applied = owners(base);
        l = ColumnLayout.of(catalog.metadata(entry.id(), applied));
        codelists = applied;
      } catch (SQLException e) {
        throw new PxWebQueryException(e);
      }
      layout = l;
    }
    return l;
  }

  /** Finds the variable that offers each codelist; a codelist no variable offers is an error. */
  private Map<String, String> owners(TableMetadata base) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String id : codelistIds) {
      String owner = null;
      for (Variable v : base.variables()) {
        if (v.details().codelists().stream().anyMatch(c -> c.id().equals(id))) {
          owner = v.code();
        }
      }
      if (owner == null) {
        throw new SQLException("Table " + entry.id() + " has no codelist '" + id
            + "' (ids are case-sensitive; see meta.codelists)", "42S02");
      }
      if (out.containsKey(owner)) {
        throw new SQLException("Codelists " + out.get(owner) + " and " + id + " both apply to "
            + owner + " of table " + entry.id() + ": use one per variable", "42000");
      }
      out.put(owner, id);
    }
    return out;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return layout().rowType(typeFactory);
  }

  @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return new PxTableScan(context.getCluster(), relOptTable, this, ScanSpec.full(layout()));
  }

  /**
   * Runs a scan: resolves its selection with the statement's parameters, plans the requests and
   * streams the rows. Called by the code Calcite generates for {@link PxTableScan}.
   */
  public Enumerable<Object[]> query(DataContext root, ScanSpec spec) {
    ColumnLayout l = spec.layout();
    int[] projection = spec.projection();
    BitSet[] selected = spec.resolve(root, new RexBuilder(root.getTypeFactory()));
    AtomicBoolean cancel = DataContext.Variable.CANCEL_FLAG.get(root);
    Long timeout = DataContext.Variable.TIMEOUT.get(root);
    long timeoutMillis = timeout == null ? 0 : timeout;
    if (!spec.needsCells()) {
      // No measure or status is read: the rows come from the metadata alone, no request.
      DataRequest shape = RequestPlanner.shape(l.metadata(), selected);
      return ScanEnumerable.of(() -> new PxWebEnumerator(PxWebTable.this, l, projection,
          List.of(shape), cancel, false, timeoutMillis));
    }
    List<DataRequest> requests = RequestPlanner.plan(l.metadata(), selected,
        catalog.maxDataCells(), codelists);
    if (requests.isEmpty()) {
      return Linq4j.emptyEnumerable();
    }
    return ScanEnumerable.of(() -> new PxWebEnumerator(PxWebTable.this, l, projection,
        requests, cancel, true, timeoutMillis));
  }

  /**
   * Runs a scan whose variable is narrowed to the codes of a join's other side. Called by the
   * code Calcite generates for {@link io.pxweb.jdbc.adapter.PxKeyedScan}.
   *
   * @param keys the other side's keys: rows of one column (or the values themselves)
   */
  public Enumerable<Object[]> queryWithKeys(DataContext root, ScanSpec spec, int variable,
      Enumerable<?> keys) {
    Set<String> codes = new HashSet<>();
    for (Object k : keys) {
      Object v = k instanceof Object[] row ? row[0] : k;
      if (v != null) {
        codes.add(v.toString());
      }
    }
    Variable var = spec.layout().metadata().variables().get(variable);
    BitSet allowed = new BitSet();
    for (int i = 0; i < var.size(); i++) {
      // Join equality is exact, like WHERE: codes match as written.
      if (codes.contains(var.values().get(i).code())) {
        allowed.set(i);
      }
    }
    BitSet[] restrictions = new BitSet[spec.layout().metadata().variables().size()];
    restrictions[variable] = allowed;
    return query(root, spec.withRestrictions(restrictions, List.of()));
  }

  @Override public <T> Queryable<T> asQueryable(QueryProvider queryProvider, SchemaPlus schema,
      String tableName) {
    throw new UnsupportedOperationException("statbank tables are read through PxTableScan");
  }

  @Override public String toString() {
    return "PxWebTable {" + name() + "}";
  }
}
