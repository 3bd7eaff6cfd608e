package io.pxweb.jdbc.plan;

import io.pxweb.jdbc.metadata.Value;
import io.pxweb.jdbc.metadata.Variable;
import io.pxweb.jdbc.metadata.VariableRole;
import io.pxweb.jdbc.schema.ColumnLayout;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.calcite.DataContext;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/**
 * What a scan of one statbank table fetches: the values selected per variable, the columns
 * it returns, and the row bounds pushed from ORDER BY ... LIMIT or LIMIT.
 *
 * <p>Immutable; the planner rules derive narrower specs with the {@code with...} methods.
 * Predicates with prepared-statement parameters are kept as {@link RuntimeConjunct}s and
 * evaluated when the statement runs, because their values are unknown at plan time.
 */
public final class ScanSpec {
  /**
   * A predicate over one variable's columns that needs parameter values to be evaluated.
   *
   * @param variable variable index in metadata order
   * @param predicate the predicate, input refs as table column indexes
   */
  public record RuntimeConjunct(int variable, RexNode predicate) {
  }

  private final ColumnLayout layout;
  private final BitSet[] selected;
  private final List<RuntimeConjunct> runtime;
  private final int[] projection;
  private final long latestRows;
  private final boolean latestDescending;
  private final long leadingRows;

  private ScanSpec(ColumnLayout layout, BitSet[] selected, List<RuntimeConjunct> runtime,
      int[] projection, long latestRows, boolean latestDescending, long leadingRows) {
    this.layout = layout;
    this.selected = selected;
    this.runtime = List.copyOf(runtime);
    this.projection = projection;
    this.latestRows = latestRows;
    this.latestDescending = latestDescending;
    this.leadingRows = leadingRows;
  }

  /** Returns the spec of a full scan: every value, every column. */
  public static ScanSpec full(ColumnLayout layout) {
    List<Variable> variables = layout.metadata().variables();
    BitSet[] all = new BitSet[variables.size()];
    for (int v = 0; v < all.length; v++) {
      all[v] = new BitSet();
      all[v].set(0, variables.get(v).size());
    }
    int[] projection = IntStream.range(0, layout.columns().size()).toArray();
    return new ScanSpec(layout, all, List.of(), projection, 0, false, 0);
  }

  public ColumnLayout layout() {
    return layout;
  }

  /** Returns the table columns this scan returns, in output order. */
  public int[] projection() {
    return projection.clone();
  }

  public List<RuntimeConjunct> runtime() {
    return runtime;
  }

  public boolean hasRowBound() {
    return latestRows > 0 || leadingRows > 0;
  }

  /** Returns a spec whose selections are narrowed by per-variable restrictions. */
  public ScanSpec withRestrictions(BitSet[] restrictions, List<RuntimeConjunct> moreRuntime) {
    BitSet[] narrowed = copy(selected);
    for (int v = 0; v < narrowed.length; v++) {
      if (restrictions[v] != null) {
        narrowed[v].and(restrictions[v]);
      }
    }
    List<RuntimeConjunct> all = new ArrayList<>(runtime);
    all.addAll(moreRuntime);
    return new ScanSpec(layout, narrowed, all, projection, latestRows, latestDescending,
        leadingRows);
  }

  /** Returns a spec that returns only the given columns (indexes into this scan's output). */
  public ScanSpec withProjection(int[] outputColumns) {
    int[] p = new int[outputColumns.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = projection[outputColumns[i]];
    }
    return new ScanSpec(layout, selected, runtime, p, latestRows, latestDescending, leadingRows);
  }

  /** Returns a spec that fetches only the periods holding the first {@code rows} rows by time. */
  public ScanSpec withLatest(long rows, boolean descending) {
    return new ScanSpec(layout, selected, runtime, projection, rows, descending, leadingRows);
  }

  /** Returns a spec that fetches only enough leading cells for {@code rows} rows. */
  public ScanSpec withLeading(long rows) {
    return new ScanSpec(layout, selected, runtime, projection, latestRows, latestDescending, rows);
  }

  /** Returns whether any selection of this spec differs from another's (plan-time view). */
  boolean narrowerThan(ScanSpec other) {
    for (int v = 0; v < selected.length; v++) {
      if (!selected[v].equals(other.selected[v])) {
        return true;
      }
    }
    return runtime.size() != other.runtime.size();
  }

  /** Returns whether the scan needs cells at all: false when no measure or status is returned. */
  public boolean needsCells() {
    for (int c : projection) {
      ColumnLayout.Kind kind = layout.column(c).kind();
      if (kind == ColumnLayout.Kind.MEASURE || kind == ColumnLayout.Kind.STATUS) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the positions to fetch per variable (metadata order). With a data context the
   * runtime conjuncts are applied with the statement's parameter values; without one (plan
   * time) they are left out, so the result bounds what will be fetched.
   */
  public BitSet[] resolve(DataContext context, RexBuilder rexBuilder) {
    BitSet[] s = copy(selected);
    if (context != null) {
      for (RuntimeConjunct c : runtime) {
        RexNode bound = bindParameters(c.predicate(), context, rexBuilder);
        s[c.variable()].and(ValuePredicate.evaluate(rexBuilder, layout, c.variable(), bound));
      }
    }
    List<Variable> variables = layout.metadata().variables();
    for (int v = 0; v < variables.size(); v++) {
      if (variables.get(v).role() == VariableRole.CONTENT) {
        s[v].and(usedContents());
      }
    }
    if (latestRows > 0) {
      applyLatest(s);
    }
    if (leadingRows > 0) {
      applyLeading(s);
    }
    return s;
  }

  /** Returns the content values whose measure or status columns this scan returns. */
  private BitSet usedContents() {
    BitSet used = new BitSet();
    for (int c : projection) {
      ColumnLayout.Column column = layout.column(c);
      if (column.kind() == ColumnLayout.Kind.MEASURE || column.kind() == ColumnLayout.Kind.STATUS) {
        used.set(column.content());
      }
    }
    return used;
  }

  private void applyLatest(BitSet[] s) {
    List<Variable> variables = layout.metadata().variables();
    int time = timeIndex();
    long perPeriod = 1;
    for (int v = 0; v < variables.size(); v++) {
      if (v != time && variables.get(v).role() != VariableRole.CONTENT) {
        perPeriod *= s[v].cardinality();
      }
    }
    if (perPeriod == 0) {
      return;
    }
    long periods = (latestRows + perPeriod - 1) / perPeriod;
    s[time] = latestDescending ? last(s[time], periods) : first(s[time], periods);
  }

  /**
   * Narrows the selections to the smallest box holding the first rows in row order
   * (metadata order, last variable fastest): the slowest variables keep their first value
   * while one value still holds enough rows, then one variable keeps its first few values.
   */
  private void applyLeading(BitSet[] s) {
    List<Variable> variables = layout.metadata().variables();
    List<Integer> rowVars = new ArrayList<>();
    for (int v = 0; v < variables.size(); v++) {
      if (variables.get(v).role() != VariableRole.CONTENT) {
        rowVars.add(v);
      }
    }
    long need = leadingRows;
    for (int i = 0; i < rowVars.size(); i++) {
      long rest = 1;
      for (int j = i + 1; j < rowVars.size(); j++) {
        rest *= s[rowVars.get(j)].cardinality();
      }
      if (rest == 0) {
        return;
      }
      int v = rowVars.get(i);
      long values = (need + rest - 1) / rest;
      if (values >= s[v].cardinality()) {
        return;
      }
      s[v] = first(s[v], values);
      if (values > 1) {
        return;
      }
    }
  }

  int timeIndex() {
    List<Variable> variables = layout.metadata().variables();
    for (int v = 0; v < variables.size(); v++) {
      if (variables.get(v).role() == VariableRole.TIME) {
        return v;
      }
    }
    return -1;
  }

  private static BitSet first(BitSet s, long n) {
    BitSet out = new BitSet();
    int count = 0;
    for (int i = s.nextSetBit(0); i >= 0 && count < n; i = s.nextSetBit(i + 1), count++) {
      out.set(i);
    }
    return out;
  }

  private static BitSet last(BitSet s, long n) {
    BitSet out = new BitSet();
    int count = 0;
    for (int i = s.previousSetBit(s.length() - 1); i >= 0 && count < n;
        i = s.previousSetBit(i - 1), count++) {
      out.set(i);
    }
    return out;
  }

  private static BitSet[] copy(BitSet[] s) {
    BitSet[] c = new BitSet[s.length];
    for (int i = 0; i < s.length; i++) {
      c[i] = (BitSet) s[i].clone();
    }
    return c;
  }

  private static RexNode bindParameters(RexNode node, DataContext context, RexBuilder rexBuilder) {
    return node.accept(new RexShuttle() {
      @Override public RexNode visitDynamicParam(RexDynamicParam param) {
        Object value = context.get("?" + param.getIndex());
        return value == null ? rexBuilder.makeNullLiteral(param.getType())
            : rexBuilder.makeLiteral(value, param.getType(), true);
      }
    });
  }

  /**
   * Describes the selection for EXPLAIN: restricted variables only, e.g.
   * {@code [Region=[0301], ContentsCode=[Personer1], Tid=top(5)]}; {@code ?} marks a variable
   * restricted by a parameter.
   */
  public String describeSelection(BitSet[] resolved, boolean cells) {
    List<String> parts = new ArrayList<>();
    List<Variable> variables = layout.metadata().variables();
    for (int v = 0; v < variables.size(); v++) {
      Variable var = variables.get(v);
      BitSet s = resolved[v];
      boolean parameterized = false;
      for (RuntimeConjunct c : runtime) {
        parameterized |= c.variable() == v;
      }
      String text;
      if ((s.cardinality() == var.size() && !parameterized)
          || (var.role() == VariableRole.CONTENT && !cells)) {
        continue;
      } else if (var.role() == VariableRole.TIME && s.cardinality() > 0
          && s.nextSetBit(0) == var.size() - s.cardinality()
          && s.nextClearBit(s.nextSetBit(0)) == var.size()) {
        text = "top(" + s.cardinality() + ")";
      } else {
        List<String> codes = new ArrayList<>();
        for (int i = s.nextSetBit(0); i >= 0 && codes.size() < 6; i = s.nextSetBit(i + 1)) {
          Value value = var.values().get(i);
          codes.add(value.code());
        }
        text = s.cardinality() > 6
            ? "[" + String.join(", ", codes.subList(0, 5)) + ", ... (" + s.cardinality() + " values)]"
            : "[" + String.join(", ", codes) + "]";
      }
      parts.add(var.code() + "=" + text + (parameterized ? "?" : ""));
    }
    return "[" + String.join(", ", parts) + "]";
  }
}
