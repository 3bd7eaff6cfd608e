package io.pxweb.jdbc.adapter;

import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.model.Value;
import io.pxweb.jdbc.model.Variable;
import io.pxweb.jdbc.model.VariableRole;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The columns of a statbank table: the flattened-cube contract users and BI tools rely on.
 *
 * <p>For every variable V other than the content variable, in metadata order: {@code V} (the
 * value code) and {@code V_label}; for the time variable also {@code V_date}. Then for every
 * content value c: {@code c} (DECIMAL with the unit's decimals) and {@code c_status}. A table
 * without content variable gets {@code value} and {@code value_status}. One row per combination
 * of the non-content variables' values.
 *
 * <p>Names are unique ignoring case (unquoted identifiers match case-insensitively); a name that
 * would clash gets a numeric suffix ({@code _2}).
 */
public final class ColumnLayout {
  /** What a column holds. */
  public enum Kind { CODE, LABEL, DATE, MEASURE, STATUS }

  /** Digits of a measure column: DECIMAL(19, d), as docs/sql-mapping.md states. */
  static final int MEASURE_PRECISION = 19;

  /**
   * One column.
   *
   * @param name column name
   * @param kind what it holds
   * @param variable index of the variable in metadata order (the content variable for measures;
   *     -1 for the measure of a table without content variable)
   * @param content index of the content value for MEASURE/STATUS columns, else -1
   * @param remarks description for {@code DatabaseMetaData.getColumns}
   */
  public record Column(String name, Kind kind, int variable, int content, String remarks) {
  }

  private final TableMetadata metadata;
  private final List<Column> columns;

  private ColumnLayout(TableMetadata metadata, List<Column> columns) {
    this.metadata = metadata;
    this.columns = List.copyOf(columns);
  }

  /** Lays out the columns of a table from its metadata. */
  public static ColumnLayout of(TableMetadata metadata) {
    List<Column> columns = new ArrayList<>();
    Set<String> used = new HashSet<>();
    List<Variable> variables = metadata.variables();
    int contentIndex = -1;
    for (int v = 0; v < variables.size(); v++) {
      Variable var = variables.get(v);
      if (var.role() == VariableRole.CONTENT) {
        contentIndex = v;
        continue;
      }
      columns.add(new Column(unique(var.code(), used), Kind.CODE, v, -1,
          var.label() + " (code)"));
      columns.add(new Column(unique(var.code() + "_label", used), Kind.LABEL, v, -1,
          var.label()));
      if (var.role() == VariableRole.TIME) {
        columns.add(new Column(unique(var.code() + "_date", used), Kind.DATE, v, -1,
            var.label() + " (first day of the period)"));
      }
    }
    if (contentIndex < 0) {
      columns.add(new Column(unique("value", used), Kind.MEASURE, -1, 0, metadata.label()));
      columns.add(new Column(unique("value_status", used), Kind.STATUS, -1, 0,
          "Status symbol of value"));
    } else {
      List<Value> contents = variables.get(contentIndex).values();
      for (int c = 0; c < contents.size(); c++) {
        Value value = contents.get(c);
        String unit = value.unit() == null || value.unit().isBlank() ? "" : " (" + value.unit() + ")";
        columns.add(new Column(unique(value.code(), used), Kind.MEASURE, contentIndex, c,
            value.label() + unit));
        columns.add(new Column(unique(value.code() + "_status", used), Kind.STATUS, contentIndex, c,
            "Status symbol of " + value.code() + " (e.g. '..' not available, ':' confidential)"));
      }
    }
    return new ColumnLayout(metadata, columns);
  }

  private static String unique(String name, Set<String> used) {
    String candidate = name;
    for (int i = 2; !used.add(candidate.toLowerCase(Locale.ROOT)); i++) {
      candidate = name + "_" + i;
    }
    return candidate;
  }

  public TableMetadata metadata() {
    return metadata;
  }

  public List<Column> columns() {
    return columns;
  }

  public Column column(int index) {
    return columns.get(index);
  }

  /** Returns the SQL row type of the table. */
  public RelDataType rowType(RelDataTypeFactory types) {
    RelDataTypeFactory.Builder b = types.builder();
    // 19 digits, not the type system's maximum: a comparison with a literal of more decimals
    // (HNMGA > 0.5 on a whole-number column) is done in a common type that must have room for
    // both scales; at the maximum Calcite cuts the literal's scale and compares with 0.
    int precision = Math.min(MEASURE_PRECISION,
        types.getTypeSystem().getMaxPrecision(SqlTypeName.DECIMAL));
    for (Column c : columns) {
      switch (c.kind()) {
        case CODE, LABEL -> b.add(c.name(), SqlTypeName.VARCHAR).nullable(false);
        case DATE -> b.add(c.name(), SqlTypeName.DATE).nullable(true);
        case STATUS -> b.add(c.name(), SqlTypeName.VARCHAR).nullable(true);
        case MEASURE -> b.add(c.name(),
            types.createTypeWithNullability(types.createSqlType(SqlTypeName.DECIMAL, precision,
                decimals(c)), true));
        default -> throw new AssertionError(c.kind());
      }
    }
    return b.build();
  }

  /** Returns the number of decimals of a measure column (the unit's decimals). */
  public int decimals(Column measure) {
    if (measure.variable() < 0) {
      return 0;
    }
    return metadata.variables().get(measure.variable()).values().get(measure.content()).decimals();
  }
}
