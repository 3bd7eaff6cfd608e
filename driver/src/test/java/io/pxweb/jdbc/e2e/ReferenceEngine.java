package io.pxweb.jdbc.e2e;

import io.pxweb.jdbc.source.v2.ApiDocuments;
import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.model.Variable;
import io.pxweb.jdbc.model.VariableRole;
import io.pxweb.jdbc.adapter.ColumnLayout;
import io.pxweb.jdbc.adapter.PeriodDates;
import io.pxweb.jdbc.testserver.Cell;
import io.pxweb.jdbc.testserver.TestCatalog;
import io.pxweb.jdbc.testserver.TestTable;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A plain SQL engine over the full cubes of the test tables: Calcite with in-memory tables
 * laid out by the same column contract, but no pushdown and no API. Pushdown is correct when
 * the driver returns what this engine returns.
 */
public final class ReferenceEngine {
  private ReferenceEngine() {
  }

  /**
   * Returns every row of a test table's cube in the driver's column layout (dates as epoch
   * days), so other engines can be loaded with the same rows.
   */
  public static List<Object[]> rows(TestTable table) {
    return new FullCube(table).scan(null).toList();
  }

  public static Connection connect(TestCatalog catalog) throws SQLException {
    Properties p = new Properties();
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("quotedCasing", "UNCHANGED");
    p.setProperty("parserFactory", "org.apache.calcite.sql.parser.babel.SqlBabelParserImpl#FACTORY");
    // Calcite's driver directly: loading the pxweb driver deregisters jdbc:calcite:.
    Connection c = new org.apache.calcite.jdbc.Driver().connect("jdbc:calcite:", p);
    CalciteConnection calcite = c.unwrap(CalciteConnection.class);
    Map<String, Table> tables = new LinkedHashMap<>();
    for (TestTable t : catalog.tables()) {
      tables.put(t.id(), new FullCube(t));
    }
    calcite.getRootSchema().add("statbank", new AbstractSchema() {
      @Override protected Map<String, Table> getTableMap() {
        return tables;
      }
    });
    calcite.setSchema("statbank");
    return c;
  }

  /** Every row of one table's cube, computed from the test catalog. */
  private static final class FullCube extends AbstractTable implements ScannableTable {
    private final TestTable table;
    private final ColumnLayout layout;

    FullCube(TestTable table) {
      this.table = table;
      try {
        TableMetadata metadata = ApiDocuments.metadata(table.id(), table.metadata());
        this.layout = ColumnLayout.of(metadata);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return layout.rowType(typeFactory);
    }

    @Override public Enumerable<Object[]> scan(DataContext root) {
      List<Variable> variables = layout.metadata().variables();
      List<Object[]> rows = new ArrayList<>();
      int[] odometer = new int[variables.size()];
      while (true) {
        rows.add(row(variables, odometer));
        int v = variables.size() - 1;
        for (; v >= 0; v--) {
          if (variables.get(v).role() == VariableRole.CONTENT) {
            continue;
          }
          if (++odometer[v] < variables.get(v).size()) {
            break;
          }
          odometer[v] = 0;
        }
        if (v < 0) {
          return Linq4j.asEnumerable(rows);
        }
      }
    }

    private Object[] row(List<Variable> variables, int[] odometer) {
      Object[] row = new Object[layout.columns().size()];
      for (int i = 0; i < row.length; i++) {
        ColumnLayout.Column c = layout.column(i);
        switch (c.kind()) {
          case CODE -> row[i] = variables.get(c.variable()).values().get(odometer[c.variable()]).code();
          case LABEL -> row[i] = variables.get(c.variable()).values().get(odometer[c.variable()]).label();
          case DATE -> {
            LocalDate d = PeriodDates.firstDay(
                variables.get(c.variable()).values().get(odometer[c.variable()]).code());
            row[i] = d == null ? null : (int) d.toEpochDay();
          }
          default -> {
            String[] codes = new String[variables.size()];
            for (int v = 0; v < codes.length; v++) {
              codes[v] = variables.get(v).role() == VariableRole.CONTENT
                  ? variables.get(v).values().get(c.content()).code()
                  : variables.get(v).values().get(odometer[v]).code();
            }
            Cell cell = table.cell(codes);
            row[i] = c.kind() == ColumnLayout.Kind.STATUS ? cell.status()
                : cell.value() == null ? null
                : cell.value().setScale(layout.decimals(c), RoundingMode.HALF_UP);
          }
        }
      }
      return row;
    }
  }

}
