package io.pxweb.jdbc.adapter.meta;

import io.pxweb.jdbc.adapter.FixedColumn;
import io.pxweb.jdbc.adapter.PxWebCatalog;
import io.pxweb.jdbc.adapter.PxWebQueryException;
import io.pxweb.jdbc.model.SourceProblem;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code meta.problems}: every file the source could not read (severity "error"), or read by a
 * lenient rule or skipped for a stated reason ("warning"), with where and why. The reasons
 * otherwise go only to a log, which an application without a logging backend never shows.
 */
final class ProblemsTable extends CatalogTable {
  ProblemsTable(PxWebCatalog catalog) {
    super(catalog, "Files the source could not read, or read by a lenient rule, and why",
        List.of(
            new FixedColumn("file", SqlTypeName.VARCHAR, false),
            new FixedColumn("line", SqlTypeName.INTEGER, true),
            new FixedColumn("table_id", SqlTypeName.VARCHAR, true),
            new FixedColumn("severity", SqlTypeName.VARCHAR, false),
            new FixedColumn("message", SqlTypeName.VARCHAR, false)));
  }

  @Override public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters) {
    List<SourceProblem> problems;
    try {
      problems = catalog.source().problems();
    } catch (SQLException e) {
      throw new PxWebQueryException(e);
    }
    List<Object[]> rows = new ArrayList<>(problems.size());
    for (SourceProblem p : problems) {
      rows.add(new Object[] {p.file(), p.line() > 0 ? p.line() : null, p.tableId(), p.severity(),
          p.message()});
    }
    return Linq4j.asEnumerable(rows);
  }
}
