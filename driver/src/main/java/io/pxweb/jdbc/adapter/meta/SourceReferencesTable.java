package io.pxweb.jdbc.adapter.meta;

import io.pxweb.jdbc.adapter.FixedColumn;
import io.pxweb.jdbc.adapter.PxWebCatalog;
import io.pxweb.jdbc.model.SourceDescription;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code meta.source_references}: how the statbank asks to be cited, one row per language, and
 * the licence of its data, as its {@code /config} says ({@code sourceReferences},
 * {@code license}); read when the connection opened, so no request. Empty for sources that say
 * nothing (v1 servers, PX folders).
 */
final class SourceReferencesTable extends CatalogTable {
  SourceReferencesTable(PxWebCatalog catalog) {
    super(catalog, "How the statbank asks to be cited, per language, and its data's licence",
        List.of(
            new FixedColumn("language", SqlTypeName.VARCHAR, true),
            new FixedColumn("text", SqlTypeName.VARCHAR, false),
            new FixedColumn("license", SqlTypeName.VARCHAR, true)));
  }

  @Override public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters) {
    SourceDescription config = catalog.config();
    return Linq4j.asEnumerable(config.sourceReferences().stream()
        .map(r -> new Object[] {r.language(), r.text(), config.license()}).toList());
  }
}
