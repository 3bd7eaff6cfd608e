package io.pxweb.jdbc.adapter.meta;

import io.pxweb.jdbc.adapter.FixedColumn;
import io.pxweb.jdbc.model.TableEntry;
import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.adapter.PxWebCatalog;
import io.pxweb.jdbc.adapter.PxWebQueryException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rex.RexNode;

/**
 * Base of the {@code meta} tables made from table metadata (variables, values, codelists,
 * notes). {@code WHERE table_id = '...'} (or IN) limits the work to those tables: one metadata
 * request each at most, shared with the connection's cache. Without it every table of the
 * catalog is read, paced by the rate limiter.
 */
abstract class PerTableCatalogTable extends CatalogTable {
  PerTableCatalogTable(PxWebCatalog catalog, String remarks, List<FixedColumn> columns) {
    super(catalog, remarks, columns);
  }

  /** Adds the rows of one table. */
  abstract void rows(TableMetadata metadata, List<Object[]> out);

  @Override public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters) {
    Set<String> wanted = null;
    for (RexNode c : conjuncts(filters, root)) {
      Set<String> ids = equalities(c, 0, root);
      if (ids != null) {
        Set<String> lower = new LinkedHashSet<>();
        ids.forEach(id -> lower.add(id.toLowerCase(Locale.ROOT)));
        if (wanted == null) {
          wanted = lower;
        } else {
          wanted.retainAll(lower);
        }
      }
    }
    List<Object[]> rows = new ArrayList<>();
    try {
      for (TableEntry t : catalog.tables()) {
        if (wanted == null || wanted.contains(t.id().toLowerCase(Locale.ROOT))) {
          rows(catalog.metadata(t.id()), rows);
        }
      }
    } catch (SQLException e) {
      throw new PxWebQueryException(e);
    }
    return Linq4j.asEnumerable(rows);
  }
}
