package io.pxweb.jdbc.adapter;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Translator of WHERE conjuncts into per-variable selections, returning what is pushed and
 * what remains for Calcite. The condition's shape is read with {@link PredicateReader}; SEARCH
 * calls stay as they are here (they are residual filters, shown in EXPLAIN) and are expanded
 * only where values are evaluated.
 *
 * <ul>
 *   <li>A conjunct over one variable's columns is decided exactly, value by value, from the
 *       metadata ({@link ValuePredicate}), and removed; with parameters it is kept for run time.
 *   <li>An OR across variables pushes its bounding box (per variable, the union of what each
 *       disjunct allows) and stays as a residual filter, so the result is exact.
 *   <li>Anything touching a measure or status column stays residual.
 * </ul>
 */
final class PredicateTranslator {
  private final ColumnLayout layout;
  private final RexBuilder rexBuilder;

  /** The outcome: restrictions per variable (null = none), runtime conjuncts, residual conjuncts. */
  record Result(BitSet[] restrictions, List<ScanSpec.RuntimeConjunct> runtime,
      List<RexNode> residual) {
    boolean pushedAnything() {
      for (BitSet b : restrictions) {
        if (b != null) {
          return true;
        }
      }
      return !runtime.isEmpty();
    }
  }

  PredicateTranslator(ColumnLayout layout, RexBuilder rexBuilder) {
    this.layout = layout;
    this.rexBuilder = rexBuilder;
  }

  /** Translates a filter condition whose input refs are table column indexes. */
  Result translate(RexNode condition) {
    int variables = layout.metadata().variables().size();
    BitSet[] restrictions = new BitSet[variables];
    List<ScanSpec.RuntimeConjunct> runtime = new ArrayList<>();
    List<RexNode> residual = new ArrayList<>();
    for (RexNode conjunct : PredicateReader.conjuncts(condition)) {
      if (PredicateReader.hasOtherDynamicFunction(conjunct)) {
        residual.add(conjunct);
        continue;
      }
      int variable = singleVariable(conjunct);
      if (variable >= 0) {
        if (PredicateReader.hasParameter(conjunct)) {
          runtime.add(new ScanSpec.RuntimeConjunct(variable, conjunct));
        } else {
          restrict(restrictions, variable, ValuePredicate.evaluate(rexBuilder, layout, variable,
              conjunct));
        }
        continue;
      }
      residual.add(conjunct);
      BitSet[] box = boundingBox(conjunct);
      if (box != null) {
        for (int v = 0; v < variables; v++) {
          if (box[v] != null) {
            restrict(restrictions, v, box[v]);
          }
        }
      } else if (conjunct.getKind() == SqlKind.OR && PredicateReader.hasParameter(conjunct)
          && boundable(conjunct)) {
        // Its box needs the parameters' values: computed when the statement runs.
        runtime.add(new ScanSpec.RuntimeConjunct(ScanSpec.RuntimeConjunct.BOX, conjunct));
      }
    }
    return new Result(restrictions, runtime, residual);
  }

  private static void restrict(BitSet[] restrictions, int variable, BitSet allowed) {
    if (restrictions[variable] == null) {
      restrictions[variable] = (BitSet) allowed.clone();
    } else {
      restrictions[variable].and(allowed);
    }
  }

  /**
   * Returns whether an OR can be bounded once its parameters are bound: every disjunct has a
   * conjunct over one variable, or an OR that can be bounded.
   */
  private boolean boundable(RexNode node) {
    if (node.getKind() != SqlKind.OR) {
      return false;
    }
    for (RexNode disjunct : PredicateReader.disjuncts(node)) {
      boolean bounded = false;
      for (RexNode c : PredicateReader.conjuncts(disjunct)) {
        bounded |= singleVariable(c) >= 0 || boundable(c);
      }
      if (!bounded) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns, for an OR of conjunctions, the per-variable union of what each disjunct allows;
   * null when some disjunct cannot be bounded (it touches a measure, or a parameter: such an
   * OR is bounded when the statement runs, with the parameters' values).
   */
  BitSet[] boundingBox(RexNode node) {
    if (node.getKind() != SqlKind.OR || PredicateReader.hasParameter(node)) {
      return null;
    }
    int variables = layout.metadata().variables().size();
    BitSet[] union = new BitSet[variables];
    boolean[] unrestricted = new boolean[variables];
    for (RexNode disjunct : PredicateReader.disjuncts(node)) {
      BitSet[] box = new BitSet[variables];
      boolean bounded = false;
      for (RexNode c : PredicateReader.conjuncts(disjunct)) {
        int v = singleVariable(c);
        if (v >= 0) {
          restrict(box, v, ValuePredicate.evaluate(rexBuilder, layout, v, c));
          bounded = true;
        } else {
          BitSet[] inner = boundingBox(c);
          if (inner != null) {
            for (int i = 0; i < variables; i++) {
              if (inner[i] != null) {
                restrict(box, i, inner[i]);
                bounded = true;
              }
            }
          }
        }
      }
      if (!bounded) {
        return null;
      }
      for (int v = 0; v < variables; v++) {
        if (box[v] == null) {
          unrestricted[v] = true;
        } else if (union[v] == null) {
          union[v] = box[v];
        } else {
          union[v].or(box[v]);
        }
      }
    }
    for (int v = 0; v < variables; v++) {
      if (unrestricted[v]) {
        union[v] = null;
      }
    }
    return union;
  }

  /** Returns the variable whose columns alone the node reads, or -1. */
  private int singleVariable(RexNode node) {
    ImmutableBitSet refs = PredicateReader.columns(node);
    if (refs.isEmpty()) {
      return -1;
    }
    int variable = -1;
    for (int column : refs) {
      ColumnLayout.Column c = layout.column(column);
      if (c.kind() == ColumnLayout.Kind.MEASURE || c.kind() == ColumnLayout.Kind.STATUS) {
        return -1;
      }
      if (variable >= 0 && c.variable() != variable) {
        return -1;
      }
      variable = c.variable();
    }
    return variable;
  }
}
