package io.pxweb.server.catalog;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.FilterableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * One PostgreSQL system table or view (pg_class, information_schema.columns...): its columns in
 * PostgreSQL's order and names, and rows computed from the statbank catalog when scanned. Equality
 * filters on columns reach the row source, so a query for one table's attributes reads only that
 * table's metadata; a filter made only of such equalities is applied here and taken out of
 * Calcite's list, which would compile it again at every execution.
 */
final class SystemTable extends AbstractTable implements FilterableTable {
  /** Computes the rows; {@code equal} holds the column = constant filters of the query. */
  interface Source {
    List<Object[]> rows(Map<String, Object> equal) throws SQLException;
  }

  private final List<String> names = new ArrayList<>();
  private final List<SqlTypeName> types = new ArrayList<>();
  /** For ARRAY columns (PostgreSQL's _name types): the element type. */
  private final List<SqlTypeName> elements = new ArrayList<>();
  private final Source source;

  /** Columns as "name type, ..." with PostgreSQL type names (oid, name, text, int2, bool...). */
  SystemTable(String columns, Source source) {
    for (String column : columns.split(",")) {
      String[] parts = column.trim().split("\\s+");
      names.add(parts[0]);
      boolean array = parts[1].startsWith("_");
      types.add(array ? SqlTypeName.ARRAY : sqlType(parts[1]));
      // "char" elements are CHAR(1), so 'd' = ANY(stxkind) compares like types.
      elements.add(!array ? null : parts[1].equals("_char") ? SqlTypeName.CHAR
          : sqlType(parts[1].substring(1)));
    }
    this.source = source;
  }

  static SystemTable empty(String columns) {
    return new SystemTable(columns, equal -> List.of());
  }

  List<String> columnNames() {
    return names;
  }

  static SqlTypeName sqlType(String pgType) {
    switch (pgType.toLowerCase(Locale.ROOT)) {
      case "oid": case "int4": case "regproc": case "xid": return SqlTypeName.INTEGER;
      case "int2": return SqlTypeName.SMALLINT;
      case "int8": return SqlTypeName.BIGINT;
      case "float4": return SqlTypeName.REAL;
      case "float8": return SqlTypeName.DOUBLE;
      case "bool": return SqlTypeName.BOOLEAN;
      default: return SqlTypeName.VARCHAR;
    }
  }

  @Override public RelDataType getRowType(RelDataTypeFactory factory) {
    RelDataTypeFactory.Builder b = factory.builder();
    for (int i = 0; i < names.size(); i++) {
      RelDataType type = types.get(i) == SqlTypeName.ARRAY
          ? factory.createArrayType(factory.createSqlType(elements.get(i)), -1)
          : factory.createSqlType(types.get(i));
      b.add(names.get(i), factory.createTypeWithNullability(type, true));
    }
    return b.build();
  }

  @Override public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters) {
    Map<String, Object> equal = new HashMap<>();
    for (RexNode f : filters) {
      equality(f, equal, root);
    }
    List<Object[]> rows;
    try {
      rows = source.rows(equal);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    // The filters made only of column = value are applied here and leave the list: Calcite's
    // interpreter would otherwise compile them (Janino) again at every execution.
    List<Exact> exact = new ArrayList<>();
    for (Iterator<RexNode> it = filters.iterator(); it.hasNext(); ) {
      List<Exact> conjuncts = exact(it.next(), root);
      if (conjuncts != null) {
        exact.addAll(conjuncts);
        it.remove();
      }
    }
    List<Object[]> out = new ArrayList<>(rows.size());
    rows:
    for (Object[] row : rows) {
      Object[] r = new Object[names.size()];
      for (int i = 0; i < r.length; i++) {
        r[i] = i < row.length ? coerce(row[i], types.get(i), elements.get(i)) : null;
      }
      for (Exact e : exact) {
        if (!e.holds(r)) {
          continue rows;
        }
      }
      out.add(r);
    }
    return Linq4j.asEnumerable(out);
  }

  /** A filter's {@code column = value}, compared as SQL does for the column's type. */
  private record Exact(int column, Object value) {
    boolean holds(Object[] row) {
      Object v = row[column];
      if (v instanceof Number n) {
        return new BigDecimal(n.toString()).compareTo(new BigDecimal(value.toString())) == 0;
      }
      return value.equals(v);
    }
  }

  /**
   * A filter's conjuncts when each is a column compared with a value it can be compared with
   * exactly here (an integer, text or boolean column, no cast on either side), else null.
   */
  private List<Exact> exact(RexNode f, DataContext root) {
    List<Exact> out = new ArrayList<>();
    for (RexNode c : f.isA(SqlKind.AND) ? ((RexCall) f).getOperands() : List.of(f)) {
      if (!c.isA(SqlKind.EQUALS)) {
        return null;
      }
      List<RexNode> ops = ((RexCall) c).getOperands();
      int side = ops.get(0) instanceof RexInputRef ? 0 : ops.get(1) instanceof RexInputRef ? 1 : -1;
      if (side < 0) {
        return null;
      }
      int column = ((RexInputRef) ops.get(side)).getIndex();
      RexNode other = ops.get(1 - side);
      Object v = other instanceof RexLiteral lit ? lit.getValue2()
          : other instanceof RexDynamicParam param ? root.get("?" + param.getIndex()) : null;
      SqlTypeName type = types.get(column);
      boolean comparable = switch (type) {
        case INTEGER, SMALLINT, BIGINT -> v instanceof Integer || v instanceof Long
            || v instanceof Short || v instanceof BigDecimal;
        case VARCHAR -> v instanceof String;
        case BOOLEAN -> v instanceof Boolean;
        default -> false;
      };
      if (!comparable) {
        return null;
      }
      out.add(new Exact(column, v));
    }
    return out;
  }

  private void equality(RexNode f, Map<String, Object> equal, DataContext root) {
    if (f.isA(SqlKind.AND)) {
      // Calcite may hand a conjunction over as one filter: each equality in it still narrows.
      for (RexNode operand : ((RexCall) f).getOperands()) {
        equality(operand, equal, root);
      }
      return;
    }
    if (!f.isA(SqlKind.EQUALS)) {
      return;
    }
    List<RexNode> ops = ((RexCall) f).getOperands();
    RexNode a = strip(ops.get(0));
    RexNode b = strip(ops.get(1));
    if (b instanceof RexInputRef) {
      RexNode t = a;
      a = b;
      b = t;
    }
    if (!(a instanceof RexInputRef ref)) {
      return;
    }
    // A prepared query's $n is a parameter of the plan; its value is in the query's context.
    Object v = b instanceof RexLiteral lit ? lit.getValue2()
        : b instanceof RexDynamicParam param ? root.get("?" + param.getIndex()) : null;
    if (v != null) {
      equal.put(names.get(ref.getIndex()), v);
    }
  }

  private static RexNode strip(RexNode n) {
    while (n.isA(SqlKind.CAST)) {
      n = ((RexCall) n).getOperands().get(0);
    }
    return n;
  }

  /** An equality filter's value as an int (OIDs arrive as numbers or as text). */
  static Integer intValue(Map<String, Object> equal, String column) {
    Object v = equal.get(column);
    if (v instanceof Number n) {
      return n.intValue();
    }
    if (v != null) {
      try {
        return Integer.parseInt(v.toString().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Object coerce(Object v, SqlTypeName type, SqlTypeName element) {
    if (v == null) {
      return null;
    }
    switch (type) {
      case ARRAY: {
        List<Object> out = new ArrayList<>();
        for (Object e : (List<?>) v) {
          out.add(coerce(e, element, null));
        }
        return out;
      }
      case INTEGER: return v instanceof Number n ? n.intValue() : Integer.valueOf(v.toString());
      case SMALLINT: return v instanceof Number n ? n.shortValue() : Short.valueOf(v.toString());
      case BIGINT: return v instanceof Number n ? n.longValue() : Long.valueOf(v.toString());
      case REAL: return v instanceof Number n ? n.floatValue() : Float.valueOf(v.toString());
      case DOUBLE: return v instanceof Number n ? n.doubleValue() : Double.valueOf(v.toString());
      case BOOLEAN: return v instanceof Boolean ? v : Boolean.valueOf(v.toString());
      default: return v.toString();
    }
  }
}
