package io.pxweb.jdbc.differential;

import io.pxweb.jdbc.model.Value;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A generated WHERE condition: its SQL and, to bound what a query may fetch, which values of
 * each variable can satisfy it (the bounding box the metadata allows).
 */
sealed interface Condition {
  String sql();

  /** Returns the one variable the condition reads; -1 for none, several, or cells. */
  int onlyVariable();

  /** SQL's three-valued truth of a one-variable condition for one value (null: unknown). */
  Boolean truth(Value value);

  /** A predicate on one variable's code, label or date. */
  record OnVariable(int variable, String sql, Function<Value, Boolean> test)
      implements Condition {
    @Override public int onlyVariable() {
      return variable;
    }

    @Override public Boolean truth(Value value) {
      return test.apply(value);
    }
  }

  /** A predicate the metadata cannot decide (measures, statuses, subqueries). */
  record OnCells(String sql) implements Condition {
    @Override public int onlyVariable() {
      return -1;
    }

    @Override public Boolean truth(Value value) {
      throw new IllegalStateException("not decidable on metadata: " + sql);
    }
  }

  record And(Condition left, Condition right) implements Condition {
    @Override public String sql() {
      return "(" + left.sql() + " AND " + right.sql() + ")";
    }

    @Override public int onlyVariable() {
      return same(left.onlyVariable(), right.onlyVariable());
    }

    @Override public Boolean truth(Value value) {
      Boolean l = left.truth(value);
      Boolean r = right.truth(value);
      return Boolean.FALSE.equals(l) || Boolean.FALSE.equals(r) ? Boolean.FALSE
          : l == null || r == null ? null : Boolean.TRUE;
    }
  }

  record Or(Condition left, Condition right) implements Condition {
    @Override public String sql() {
      return "(" + left.sql() + " OR " + right.sql() + ")";
    }

    @Override public int onlyVariable() {
      return same(left.onlyVariable(), right.onlyVariable());
    }

    @Override public Boolean truth(Value value) {
      Boolean l = left.truth(value);
      Boolean r = right.truth(value);
      return Boolean.TRUE.equals(l) || Boolean.TRUE.equals(r) ? Boolean.TRUE
          : l == null || r == null ? null : Boolean.FALSE;
    }
  }

  record Not(Condition operand) implements Condition {
    @Override public String sql() {
      return "(NOT " + operand.sql() + ")";
    }

    @Override public int onlyVariable() {
      return operand.onlyVariable();
    }

    @Override public Boolean truth(Value value) {
      Boolean t = operand.truth(value);
      return t == null ? null : !t;
    }
  }

  private static int same(int a, int b) {
    return a == b ? a : -1;
  }

  /**
   * Returns the values per variable a row satisfying the condition can have (variables not in
   * the map are unrestricted): exact for a one-variable condition, intersected over AND,
   * joined over OR.
   */
  static Map<Integer, BitSet> box(Condition c, CubeTable table) {
    int v = c.onlyVariable();
    if (v >= 0) {
      List<Value> values = table.values(v);
      BitSet s = new BitSet();
      for (int i = 0; i < values.size(); i++) {
        if (Boolean.TRUE.equals(c.truth(values.get(i)))) {
          s.set(i);
        }
      }
      return new HashMap<>(Map.of(v, s));
    }
    Map<Integer, BitSet> out = new HashMap<>();
    if (c instanceof And a) {
      out.putAll(box(a.left(), table));
      box(a.right(), table).forEach((k, s) -> out.merge(k, s, (x, y) -> {
        BitSet z = (BitSet) x.clone();
        z.and(y);
        return z;
      }));
    } else if (c instanceof Or o) {
      Map<Integer, BitSet> l = box(o.left(), table);
      Map<Integer, BitSet> r = box(o.right(), table);
      l.forEach((k, s) -> {
        if (r.containsKey(k)) {
          BitSet z = (BitSet) s.clone();
          z.or(r.get(k));
          out.put(k, z);
        }
      });
    }
    return out;
  }
}
