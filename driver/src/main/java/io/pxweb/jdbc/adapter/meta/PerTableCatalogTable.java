package io.pxweb.jdbc.adapter.meta;

import io.pxweb.jdbc.adapter.FixedColumn;
import io.pxweb.jdbc.adapter.PxWebCatalog;
import io.pxweb.jdbc.adapter.PxWebQueryException;
import io.pxweb.jdbc.model.TableEntry;
import io.pxweb.jdbc.model.TableMetadata;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rex.RexNode;

/**
 * Base of the {@code meta} tables made from table metadata (variables, values, codelists,
 * notes). {@code WHERE table_id = '...'} (or IN) limits the work to those tables: each found by
 * its id as a query finds it, then one metadata request each at most, shared with the
 * connection's cache. Without it every table of the catalog is read, paced by the rate limiter.
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
        // Ids as written (a server's search may care), compared ignoring case.
        Set<String> any = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        any.addAll(ids);
        if (wanted == null) {
          wanted = any;
        } else {
          wanted.retainAll(any);
        }
      }
    }
    List<Object[]> rows = new ArrayList<>();
    try {
      if (wanted != null) {
        // Each table found by its id: a source that lists by folder reads no other folder.
        for (String id : wanted) {
          TableEntry t = catalog.table(id);
          if (t != null && t.id().equalsIgnoreCase(id)) {
            rows(catalog.metadata(t.id()), rows);
          }
        }
      } else {
        for (TableEntry t : catalog.tables()) {
          rows(catalog.metadata(t.id()), rows);
        }
      }
    } catch (SQLException e) {
      throw new PxWebQueryException(e);
    }
    return Linq4j.asEnumerable(rows);
  }
}
