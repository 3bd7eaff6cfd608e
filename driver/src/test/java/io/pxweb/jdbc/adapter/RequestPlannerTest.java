package io.pxweb.jdbc.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.model.DataRequest;
import io.pxweb.jdbc.model.Selection;
import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.model.Value;
import io.pxweb.jdbc.model.Variable;
import io.pxweb.jdbc.model.VariableRole;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestPlannerTest {
  private static Variable variable(String code, VariableRole role, int n) {
    List<Value> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      values.add(new Value(code + i, code + " " + i, null, 0));
    }
    return new Variable(code, code, role, false, null, values);
  }

  private static TableMetadata table(int... sizes) {
    List<Variable> vars = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      vars.add(variable("V" + i, i == sizes.length - 1 ? VariableRole.TIME : VariableRole.REGULAR,
          sizes[i]));
    }
    return new TableMetadata("T", "t", null, null, List.of(), vars);
  }

  private static BitSet[] all(TableMetadata t) {
    BitSet[] s = new BitSet[t.variables().size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = new BitSet();
      s[i].set(0, t.variables().get(i).size());
    }
    return s;
  }

  /** Every cell of the selection is requested exactly once. */
  private static void assertCoversExactlyOnce(TableMetadata t, List<DataRequest> requests, long cells) {
    Set<List<String>> seen = new HashSet<>();
    long total = 0;
    for (DataRequest r : requests) {
      total += r.cells();
      collect(r.selections(), 0, new ArrayList<>(), seen);
    }
    assertEquals(cells, total);
    assertEquals(cells, seen.size());
  }

  private static void collect(List<Selection> s, int i, List<String> prefix, Set<List<String>> out) {
    if (i == s.size()) {
      out.add(List.copyOf(prefix));
      return;
    }
    for (String c : s.get(i).codes()) {
      prefix.add(c);
      collect(s, i + 1, prefix, out);
      prefix.remove(prefix.size() - 1);
    }
  }

  @Test
  void smallQueryIsOneRequestWithAllSelected() {
    TableMetadata t = table(3, 4, 5);
    List<DataRequest> plan = RequestPlanner.plan(t, all(t), 1000);
    assertEquals(1, plan.size());
    assertTrue(plan.get(0).selections().stream().allMatch(Selection::all));
  }

  @Test
  void emptySelectionPlansNothing() {
    TableMetadata t = table(3, 4);
    BitSet[] s = all(t);
    s[1].clear();
    assertEquals(List.of(), RequestPlanner.plan(t, s, 1000));
  }

  @Test
  void splitsAlongTheVariableThatGivesFewestRequests() {
    // 10 x 7 x 30 = 2100 cells, limit 1000: ceil(2100/1000) = 3 requests is the floor.
    TableMetadata t = table(10, 7, 30);
    List<DataRequest> plan = RequestPlanner.plan(t, all(t), 1000);
    assertEquals(3, plan.size());
    plan.forEach(r -> assertTrue(r.cells() <= 1000, "cells " + r.cells()));
    assertCoversExactlyOnce(t, plan, 2100);
  }

  @Test
  void splitsTwoVariablesWhenOneValueOfEachIsTooMuch() {
    // 50 x 40 x 30 = 60,000 cells, limit 100: any single value of one variable leaves >= 1,200.
    TableMetadata t = table(50, 40, 30);
    List<DataRequest> plan = RequestPlanner.plan(t, all(t), 100);
    plan.forEach(r -> assertTrue(r.cells() <= 100, "cells " + r.cells()));
    assertCoversExactlyOnce(t, plan, 60_000);
    // Floor is 600; splitting one dimension value by value then chunking stays close.
    assertTrue(plan.size() <= 1000, "requests " + plan.size());
  }

  @Test
  void partialSelectionsKeepTheirCodesInTableOrder() {
    TableMetadata t = table(10, 5);
    BitSet[] s = all(t);
    s[0].clear();
    s[0].set(7);
    s[0].set(2);
    List<DataRequest> plan = RequestPlanner.plan(t, s, 1000);
    Selection first = plan.get(0).selections().get(0);
    assertEquals(List.of("V02", "V07"), first.codes());
    assertEquals(List.of(2, 7), first.positions());
    assertEquals(false, first.all());
  }
}
