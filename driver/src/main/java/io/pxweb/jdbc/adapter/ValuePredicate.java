package io.pxweb.jdbc.adapter;

import io.pxweb.jdbc.model.Value;
import io.pxweb.jdbc.model.Variable;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContexts;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutable;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/**
 * Evaluator of a predicate over one variable's columns ({@code V}, {@code V_label},
 * {@code V_date}) against every value of the variable, giving the exact set of values it keeps.
 *
 * <p>This is what makes pushdown exact: whatever SQL the user writes about one variable
 * ({@code LIKE}, {@code UPPER}, {@code SUBSTRING}, ranges, dates, NOT ...), Calcite's own
 * executor compiles it once and runs it on the metadata's codes, labels and dates; only the
 * codes that pass are sent. Three-valued logic holds: a predicate that is NULL for a value
 * drops the value, as WHERE does. The common shapes (a column compared with a literal, IN
 * lists, ranges) are evaluated by {@link SimplePredicate} without compiling anything.
 */
final class ValuePredicate {
  private ValuePredicate() {
  }

  /**
   * Returns the positions (table order) of the values for which the predicate is true.
   *
   * @param predicate a predicate whose input refs are table columns of {@code variable} only,
   *     with no dynamic parameters
   */
  static BitSet evaluate(RexBuilder rexBuilder, ColumnLayout layout, int variable,
      RexNode predicate) {
    RelDataTypeFactory types = rexBuilder.getTypeFactory();
    RelDataType tableRow = layout.rowType(types);
    int[] slot = new int[layout.columns().size()];
    Arrays.fill(slot, -1);
    RelDataTypeFactory.Builder mini = types.builder();
    int n = 0;
    for (int i = 0; i < layout.columns().size(); i++) {
      ColumnLayout.Column c = layout.column(i);
      if (c.variable() == variable && (c.kind() == ColumnLayout.Kind.CODE
          || c.kind() == ColumnLayout.Kind.LABEL || c.kind() == ColumnLayout.Kind.DATE)) {
        slot[i] = n++;
        mini.add(tableRow.getFieldList().get(i));
      }
    }
    RelDataType miniRow = mini.build();
    RexNode rewritten = PredicateReader.expandSearch(rexBuilder, predicate).accept(new RexShuttle() {
      @Override public RexNode visitInputRef(RexInputRef ref) {
        int s = slot[ref.getIndex()];
        if (s < 0) {
          throw new IllegalArgumentException("column " + ref.getIndex()
              + " is not a column of variable " + variable);
        }
        return new RexInputRef(s, ref.getType());
      }
    });
    Variable var = layout.metadata().variables().get(variable);
    BitSet keep = new BitSet(var.size());
    Object[] record = new Object[n];
    SimplePredicate simple = SimplePredicate.of(rewritten, miniRow);
    RexExecutable executable = null;
    if (simple == null) {
      executable = RexExecutorImpl.getExecutable(rexBuilder, List.of(rewritten), miniRow);
      executable.setDataContext(DataContexts.of(Map.of("inputRecord", record)));
    }
    for (int p = 0; p < var.size(); p++) {
      Value value = var.values().get(p);
      int k = 0;
      for (int i = 0; i < layout.columns().size(); i++) {
        if (slot[i] >= 0) {
          record[k++] = switch (layout.column(i).kind()) {
            case CODE -> value.code();
            case LABEL -> value.label();
            default -> {
              LocalDate day = PeriodDates.firstDay(value.code());
              yield day == null ? null : (int) day.toEpochDay();
            }
          };
        }
      }
      if (simple != null ? simple.isTrue(record)
          : Boolean.TRUE.equals(executable.execute()[0])) {
        keep.set(p);
      }
    }
    return keep;
  }
}
