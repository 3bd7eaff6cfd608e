package io.pxweb.jdbc.testserver;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A data request checked against a table: the selected positions of every variable (an
 * empty set means the variable is eliminated) and the requested placement.
 *
 * <p>The checks run in the order of {@code SelectionHandler.ExpandAndVerfiySelections}
 * (PxWebApi): variables, codelists, mandatory variables, expressions, cell count.
 * With a codelist applied the variable's expressions, values and cell count are those of
 * the codelist.
 */
final class ResolvedSelection {

  /** At most this many stub values in a default selection (VariablesSelectionExtensions.cs). */
  private static final int STUB_CAP = 1500;
  /** At most this many heading values, hence the "last 13 periods" (PxWebApi). */
  private static final int HEADING_CAP = 13;

  final TestTable table;
  /**
   * Selected positions per table variable; for a variable in {@link #codelists} they are
   * positions in codelist order.
   */
  final Map<TestVariable, BitSet> selected;
  /** The codelists applied, per table variable (only variables with a selection). */
  final Map<TestVariable, TestCodelist> codelists;
  final List<String> heading;
  final List<String> stub;

  private ResolvedSelection(TestTable table, Map<TestVariable, BitSet> selected,
      Map<TestVariable, TestCodelist> codelists, List<String> heading, List<String> stub) {
    this.table = table;
    this.selected = selected;
    this.codelists = codelists;
    this.heading = heading;
    this.stub = stub;
  }

  /** The variable as the output shows it: the codelist's view when one is applied. */
  TestVariable shown(TestVariable v) {
    TestCodelist c = codelists.get(v);
    return c == null ? v : c.asVariable();
  }

  /** The applied codelists by position in {@code table.variables()}, nulls elsewhere. */
  TestCodelist[] codelistsByPosition() {
    List<TestVariable> all = table.variables();
    TestCodelist[] out = new TestCodelist[all.size()];
    codelists.forEach((v, c) -> out[all.indexOf(v)] = c);
    return out;
  }

  static ResolvedSelection resolve(TestTable table, RequestedSelection request, int maxDataCells) {
    if (request.isEmpty()) {
      // No selection: the default selection, and any requested placement is dropped.
      return new ResolvedSelection(table, defaultSelection(table), Map.of(), List.of(),
          List.of());
    }
    Map<TestVariable, List<String>> tokens = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : request.valueCodes.entrySet()) {
      TestVariable v = table.findVariable(e.getKey())
          .orElseThrow(ApiProblem::nonExistentVariable);
      tokens.computeIfAbsent(v, k -> new ArrayList<>()).addAll(e.getValue());
    }
    Map<TestVariable, TestCodelist> codelists = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : request.codelists.entrySet()) {
      TestVariable v = table.findVariable(e.getKey())
          .orElseThrow(ApiProblem::nonExistentVariable);
      // Ids need their agg_/vs_ prefix and match exactly (case-sensitive, PxWebApi);
      // every codelist here has its prefix, so an exact lookup covers both checks.
      codelists.put(v, table.findCodelist(v.code(), e.getValue())
          .orElseThrow(ApiProblem::nonExistentCodelist));
    }
    for (TestVariable v : table.variables()) {
      if (!v.elimination() && tokens.getOrDefault(v, List.of()).isEmpty()) {
        throw ApiProblem.missingSelection();
      }
    }
    Map<TestVariable, BitSet> selected = new LinkedHashMap<>();
    for (TestVariable v : table.variables()) {
      List<String> t = tokens.get(v);
      // With a codelist the tokens resolve against the codelist's codes (PxWebApi
      // "Codelists"), and the positions are codelist positions.
      TestCodelist c = codelists.get(v);
      BitSet bits = t == null ? new BitSet()
          : SelectionExpression.expand(c == null ? v : c.asVariable(), t);
      if (bits.isEmpty() && !v.elimination()) {
        // An expression that matched nothing leaves a mandatory variable without values.
        throw ApiProblem.missingSelection();
      }
      selected.put(v, bits);
    }
    long cells = 1;
    for (BitSet b : selected.values()) {
      // Eliminated variables count as 1 (PxWebApi).
      cells *= Math.max(1, b.cardinality());
    }
    if (cells > maxDataCells) {
      throw ApiProblem.tooManyCells();
    }
    // A codelist on a variable whose selection came out empty (eliminated) has no effect.
    codelists.keySet().removeIf(v -> selected.get(v).isEmpty());
    return new ResolvedSelection(table, selected, codelists, request.heading, request.stub);
  }

  /**
   * An approximation of PxWebApi's default selection ({@code Bjarte3.cs}, PxWebApi
   * "GET /tables/{id}/defaultselection"): content and time plus up to two classification
   * variables. Where the contract leaves choices open this picks the first variables.
   */
  static Map<TestVariable, BitSet> defaultSelection(TestTable table) {
    Map<TestVariable, BitSet> s = new LinkedHashMap<>();
    table.variables().forEach(v -> s.put(v, new BitSet()));
    Optional<TestVariable> content = table.contentVariable();
    Optional<TestVariable> time = table.timeVariable();
    List<TestVariable> others = table.variables().stream()
        .filter(v -> !v.isContent() && !v.isTime()).toList();
    if (content.isEmpty() || time.isEmpty()) {
      // SimpleDefaultSelection.cs: first value of every mandatory variable.
      for (TestVariable v : table.variables()) {
        if (!v.elimination()) {
          s.get(v).set(0);
        }
      }
      return s;
    }
    TestVariable c = content.get();
    TestVariable t = time.get();
    if (others.isEmpty()) {
      s.get(c).set(0, c.size());
      last(s.get(t), t, HEADING_CAP);
    } else if (others.size() == 1) {
      if (c.size() == 1) {
        s.get(c).set(0);
        last(s.get(t), t, HEADING_CAP);
      } else {
        s.get(c).set(0, c.size());
        last(s.get(t), t, 1);
      }
      TestVariable o = others.get(0);
      s.get(o).set(0, Math.min(o.size(), STUB_CAP));
    } else {
      s.get(c).set(0);
      last(s.get(t), t, 1);
      for (int i = 0; i < others.size(); i++) {
        TestVariable o = others.get(i);
        if (i < 2) {
          s.get(o).set(0, Math.min(o.size(), STUB_CAP));
        } else if (!o.elimination()) {
          s.get(o).set(0);
        }
      }
    }
    return s;
  }

  private static void last(BitSet bits, TestVariable v, int n) {
    bits.set(Math.max(0, v.size() - n), v.size());
  }
}
