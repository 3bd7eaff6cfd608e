package io.pxweb.jdbc.adapter;

import io.pxweb.jdbc.model.Value;
import io.pxweb.jdbc.model.Variable;
import io.pxweb.jdbc.model.VariableRole;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.calcite.DataContext;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
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
   * A predicate that needs parameter values to be evaluated: over one variable's columns, or
   * an OR across variables whose bounding box narrows the selections.
   *
   * @param variable variable index in metadata order, or {@link #BOX}
   * @param predicate the predicate, input refs as table column indexes
   */
  public record RuntimeConjunct(int variable, RexNode predicate) {
    /** The variable of an OR across variables: it stays a filter, its box narrows the scan. */
    public static final int BOX = -1;
  }

  private final ColumnLayout layout;
  private final BitSet[] selected;
  private final List<RuntimeConjunct> runtime;
  /**
   * One key of the order a row bound follows: a variable's codes, or its period dates, in
   * ascending or descending order.
   *
   * @param variable variable index in metadata order
   * @param dates whether the key is the variable's dates rather than its codes
   * @param descending whether the order is descending
   */
  public record OrderKey(int variable, boolean dates, boolean descending) {
  }

  private final int[] projection;
  /** The rows the scan must hold the first of; 0 when unbounded. */
  private final long boundRows;
  /** The order those first rows follow; empty for the table's own row order. */
  private final List<OrderKey> boundOrder;

  private ScanSpec(ColumnLayout layout, BitSet[] selected, List<RuntimeConjunct> runtime,
      int[] projection, long boundRows, List<OrderKey> boundOrder) {
    this.layout = layout;
    this.selected = selected;
    this.runtime = List.copyOf(runtime);
    this.projection = projection;
    this.boundRows = boundRows;
    this.boundOrder = List.copyOf(boundOrder);
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
    return new ScanSpec(layout, all, List.of(), projection, 0, List.of());
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
    return boundRows > 0;
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
    for (RuntimeConjunct c : moreRuntime) {
      // An OR stays a filter above the scan, and the rule meets it again: one copy is enough
      // (each copy would make a new scan for the planner, without end).
      if (!all.contains(c)) {
        all.add(c);
      }
    }
    return new ScanSpec(layout, narrowed, all, projection, boundRows, boundOrder);
  }

  /** Returns a spec that returns only the given columns (indexes into this scan's output). */
  public ScanSpec withProjection(int[] outputColumns) {
    int[] p = new int[outputColumns.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = projection[outputColumns[i]];
    }
    return new ScanSpec(layout, selected, runtime, p, boundRows, boundOrder);
  }

  /**
   * Returns a spec that fetches only the values holding the first {@code rows} rows in an
   * order: the keys' variables, each in its codes' or dates' order, then any order.
   */
  public ScanSpec withFirstRows(long rows, List<OrderKey> order) {
    return new ScanSpec(layout, selected, runtime, projection, rows, order);
  }

  /** Returns a spec that fetches only enough leading cells for {@code rows} rows. */
  public ScanSpec withLeading(long rows) {
    return withFirstRows(rows, List.of());
  }

  /**
   * The rows an OFFSET without LIMIT skips in a key's order, left out of the scan: the spec
   * without the key's leading values whose rows all lie among the first {@code offset}, and how
   * many rows those are (the sort above skips only the rest). Null when none can be left out:
   * fewer rows to skip than one value holds, or selections that parameters narrow only when the
   * statement runs. One value of the key is always kept.
   */
  public Skipped skipLeading(long offset, OrderKey key) {
    if (!runtime.isEmpty() || boundRows > 0 || offset <= 0) {
      return null;
    }
    int v = key.variable();
    List<Variable> variables = layout.metadata().variables();
    long rowsPerValue = 1;
    for (int w = 0; w < variables.size(); w++) {
      if (w != v && variables.get(w).role() != VariableRole.CONTENT) {
        rowsPerValue *= selected[w].cardinality();
      }
    }
    long values = rowsPerValue == 0 ? 0 : Math.min(offset / rowsPerValue,
        selected[v].cardinality() - 1L);
    if (values <= 0) {
      return null;
    }
    BitSet[] narrowed = copy(selected);
    narrowed[v].andNot(first(selected[v], values, ordered(v, key)));
    return new Skipped(new ScanSpec(layout, narrowed, runtime, projection, 0, List.of()),
        values * rowsPerValue);
  }

  /** A spec without the leading rows an offset skips, and how many rows it left out. */
  public record Skipped(ScanSpec spec, long rows) {
  }

  /**
   * Specs are equal when they fetch and return the same: the planner merges scans whose
   * digests are equal, and EXPLAIN's text does not show the returned columns.
   */
  @Override public boolean equals(Object o) {
    return o instanceof ScanSpec other && layout == other.layout
        && Arrays.equals(selected, other.selected)
        && Arrays.equals(projection, other.projection)
        && runtime.equals(other.runtime) && boundRows == other.boundRows
        && boundOrder.equals(other.boundOrder);
  }

  @Override public int hashCode() {
    return Objects.hash(Arrays.hashCode(selected),
        Arrays.hashCode(projection), runtime, boundRows, boundOrder);
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
        if (c.variable() == RuntimeConjunct.BOX) {
          BitSet[] box = new PredicateTranslator(layout, rexBuilder).boundingBox(bound);
          for (int v = 0; box != null && v < box.length; v++) {
            if (box[v] != null) {
              s[v].and(box[v]);
            }
          }
        } else {
          s[c.variable()].and(ValuePredicate.evaluate(rexBuilder, layout, c.variable(), bound));
        }
      }
    }
    List<Variable> variables = layout.metadata().variables();
    for (int v = 0; v < variables.size(); v++) {
      if (variables.get(v).role() == VariableRole.CONTENT) {
        s[v].and(usedContents());
      }
    }
    if (boundRows > 0) {
      applyFirstRows(s);
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

  /**
   * Narrows the selections to the smallest box holding the first rows in the bound's order
   * (the table's row order when none is given: metadata order, last variable fastest): while
   * one value of the leading variable still holds enough rows, that variable keeps its first
   * value and the next key narrows within it; then one variable keeps its first few values.
   */
  private void applyFirstRows(BitSet[] s) {
    List<Variable> variables = layout.metadata().variables();
    List<OrderKey> keys = boundOrder;
    if (keys.isEmpty()) {
      List<OrderKey> tableOrder = new ArrayList<>();
      for (int v = 0; v < variables.size(); v++) {
        if (variables.get(v).role() != VariableRole.CONTENT) {
          tableOrder.add(new OrderKey(v, false, false));
        }
      }
      keys = tableOrder;
    }
    List<Integer> done = new ArrayList<>();
    for (OrderKey key : keys) {
      int v = key.variable();
      done.add(v);
      long rest = 1;
      for (int w = 0; w < variables.size(); w++) {
        if (!done.contains(w) && variables.get(w).role() != VariableRole.CONTENT) {
          rest *= s[w].cardinality();
        }
      }
      if (rest == 0) {
        return;
      }
      long values = (boundRows + rest - 1) / rest;
      if (values >= s[v].cardinality()) {
        return;
      }
      s[v] = first(s[v], values, ordered(v, key));
      if (values > 1) {
        return;
      }
    }
  }

  /** Returns a variable's value positions in a key's order. */
  private List<Integer> ordered(int variable, OrderKey key) {
    List<Value> values = layout.metadata().variables().get(variable).values();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      positions.add(i);
    }
    Comparator<Integer> order = key.dates()
        ? Comparator.comparing(i -> PeriodDates.firstDay(values.get(i).code()))
        : Comparator.comparing(i -> values.get(i).code());
    positions.sort(key.descending() ? order.reversed() : order);
    return positions;
  }

  /**
   * Returns whether a variable's codes (or period dates) order its values strictly, so the
   * first rows in that order are known from the metadata: codes always do; dates when every
   * value has one and no two share it.
   */
  public boolean orders(OrderKey key) {
    if (!key.dates()) {
      return true;
    }
    Set<LocalDate> seen = new HashSet<>();
    for (Value value : layout.metadata().variables().get(key.variable()).values()) {
      LocalDate d = PeriodDates.firstDay(value.code());
      if (d == null || !seen.add(d)) {
        return false;
      }
    }
    return true;
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

  /** Returns the first {@code n} selected positions in an order of all positions. */
  private static BitSet first(BitSet s, long n, List<Integer> order) {
    BitSet out = new BitSet();
    int count = 0;
    for (int i : order) {
      if (count >= n) {
        break;
      }
      if (s.get(i)) {
        out.set(i);
        count++;
      }
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
        Object value = PredicateReader.parameterValue(param, context);
        return value == null ? rexBuilder.makeNullLiteral(param.getType())
            : rexBuilder.makeLiteral(value, param.getType(), true);
      }

      @Override public RexNode visitCall(RexCall call) {
        return PredicateReader.isClockFunction(call)
            ? PredicateReader.clockValue(call, context, rexBuilder) : super.visitCall(call);
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
