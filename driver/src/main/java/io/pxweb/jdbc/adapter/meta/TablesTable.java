package io.pxweb.jdbc.adapter.meta;

import io.pxweb.jdbc.adapter.FixedColumn;
import io.pxweb.jdbc.adapter.PredicateReader;
import io.pxweb.jdbc.adapter.PxWebCatalog;
import io.pxweb.jdbc.adapter.PxWebQueryException;
import io.pxweb.jdbc.model.TableEntry;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.TimestampString;

/**
 * {@code meta.tables}: one row per table of the catalog. {@code WHERE search = 'text'} goes to
 * the server's search ({@code /tables?query=}, Lucene syntax passed through),
 * {@code WHERE updated >= ...} to {@code pastDays}, and any condition on {@code discontinued}
 * asks for discontinued tables too; Calcite still applies every condition to the rows.
 */
final class TablesTable extends CatalogTable {
  TablesTable(PxWebCatalog catalog) {
    super(catalog, "Tables of the statbank; WHERE search = '...' searches the server's index",
        List.of(
            new FixedColumn("id", SqlTypeName.VARCHAR, false),
            new FixedColumn("label", SqlTypeName.VARCHAR, true),
            new FixedColumn("description", SqlTypeName.VARCHAR, true),
            new FixedColumn("subjects", SqlTypeName.VARCHAR, true),
            new FixedColumn("paths", SqlTypeName.VARCHAR, true),
            new FixedColumn("first_period", SqlTypeName.VARCHAR, true),
            new FixedColumn("last_period", SqlTypeName.VARCHAR, true),
            new FixedColumn("time_unit", SqlTypeName.VARCHAR, true),
            new FixedColumn("updated", SqlTypeName.TIMESTAMP, true),
            new FixedColumn("discontinued", SqlTypeName.BOOLEAN, false),
            new FixedColumn("variable_names", SqlTypeName.VARCHAR, true),
            new FixedColumn("source", SqlTypeName.VARCHAR, true),
            new FixedColumn("search", SqlTypeName.VARCHAR, true)));
  }

  @Override public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters) {
    int searchColumn = column("search");
    String query = null;
    Integer pastDays = null;
    for (RexNode c : conjuncts(filters, root)) {
      Set<String> q = equalities(c, searchColumn, root);
      if (q != null && q.size() == 1) {
        query = q.iterator().next();
      }
      Integer days = pastDays(c, column("updated"));
      if (days != null) {
        pastDays = pastDays == null ? days : Math.min(pastDays, days);
      }
    }
    boolean discontinued = PredicateReader.reads(filters, column("discontinued"));
    List<TableEntry> entries;
    try {
      entries = query == null && pastDays == null && !discontinued ? catalog.tables()
          : catalog.findTables(query, pastDays, discontinued);
    } catch (SQLException e) {
      throw new PxWebQueryException(e);
    }
    List<Object[]> rows = new ArrayList<>();
    for (TableEntry t : entries) {
      rows.add(new Object[] {t.id(), t.label(), t.description(),
          t.paths().stream().filter(p -> !p.isEmpty()).map(p -> p.get(0).id()).distinct()
              .collect(Collectors.joining(",")),
          t.paths().stream().map(p -> p.stream().map(TableEntry.Folder::id)
              .collect(Collectors.joining("/"))).collect(Collectors.joining("; ")),
          t.firstPeriod(), t.lastPeriod(), t.timeUnit(), timestamp(t.updated()),
          t.discontinued(), String.join(", ", t.variableNames()), t.source(), query});
    }
    return Linq4j.asEnumerable(rows);
  }

  /** Returns the days back a lower bound on {@code updated} reaches, or null. */
  private static Integer pastDays(RexNode c, int column) {
    PredicateReader.Comparison lowerBound = PredicateReader.comparison(c, true);
    if (lowerBound == null || lowerBound.column() != column
        || lowerBound.kind() != SqlKind.GREATER_THAN_OR_EQUAL
        && lowerBound.kind() != SqlKind.GREATER_THAN) {
      return null;
    }
    RexLiteral l = lowerBound.literal();
    if (l == null || l.getType().getSqlTypeName() != SqlTypeName.TIMESTAMP) {
      return null;
    }
    TimestampString ts = l.getValueAs(TimestampString.class);
    if (ts == null) {
      return null;
    }
    long days = Duration.between(Instant.ofEpochMilli(ts.getMillisSinceEpoch()), Instant.now())
        .toDays() + 1;
    return (int) Math.max(1, days);
  }

  private static Long timestamp(String iso) {
    try {
      return iso == null ? null : Instant.parse(iso).toEpochMilli();
    } catch (DateTimeParseException e) {
      // Test servers write placeholders; a bad stamp is no stamp.
      return null;
    }
  }
}
