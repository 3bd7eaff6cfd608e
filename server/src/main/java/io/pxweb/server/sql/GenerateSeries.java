package io.pxweb.server.sql;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * {@code generate_series(start, stop[, step])} in FROM, as Grafana, Metabase and analysts write
 * it to fill gaps: integers, or dates and timestamps with an interval step. The driver has no
 * such table function, and its arguments are constants in these queries, so the series is
 * written out as a VALUES list of at most {@value #MAX_ROWS} rows (54000 beyond). Its column is
 * named as PostgreSQL names it: {@code generate_series} without an alias, the alias after
 * {@code AS d}, the column alias after {@code AS t(n)}. A series of dates or timestamps is of
 * type timestamp (PostgreSQL: timestamptz for dates; both print the same at UTC).
 */
final class GenerateSeries {
  static final int MAX_ROWS = 10_000;
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private GenerateSeries() {
  }

  /** Every generate_series in a FROM clause of the tree as the VALUES list it gives. */
  static SqlNode rewrite(SqlNode tree) throws SQLException {
    SQLException[] failure = {null};
    tree.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select && select.getFrom() != null && failure[0] == null) {
          try {
            select.setFrom(from(select.getFrom()));
          } catch (SQLException e) {
            failure[0] = e;
          }
        }
        return super.visit(call);
      }
    });
    if (failure[0] != null) {
      throw failure[0];
    }
    return tree;
  }

  private static SqlNode from(SqlNode from) throws SQLException {
    if (from instanceof SqlJoin join) {
      join.setLeft(from(join.getLeft()));
      join.setRight(from(join.getRight()));
      return join;
    }
    SqlNode inner = from;
    String table = null;
    String column = null;
    if (from.getKind() == SqlKind.AS) {
      List<SqlNode> as = ((SqlCall) from).getOperandList();
      inner = as.get(0);
      table = name((SqlIdentifier) as.get(1));
      column = as.size() > 2 ? name((SqlIdentifier) as.get(2)) : table;
    }
    SqlCall series = seriesCall(inner);
    if (series == null) {
      return from;
    }
    if (!constantBounds(series.getOperandList())) {
      // Not constants (pgjdbc's generate_series(1, array_upper(...))): the integer table
      // function of the catalog (catalog.SetFunctions) evaluates it at run time.
      return from;
    }
    table = table == null ? "generate_series" : table;
    column = column == null ? "generate_series" : column;
    return values(values(series.getOperandList()), table, column);
  }

  private static String name(SqlIdentifier id) {
    String name = id.getSimple();
    return id.isComponentQuoted(0) ? name : name.toLowerCase(Locale.ROOT);
  }

  /** The generate_series call of a FROM item, or null. */
  private static SqlCall seriesCall(SqlNode node) {
    if (node instanceof SqlCall call && call.getKind() == SqlKind.COLLECTION_TABLE
        && call.operand(0) instanceof SqlCall f
        && PgRewrites.functionName(f).equals("generate_series")) {
      return f;
    }
    return null;
  }

  /** Whether the series is this rewrite's: integer bounds, or a date or timestamp bound. */
  private static boolean constantBounds(List<SqlNode> args) {
    return args.size() >= 2 && (number(args.get(0)) != null && number(args.get(1)) != null
        || timestamp(args.get(0)) != null || timestamp(args.get(1)) != null);
  }

  /** The series' values as SQL constants. */
  private static List<String> values(List<SqlNode> args) throws SQLException {
    if (args.size() < 2 || args.size() > 3) {
      throw unsupported();
    }
    BigDecimal start = number(args.get(0));
    BigDecimal stop = number(args.get(1));
    if (start != null && stop != null) {
      BigDecimal step = args.size() == 3 ? number(args.get(2)) : BigDecimal.ONE;
      if (step == null) {
        throw unsupported();
      }
      if (step.signum() == 0) {
        throw new SQLException("step size cannot equal zero", "22023");
      }
      List<String> out = new ArrayList<>();
      for (BigDecimal v = start; step.signum() > 0 ? v.compareTo(stop) <= 0
          : v.compareTo(stop) >= 0; v = v.add(step)) {
        bound(out);
        out.add(v.toPlainString());
      }
      return out;
    }
    LocalDateTime from = timestamp(args.get(0));
    LocalDateTime to = timestamp(args.get(1));
    SqlIntervalLiteral.IntervalValue step = args.size() == 3
        && args.get(2) instanceof SqlIntervalLiteral i
        ? i.getValueAs(SqlIntervalLiteral.IntervalValue.class) : null;
    if (from == null || to == null || step == null
        || step.getIntervalQualifier().timeUnitRange.endUnit != null) {
      throw unsupported();
    }
    long n;
    try {
      n = Long.parseLong(step.getIntervalLiteral().trim()) * step.getSign();
    } catch (NumberFormatException e) {
      throw unsupported();
    }
    if (n == 0) {
      throw new SQLException("step size cannot equal zero", "22023");
    }
    TimeUnit unit = step.getIntervalQualifier().timeUnitRange.startUnit;
    List<String> out = new ArrayList<>();
    for (LocalDateTime v = from; n > 0 ? !v.isAfter(to) : !v.isBefore(to); v = plus(v, unit, n)) {
      bound(out);
      out.add("TIMESTAMP '" + TIMESTAMP.format(v) + "'");
    }
    return out;
  }

  private static LocalDateTime plus(LocalDateTime v, TimeUnit unit, long n) throws SQLException {
    switch (unit) {
      case YEAR: return v.plusYears(n);
      case MONTH: return v.plusMonths(n);
      case WEEK: return v.plusWeeks(n);
      case DAY: return v.plusDays(n);
      case HOUR: return v.plusHours(n);
      case MINUTE: return v.plusMinutes(n);
      case SECOND: return v.plusSeconds(n);
      default: throw unsupported();
    }
  }

  private static void bound(List<String> out) throws SQLException {
    if (out.size() >= MAX_ROWS) {
      throw new SQLException("generate_series in FROM gives at most " + MAX_ROWS
          + " rows through pxweb-server; narrow the range or take a larger step", "54000");
    }
  }

  /** An integer constant (also negative), or null. */
  private static BigDecimal number(SqlNode node) {
    if (node instanceof SqlNumericLiteral lit && lit.isExact()) {
      BigDecimal v = lit.getValueAs(BigDecimal.class);
      return v.stripTrailingZeros().scale() <= 0 ? v : null;
    }
    if (node instanceof SqlBasicCall call && call.getKind() == SqlKind.MINUS_PREFIX) {
      BigDecimal v = number(call.operand(0));
      return v == null ? null : v.negate();
    }
    return null;
  }

  /** A date or timestamp constant: DATE '...', TIMESTAMP '...', '...'::date, or text. */
  private static LocalDateTime timestamp(SqlNode node) {
    String text = null;
    if (node instanceof SqlLiteral lit && (lit.getTypeName() == SqlTypeName.DATE
        || lit.getTypeName() == SqlTypeName.TIMESTAMP || lit instanceof SqlCharStringLiteral)) {
      text = lit.toValue();
    } else if (node instanceof SqlBasicCall call && call.getKind() == SqlKind.CAST
        && call.operand(0) instanceof SqlCharStringLiteral lit
        && call.operand(1) instanceof SqlDataTypeSpec type
        && PgRewrites.typeName(type).matches("date|timestamp|timestamptz")) {
      text = lit.getValueAs(String.class);
    }
    if (text == null) {
      return null;
    }
    String t = text.trim().replace('T', ' ');
    try {
      return t.length() <= 10 ? LocalDate.parse(t).atStartOfDay()
          : LocalDateTime.parse(t.length() == 16 ? t + ":00" : t, TIMESTAMP);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static SQLException unsupported() {
    return new SQLException("generate_series in FROM takes constants here: integers with an "
        + "integer step, or dates or timestamps with an interval step of one unit", "0A000");
  }

  /** The values as a FROM item {@code (VALUES ...) AS table (column)}. */
  private static SqlNode values(List<String> values, String table, String column)
      throws SQLException {
    String alias = " AS \"" + table.replace("\"", "\"\"") + "\" (\""
        + column.replace("\"", "\"\"") + "\")";
    String sql = values.isEmpty()
        ? "SELECT * FROM (SELECT CAST(NULL AS INTEGER) FROM (VALUES (0)) AS e (x) WHERE 1 = 0)"
            + alias
        : "SELECT * FROM (VALUES (" + String.join("), (", values) + "))" + alias;
    try {
      return ((SqlSelect) SqlParser.create(sql, PgFrontEnd.PARSER).parseQuery()).getFrom();
    } catch (SqlParseException e) {
      throw new SQLException("generate_series: " + e.getMessage(), "XX000", e);
    }
  }
}
