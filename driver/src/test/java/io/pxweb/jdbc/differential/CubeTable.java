package io.pxweb.jdbc.differential;

import io.pxweb.jdbc.e2e.ReferenceEngine;
import io.pxweb.jdbc.source.v2.ApiDocuments;
import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.model.Value;
import io.pxweb.jdbc.model.Variable;
import io.pxweb.jdbc.model.VariableRole;
import io.pxweb.jdbc.adapter.ColumnLayout;
import io.pxweb.jdbc.testserver.TestTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** One test table as the generator sees it: its metadata, column layout and every row. */
final class CubeTable {
  final String id;
  final TableMetadata metadata;
  final ColumnLayout layout;
  /** Every row in the driver's column layout, dates as {@link LocalDate}. */
  final List<Object[]> rows;

  private CubeTable(String id, TableMetadata metadata, ColumnLayout layout, List<Object[]> rows) {
    this.id = id;
    this.metadata = metadata;
    this.layout = layout;
    this.rows = rows;
  }

  static CubeTable of(TestTable table) throws Exception {
    TableMetadata metadata = ApiDocuments.metadata(table.id(), table.metadata());
    ColumnLayout layout = ColumnLayout.of(metadata);
    List<Object[]> rows = new ArrayList<>();
    for (Object[] r : ReferenceEngine.rows(table)) {
      Object[] row = r.clone();
      for (int i = 0; i < row.length; i++) {
        if (layout.column(i).kind() == ColumnLayout.Kind.DATE && row[i] != null) {
          row[i] = LocalDate.ofEpochDay(((Number) row[i]).longValue());
        }
      }
      rows.add(row);
    }
    return new CubeTable(table.id(), metadata, layout, rows);
  }

  List<Variable> variables() {
    return metadata.variables();
  }

  /** Indexes of the variables that make rows (all but the content variable). */
  List<Integer> dimensions() {
    List<Integer> out = new ArrayList<>();
    for (int v = 0; v < variables().size(); v++) {
      if (variables().get(v).role() != VariableRole.CONTENT) {
        out.add(v);
      }
    }
    return out;
  }

  int timeVariable() {
    for (int v = 0; v < variables().size(); v++) {
      if (variables().get(v).role() == VariableRole.TIME) {
        return v;
      }
    }
    return -1;
  }

  int contentCount() {
    for (Variable v : variables()) {
      if (v.role() == VariableRole.CONTENT) {
        return v.size();
      }
    }
    return 1;
  }

  List<Value> values(int variable) {
    return variables().get(variable).values();
  }

  /** Returns the column of a kind for a variable (CODE, LABEL or DATE), or null. */
  ColumnLayout.Column column(int variable, ColumnLayout.Kind kind) {
    for (ColumnLayout.Column c : layout.columns()) {
      if (c.variable() == variable && c.kind() == kind && c.content() < 0) {
        return c;
      }
    }
    return null;
  }

  List<ColumnLayout.Column> columns(ColumnLayout.Kind kind) {
    return layout.columns().stream().filter(c -> c.kind() == kind).toList();
  }

  int index(ColumnLayout.Column c) {
    return layout.columns().indexOf(c);
  }
}
