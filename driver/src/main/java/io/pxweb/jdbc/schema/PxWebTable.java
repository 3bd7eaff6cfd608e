package io.pxweb.jdbc.schema;

import io.pxweb.jdbc.client.DataRequest;
import io.pxweb.jdbc.metadata.TableEntry;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A statbank table as a relation: its columns follow {@link ColumnLayout}; a scan plans data
 * requests from the WHERE clause and streams their cells as rows.
 *
 * <p>The table's metadata is fetched only when a statement first needs its row type.
 */
public final class PxWebTable extends AbstractTable implements ProjectableFilterableTable {
  private final PxWebCatalog catalog;
  private final TableEntry entry;
  private volatile ColumnLayout layout;

  PxWebTable(PxWebCatalog catalog, TableEntry entry) {
    this.catalog = catalog;
    this.entry = entry;
  }

  public TableEntry entry() {
    return entry;
  }

  PxWebCatalog catalog() {
    return catalog;
  }

  /** Returns the column layout, fetching the table's metadata on first use. */
  public ColumnLayout layout() {
    ColumnLayout l = layout;
    if (l == null) {
      try {
        l = ColumnLayout.of(catalog.metadata(entry.id()));
      } catch (SQLException e) {
        throw new PxWebQueryException(e);
      }
      layout = l;
    }
    return l;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return layout().rowType(typeFactory);
  }

  @Override public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters,
      int[] projects) {
    ColumnLayout l = layout();
    int[] projection = projects != null ? projects
        : java.util.stream.IntStream.range(0, l.columns().size()).toArray();
    RexBuilder rexBuilder = new RexBuilder(root.getTypeFactory());
    BitSet[] selected = new FilterTranslator(l, root).translate(filters, rexBuilder);
    List<DataRequest> requests = RequestPlanner.plan(l.metadata(), selected, catalog.maxDataCells());
    if (requests.isEmpty()) {
      return Linq4j.emptyEnumerable();
    }
    AtomicBoolean cancel = DataContext.Variable.CANCEL_FLAG.get(root);
    return new AbstractEnumerable<>() {
      @Override public Enumerator<Object[]> enumerator() {
        return new PxWebEnumerator(PxWebTable.this, l, projection, requests, cancel);
      }
    };
  }

  @Override public String toString() {
    return "PxWebTable {" + entry.id() + "}";
  }
}
