package io.pxweb.jdbc.adapter;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A column of a table whose columns are fixed in the code (the {@code meta} and Klass tables):
 * declared once, in a list, from which the row type and column positions are derived.
 *
 * @param precision the type's precision, or -1 for the type system's default
 */
public record FixedColumn(String name, SqlTypeName type, int precision, boolean nullable) {
  /** A column of the type system's default precision. */
  public FixedColumn(String name, SqlTypeName type, boolean nullable) {
    this(name, type, -1, nullable);
  }

  /** Returns the row type of a list of columns. */
  public static RelDataType rowType(RelDataTypeFactory types, List<FixedColumn> columns) {
    RelDataTypeFactory.Builder b = types.builder();
    for (FixedColumn c : columns) {
      if (c.precision() >= 0) {
        b.add(c.name(), c.type(), c.precision()).nullable(c.nullable());
      } else {
        b.add(c.name(), c.type()).nullable(c.nullable());
      }
    }
    return b.build();
  }

  /** Returns the position of a named column. */
  public static int index(List<FixedColumn> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no column " + name);
  }
}
