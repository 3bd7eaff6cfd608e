package io.pxweb.jdbc.adapter;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/**
 * Reader of the shapes of WHERE conditions that the scans push to a source: conjuncts and
 * disjuncts, {@code column op constant} (either side), ORs of those on one column (an
 * {@code IN} list, once {@link #expandSearch expanded}), the columns a condition reads and
 * whether it holds a parameter. Each scan decides what it can push; this class only reads.
 *
 * <p>Calcite delivers a WHERE as one {@code AND}, and IN lists and ranges as {@code SEARCH}
 * calls over a {@code Sarg}; constants may be literals or prepared-statement parameters
 * ({@code ?0}, whose values the statement's {@link DataContext} holds at run time), or the
 * statement's clock ({@code CURRENT_DATE}, {@code CURRENT_TIMESTAMP}...), read there too.
 */
public final class PredicateReader {
  private PredicateReader() {
  }

  /**
   * A comparison of a column with a constant, read with the column on the left
   * ({@code 5 < x} reads as {@code x > 5}).
   *
   * @param kind {@code EQUALS}, {@code NOT_EQUALS}, a range comparison, or {@code LIKE}
   * @param constant a {@link RexLiteral} or a {@link RexDynamicParam}
   */
  public record Comparison(SqlKind kind, int column, RexNode constant) {
    /** Returns the constant if it is a literal, else null (a parameter). */
    public RexLiteral literal() {
      return constant instanceof RexLiteral l ? l : null;
    }

    /** Returns the constant's value (a parameter's from the context), or null. */
    public Object value(DataContext context) {
      if (constant instanceof RexLiteral l) {
        return l.getValue2();
      }
      return parameterValue((RexDynamicParam) constant, context);
    }
  }

  /** Expands {@code SEARCH} (IN lists, ranges) into plain comparisons, ANDs and ORs. */
  public static RexNode expandSearch(RexBuilder rexBuilder, RexNode condition) {
    return RexUtil.expandSearch(rexBuilder, null, condition);
  }

  /** Returns the operands of an {@code AND} (the node itself if it is none). */
  public static List<RexNode> conjuncts(RexNode condition) {
    return RelOptUtil.conjunctions(condition);
  }

  /** Returns the operands of an {@code OR} (the node itself if it is none). */
  public static List<RexNode> disjuncts(RexNode condition) {
    return RelOptUtil.disjunctions(condition);
  }

  /**
   * Reads {@code column op constant} or {@code constant op column}; null for any other shape.
   * {@code LIKE} is read only as {@code column LIKE constant}, without {@code ESCAPE}.
   *
   * @param throughCasts whether a {@code CAST} around the column or the constant is looked
   *     through (right where the cast does not change which values compare equal, e.g. a
   *     literal's CHAR to the column's VARCHAR)
   */
  public static Comparison comparison(RexNode node, boolean throughCasts) {
    if (!(node instanceof RexCall call) || call.getOperands().size() != 2) {
      return null;
    }
    SqlKind kind = call.getKind();
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    switch (kind) {
    case LIKE:
      if (call.getOperator() != SqlStdOperatorTable.LIKE) {
        return null;
      }
      return comparison(kind, left, right, throughCasts);
    case EQUALS:
    case NOT_EQUALS:
    case LESS_THAN:
    case LESS_THAN_OR_EQUAL:
    case GREATER_THAN:
    case GREATER_THAN_OR_EQUAL:
      Comparison c = comparison(kind, left, right, throughCasts);
      return c != null ? c : comparison(kind.reverse(), right, left, throughCasts);
    default:
      return null;
    }
  }

  private static Comparison comparison(SqlKind kind, RexNode column, RexNode constant,
      boolean throughCasts) {
    int ref = column(column, throughCasts);
    RexNode value = throughCasts ? uncast(constant) : constant;
    if (ref < 0 || !(value instanceof RexLiteral || value instanceof RexDynamicParam)) {
      return null;
    }
    return new Comparison(kind, ref, value);
  }

  /**
   * Reads an OR of comparisons of one kind on one column ({@code x = 'a' OR x = 'b'}, an
   * expanded IN list; a single comparison is an OR of one); null when any disjunct is of
   * another shape.
   */
  public static List<Comparison> anyOf(RexNode node, SqlKind kind, int column,
      boolean throughCasts) {
    List<Comparison> out = new ArrayList<>();
    for (RexNode d : disjuncts(node)) {
      Comparison c = comparison(d, throughCasts);
      if (c == null || c.kind() != kind || c.column() != column) {
        return null;
      }
      out.add(c);
    }
    return out;
  }

  /** Returns the column a node is (through a cast if asked), or -1. */
  public static int column(RexNode node, boolean throughCasts) {
    RexNode n = throughCasts ? uncast(node) : node;
    return n instanceof RexInputRef r ? r.getIndex() : -1;
  }

  private static RexNode uncast(RexNode node) {
    return node.getKind() == SqlKind.CAST ? ((RexCall) node).getOperands().get(0) : node;
  }

  /** Returns the columns a node reads. */
  public static ImmutableBitSet columns(RexNode node) {
    return RelOptUtil.InputFinder.bits(node);
  }

  /** Returns whether any of the conditions reads the column. */
  public static boolean reads(List<RexNode> conditions, int column) {
    for (RexNode c : conditions) {
      if (columns(c).get(column)) {
        return true;
      }
    }
    return false;
  }

  /** Returns whether a node holds a prepared-statement parameter. */
  public static boolean hasParameter(RexNode node) {
    boolean[] found = {false};
    node.accept(new RexVisitorImpl<Void>(true) {
      @Override public Void visitDynamicParam(RexDynamicParam param) {
        found[0] = true;
        return null;
      }

      @Override public Void visitCall(RexCall call) {
        // CURRENT_DATE and its kin are values of the statement's run, like a parameter: a plan
        // (cached, or prepared) must not keep the day it was planned on.
        found[0] |= isClockFunction(call);
        return super.visitCall(call);
      }
    });
    return found[0];
  }

  /**
   * Whether a condition calls a dynamic function whose value the scan cannot take from the
   * statement (USER, CURRENT_ROLE...): such a condition is left to Calcite's filter, never
   * evaluated against the metadata.
   */
  public static boolean hasOtherDynamicFunction(RexNode node) {
    boolean[] found = {false};
    node.accept(new RexVisitorImpl<Void>(true) {
      @Override public Void visitCall(RexCall call) {
        found[0] |= call.getOperator().isDynamicFunction() && !isClockFunction(call);
        return super.visitCall(call);
      }
    });
    return found[0];
  }

  /** CURRENT_TIMESTAMP, CURRENT_DATE, CURRENT_TIME, LOCALTIMESTAMP, LOCALTIME. */
  static boolean isClockFunction(RexCall call) {
    SqlOperator op = call.getOperator();
    return call.getOperands().isEmpty() && (op == SqlStdOperatorTable.CURRENT_TIMESTAMP
        || op == SqlStdOperatorTable.CURRENT_DATE || op == SqlStdOperatorTable.CURRENT_TIME
        || op == SqlStdOperatorTable.LOCALTIMESTAMP || op == SqlStdOperatorTable.LOCALTIME);
  }

  /**
   * Returns a clock function's value for the running statement as a literal: Calcite's own
   * values (the statement's start, in the connection's time zone), so the pushed selection and
   * any filter above it read the same instant.
   */
  static RexNode clockValue(RexCall call, DataContext context, RexBuilder rexBuilder) {
    boolean local = call.getOperator() == SqlStdOperatorTable.LOCALTIMESTAMP
        || call.getOperator() == SqlStdOperatorTable.LOCALTIME;
    Long millis = (local ? DataContext.Variable.LOCAL_TIMESTAMP
        : DataContext.Variable.CURRENT_TIMESTAMP).get(context);
    if (millis == null) {
      return call;
    }
    long day = 86_400_000L;
    int precision = call.getType().getPrecision();
    switch (call.getType().getSqlTypeName()) {
    case DATE:
      return rexBuilder.makeDateLiteral(
          DateString.fromDaysSinceEpoch(
              (int) Math.floorDiv(millis, day)));
    case TIME:
      return rexBuilder.makeTimeLiteral(
          TimeString.fromMillisOfDay((int) Math.floorMod(millis, day)),
          precision);
    case TIMESTAMP:
      return rexBuilder.makeTimestampLiteral(
          TimestampString.fromMillisSinceEpoch(millis), precision);
    default:
      return call;
    }
  }

  /** Returns the value a statement binds to a parameter. */
  public static Object parameterValue(RexDynamicParam param, DataContext context) {
    return context.get("?" + param.getIndex());
  }
}
