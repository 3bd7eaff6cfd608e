package io.pxweb.jdbc.adapter.meta;

import io.pxweb.jdbc.adapter.FixedColumn;
import io.pxweb.jdbc.adapter.PredicateReader;
import io.pxweb.jdbc.adapter.PxWebCatalog;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.FilterableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlKind;

/**
 * Base of the {@code meta} tables: a fixed list of columns over one connection's catalog.
 *
 * <p>Calcite offers each scan the WHERE's conjuncts; the tables read simple ones (a column equal
 * to one or more constants, a lower bound) to ask the server for less, and Calcite still applies
 * every filter to the rows, so what a table reads is an optimisation, never the result.
 */
abstract class CatalogTable extends AbstractTable implements FilterableTable {
  protected final PxWebCatalog catalog;
  private final List<FixedColumn> columns;
  private final String remarks;

  CatalogTable(PxWebCatalog catalog, String remarks, List<FixedColumn> columns) {
    this.catalog = catalog;
    this.remarks = remarks;
    this.columns = List.copyOf(columns);
  }

  /** Returns the description shown as REMARKS. */
  String remarks() {
    return remarks;
  }

  int column(String name) {
    return FixedColumn.index(columns, name);
  }

  /** Returns the conjuncts of the filters a scan is offered, IN lists and ranges expanded. */
  static List<RexNode> conjuncts(List<RexNode> filters, DataContext root) {
    RexBuilder rexBuilder = new RexBuilder(root.getTypeFactory());
    List<RexNode> out = new ArrayList<>();
    for (RexNode f : filters) {
      out.addAll(PredicateReader.conjuncts(PredicateReader.expandSearch(rexBuilder, f)));
    }
    return out;
  }

  /**
   * Returns the constants, as text, a conjunct allows for a column ({@code column = c}, an IN
   * list, an OR of these; casts looked through), or null if the conjunct is of another form.
   */
  static Set<String> equalities(RexNode conjunct, int column, DataContext root) {
    List<PredicateReader.Comparison> any =
        PredicateReader.anyOf(conjunct, SqlKind.EQUALS, column, true);
    if (any == null) {
      return null;
    }
    Set<String> out = new LinkedHashSet<>();
    for (PredicateReader.Comparison c : any) {
      Object value = c.value(root);
      if (value == null) {
        return null;
      }
      out.add(value.toString());
    }
    return out;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory types) {
    return FixedColumn.rowType(types, columns);
  }
}
