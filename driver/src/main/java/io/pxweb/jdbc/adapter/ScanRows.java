package io.pxweb.jdbc.adapter;

import java.util.Arrays;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.runtime.FlatLists;

/**
 * Gives a scan's rows the shape Calcite's generated code expects for the scan's row type.
 *
 * <p>Scans produce {@code Object[]} rows. Calcite's enumerable operators optimise the row format
 * by the number of fields (a bare value for one field, a comparable list for none), and a parent
 * operator (a sort, a limit, an aggregate over a subquery) re-derives that format from the row
 * type whatever the scan declared. A scan therefore declares the optimised format and converts
 * its rows to it here, as Calcite's own table scans do.
 */
public final class ScanRows {
  private ScanRows() {
  }

  /** Returns the physical type of a scan's rows: the optimised form of the preferred format. */
  public static PhysType physType(EnumerableRelImplementor
      implementor, RelDataType rowType,
      EnumerableRel.Prefer pref) {
    return PhysTypeImpl.of(implementor.getTypeFactory(),
        rowType, pref.preferArray());
  }

  /** Wraps an expression of {@code Enumerable<Object[]>} so its rows have the type's format. */
  public static Expression shape(Expression rows, PhysType physType) {
    JavaRowFormat format = physType.getFormat();
    switch (format) {
    case ARRAY:
      return rows;
    case SCALAR:
      return Expressions.call(ScanRows.class, "scalar", rows);
    case LIST:
      return Expressions.call(ScanRows.class, "list", rows);
    default:
      throw new AssertionError("scan rows cannot take the format " + format);
    }
  }

  /** One-column rows: the value itself. */
  public static Enumerable<Object> scalar(Enumerable<Object[]> rows) {
    // A scan keeps its own type, so a plan of the scan alone still reads it column-wise.
    if (rows instanceof ScanEnumerable<Object[]> scan) {
      return scan.scalar();
    }
    return rows.select(r -> r[0]);
  }

  /** Rows as comparable lists (the format of rows without fields, and of some keys). */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static Enumerable<Object> list(Enumerable<Object[]> rows) {
    return rows.select(r -> r.length == 0 ? FlatLists.COMPARABLE_EMPTY_LIST
        : FlatLists.ofComparable((List) Arrays.asList(r)));
  }
}
