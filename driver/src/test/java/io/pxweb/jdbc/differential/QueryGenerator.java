package io.pxweb.jdbc.differential;

import io.pxweb.jdbc.model.Value;
import io.pxweb.jdbc.adapter.ColumnLayout.Column;
import io.pxweb.jdbc.adapter.ColumnLayout.Kind;
import io.pxweb.jdbc.adapter.PeriodDates;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Generates random but valid SQL over the test tables, in the dialect both the driver and H2
 * accept: quoted names, {@code LIMIT/OFFSET}, explicit {@code NULLS FIRST/LAST}. Every query is
 * deterministic where it is compared in order (ORDER BY covers every output column), and
 * knows the most each table reference may fetch.
 */
final class QueryGenerator {
  /** Largest number of rows one side of a generated join may have, to keep joins small. */
  private static final long JOIN_SIDE_ROWS = 400;

  /**
   * A literal a prepared statement may bind instead: after a comparison operator or LIKE, a
   * string, a DATE or a number (never a LIMIT or OFFSET, which follow no operator).
   */
  private static final Pattern BINDABLE = Pattern.compile(
      "(=|<>|<=|>=|<|>|LIKE) (DATE '(\\d{4}-\\d{2}-\\d{2})'|'((?:[^']|'')*)'"
          + "|(-?\\d+(?:\\.\\d+)?)(?![\\d.]))");

  private final List<CubeTable> tables;
  private final Random random;
  /** Whether the reference is PostgreSQL, which has FULL JOIN and INTERSECT/EXCEPT ALL. */
  private final boolean fullSql;
  private List<Ref> refs;
  private int aliases;

  QueryGenerator(List<CubeTable> tables, long seed) {
    this(tables, seed, false);
  }

  QueryGenerator(List<CubeTable> tables, long seed, boolean fullSql) {
    this.tables = tables;
    this.random = new Random(seed);
    this.fullSql = fullSql;
  }

  /** One table reference in a query: what it reads decides what it may fetch. */
  final class Ref {
    final CubeTable table;
    final String alias;
    final Set<Integer> contents = new TreeSet<>();
    final List<Condition> conditions = new ArrayList<>();

    Ref(CubeTable table) {
      this.table = table;
      this.alias = "t" + aliases++;
      refs.add(this);
    }

    /** Returns a column reference, noting the content it reads. */
    String col(Column c) {
      if (c.kind() == Kind.MEASURE || c.kind() == Kind.STATUS) {
        contents.add(c.content());
      }
      return alias + "." + quote(c.name());
    }

    String from() {
      return quote(table.id) + " " + alias;
    }

    Map<Integer, BitSet> box() {
      Map<Integer, BitSet> box = new HashMap<>();
      for (Condition c : conditions) {
        Condition.box(c, table).forEach((k, s) -> box.merge(k, s, (x, y) -> {
          BitSet z = (BitSet) x.clone();
          z.and(y);
          return z;
        }));
      }
      return box;
    }

    long rows() {
      Map<Integer, BitSet> box = box();
      long rows = 1;
      for (int v : table.dimensions()) {
        rows *= box.containsKey(v) ? box.get(v).cardinality() : table.values(v).size();
      }
      return rows;
    }

    long cells() {
      return contents.isEmpty() ? 0 : rows() * contents.size();
    }
  }

  GeneratedQuery next() {
    refs = new ArrayList<>();
    aliases = 0;
    int kind = random.nextInt(100);
    Built b;
    if (kind < 30) {
      b = plain();
    } else if (kind < 50) {
      b = aggregate();
    } else if (kind < 60) {
      b = window();
    } else if (kind < 75) {
      b = withSubquery();
    } else if (kind < 88) {
      b = join();
    } else if (kind < 94) {
      b = union();
    } else {
      b = metadataAnswer();
    }
    List<GeneratedQuery.Fetch> fetches = refs.stream()
        .map(r -> new GeneratedQuery.Fetch(r.table.id, r.cells())).toList();
    if (random.nextInt(100) < 20 && b.sql.contains(" WHERE ")) {
      return bound(b, fetches);
    }
    return new GeneratedQuery(b.sql, b.referenceSql, b.order, b.limit, fetches, List.of());
  }

  /**
   * Makes a query a prepared one: the literals its WHERE and HAVING compare with become
   * parameters, bound as a string, a {@code LocalDate} or a {@code BigDecimal}. Both engines
   * run the same text with the same values; the driver decides the request when it runs.
   */
  private GeneratedQuery bound(Built b, List<GeneratedQuery.Fetch> fetches) {
    int where = b.sql.indexOf(" WHERE ");
    List<Object> params = new ArrayList<>();
    java.util.regex.Matcher m = BINDABLE.matcher(b.sql);
    StringBuilder sql = new StringBuilder(b.sql.substring(0, where));
    int at = where;
    while (m.find(at)) {
      sql.append(b.sql, at, m.start()).append(m.group(1)).append(" ?");
      params.add(m.group(3) != null ? LocalDate.parse(m.group(3))
          : m.group(4) != null ? m.group(4).replace("''", "'") : new BigDecimal(m.group(5)));
      at = m.end();
    }
    sql.append(b.sql.substring(at));
    String bound = sql.toString();
    // The reference runs the same text, without the LIMIT of an unordered limited query.
    String reference = b.order == GeneratedQuery.Order.LIMITED
        ? bound.substring(0, bound.lastIndexOf(" LIMIT ")) : bound;
    return new GeneratedQuery(bound, reference, b.order, b.limit, fetches, params);
  }

  private record Built(String sql, String referenceSql, GeneratedQuery.Order order, long limit) {
    static Built unordered(String sql) {
      return new Built(sql, sql, GeneratedQuery.Order.UNORDERED, 0);
    }
  }

  // ---------------------------------------------------------------- query shapes

  private Built plain() {
    Ref r = new Ref(table());
    List<String> items = new ArrayList<>();
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      items.add(expression(r));
    }
    boolean distinct = random.nextInt(100) < 15;
    String where = where(r);
    String head = "SELECT " + (distinct ? "DISTINCT " : "") + String.join(", ", items)
        + " FROM " + r.from() + where;
    return finish(head, items.size(), distinct ? null : r);
  }

  private Built aggregate() {
    Ref r = new Ref(table());
    List<String> groups = new ArrayList<>();
    int g = random.nextInt(3);
    for (int i = 0; i < g; i++) {
      groups.add(groupKey(r));
    }
    List<String> items = new ArrayList<>(groups);
    int a = 1 + random.nextInt(3);
    for (int i = 0; i < a; i++) {
      items.add(aggregateCall(r));
    }
    String where = where(r);
    StringBuilder sql = new StringBuilder("SELECT " + String.join(", ", items) + " FROM "
        + r.from() + where);
    if (!groups.isEmpty()) {
      sql.append(" GROUP BY ").append(String.join(", ", groups));
      if (random.nextInt(100) < 40) {
        sql.append(" HAVING ").append(having(r));
      }
    }
    return finish(sql.toString(), items.size(), null);
  }

  private Built window() {
    Ref r = new Ref(table());
    List<String> items = new ArrayList<>();
    items.add(r.col(code(r.table, dimension(r.table))));
    items.add(r.col(measure(r.table)));
    String partition = random.nextBoolean() ? ""
        : "PARTITION BY " + r.col(pick(dimensionColumns(r.table))) + " ";
    String allCodes = String.join(", ", r.table.dimensions().stream()
        .map(v -> r.col(code(r.table, v))).toList());
    String m = r.col(measure(r.table));
    String w = switch (random.nextInt(8)) {
      case 0 -> "ROW_NUMBER() OVER (" + partition + "ORDER BY " + allCodes + ")";
      case 1 -> "SUM(" + m + ") OVER (" + partition + ")";
      case 2 -> "COUNT(*) OVER (" + partition + ")";
      case 3 -> "RANK() OVER (" + partition + "ORDER BY " + m + " DESC NULLS LAST)";
      case 4 -> "LAG(" + m + ") OVER (" + partition + "ORDER BY " + allCodes + ")";
      case 5 -> "MAX(" + m + ") OVER (" + partition + "ORDER BY " + allCodes
          + " ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)";
      case 6 -> "DENSE_RANK() OVER (" + partition + "ORDER BY " + r.col(code(r.table,
          dimension(r.table))) + ")";
      default -> "MIN(" + r.col(code(r.table, dimension(r.table))) + ") OVER (" + partition + ")";
    };
    items.add(w);
    String head = "SELECT " + String.join(", ", items) + " FROM " + r.from() + where(r);
    return finish(head, items.size(), null);
  }

  private Built withSubquery() {
    Ref r = new Ref(table());
    List<String> items = new ArrayList<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      items.add(expression(r));
    }
    Condition sub = subqueryCondition(r);
    r.conditions.add(sub);
    String where = " WHERE " + sub.sql();
    if (random.nextBoolean()) {
      Condition more = condition(r, 1);
      r.conditions.add(more);
      where += " AND " + more.sql();
    }
    if (random.nextInt(100) < 20) {
      items.add(scalarSubquery());
    }
    return finish("SELECT " + String.join(", ", items) + " FROM " + r.from() + where,
        items.size(), r);
  }

  private Built join() {
    CubeTable ta = table();
    CubeTable tb = random.nextInt(4) == 0 ? ta : table();
    Ref a = new Ref(ta);
    Ref b = new Ref(tb);
    String on;
    if (ta == tb && random.nextBoolean()) {
      int v = dimension(ta);
      on = a.col(code(ta, v)) + " = " + b.col(code(tb, v));
    } else if (random.nextBoolean() || ta.column(ta.timeVariable(), Kind.DATE) == null) {
      on = a.col(code(ta, ta.timeVariable())) + " = " + b.col(code(tb, tb.timeVariable()));
    } else {
      on = a.col(ta.column(ta.timeVariable(), Kind.DATE)) + " = "
          + b.col(tb.column(tb.timeVariable(), Kind.DATE));
    }
    String whereA = narrow(a);
    String whereB = narrow(b);
    int outer = random.nextInt(100);
    if (outer < 15 || (fullSql && outer < 25)) {
      return outerJoin(a, b, on, whereA, whereB, outer < 15 ? "RIGHT" : "FULL");
    }
    boolean left = outer < 45;
    List<String> items = new ArrayList<>();
    items.add(a.col(code(ta, dimension(ta))));
    items.add(b.col(pick(dimensionColumns(tb))));
    if (random.nextBoolean()) {
      items.add(a.col(measure(ta)));
    }
    items.add(b.col(measure(tb)));
    String from = a.from() + (left ? " LEFT JOIN " : " JOIN ") + b.from() + " ON " + on
        + (left ? " AND " + whereB : "");
    if (left) {
      // Known gap: the ON conditions of a LEFT JOIN's right side stay in the join, so its scan
      // is not narrowed by them (docs/pushdown.md); its bound is the whole table.
      b.conditions.clear();
    }
    String where = " WHERE " + whereA + (left ? "" : " AND " + whereB);
    if (random.nextInt(100) < 30) {
      String key = items.get(0);
      String agg = "COUNT(*), SUM(" + items.get(items.size() - 1) + ")";
      return finish("SELECT " + key + ", " + agg + " FROM " + from + where + " GROUP BY " + key,
          3, null);
    }
    return finish("SELECT " + String.join(", ", items) + " FROM " + from + where, items.size(),
        null);
  }

  /**
   * A RIGHT or FULL join of two narrowed sides, each a derived table, so every side keeps its
   * own conditions (and its bound) whatever rows the other side lacks.
   */
  private Built outerJoin(Ref a, Ref b, String on, String whereA, String whereB, String kind) {
    List<String> items = new ArrayList<>();
    items.add(a.col(code(a.table, dimension(a.table))));
    items.add(b.col(pick(dimensionColumns(b.table))));
    items.add(a.col(measure(a.table)));
    items.add(b.col(measure(b.table)));
    String from = "(SELECT * FROM " + a.from() + " WHERE " + whereA + ") " + a.alias + " "
        + kind + " JOIN (SELECT * FROM " + b.from() + " WHERE " + whereB + ") " + b.alias
        + " ON " + on;
    if (random.nextInt(100) < 30) {
      // Rows without a partner group under NULL.
      String key = items.get(0);
      return finish("SELECT " + key + ", COUNT(*), SUM(" + items.get(3) + ") FROM " + from
          + " GROUP BY " + key, 3, null);
    }
    return finish("SELECT " + String.join(", ", items) + " FROM " + from, items.size(), null);
  }

  private Built union() {
    Ref a = new Ref(table());
    Ref b = new Ref(random.nextBoolean() ? a.table : table());
    List<String> ops = new ArrayList<>(List.of(" UNION ", " UNION ALL ", " INTERSECT ",
        " EXCEPT "));
    if (fullSql) {
      ops.addAll(List.of(" INTERSECT ALL ", " EXCEPT ALL "));
    }
    String op = pick(ops);
    String sql;
    if (random.nextInt(4) == 0) {
      sql = "SELECT COUNT(*) FROM " + a.from() + op + "SELECT COUNT(*) FROM " + b.from()
          + where(b);
    } else {
      sql = "SELECT " + a.col(pick(textColumns(a.table))) + " FROM " + a.from() + where(a)
          + op + "SELECT " + b.col(pick(textColumns(b.table))) + " FROM " + b.from() + where(b);
    }
    if (random.nextBoolean()) {
      return new Built(sql + " ORDER BY 1", sql + " ORDER BY 1", GeneratedQuery.Order.ORDERED, 0);
    }
    return Built.unordered(sql);
  }

  /** Queries the metadata alone can answer: counts, and MIN/MAX of codes, labels and dates. */
  private Built metadataAnswer() {
    Ref r = new Ref(table());
    return switch (random.nextInt(5)) {
      case 0 -> Built.unordered("SELECT COUNT(*) FROM " + r.from());
      case 1 -> Built.unordered("SELECT COUNT(*) FROM " + r.from() + where(r));
      case 2 -> {
        int v = dimension(r.table);
        Column c = pick(List.of(code(r.table, v), r.table.column(v, Kind.LABEL)));
        yield Built.unordered("SELECT MIN(" + r.col(c) + "), MAX(" + r.col(c) + ") FROM "
            + r.from());
      }
      case 3 -> {
        Ref s = new Ref(table());
        yield Built.unordered("SELECT (SELECT COUNT(*) FROM " + s.from() + "), COUNT(*) FROM "
            + r.from() + where(r));
      }
      default -> {
        String items = r.col(code(r.table, dimension(r.table))) + ", "
            + r.col(measure(r.table));
        Condition latest = latest(r);
        r.conditions.add(latest);
        yield finish("SELECT " + items + " FROM " + r.from() + " WHERE " + latest.sql(), 2,
            r);
      }
    };
  }

  /**
   * Adds ORDER BY over every output column (sometimes after table columns, so a time or code
   * order can be pushed) and LIMIT/OFFSET, or LIMIT alone, or nothing.
   *
   * @param orderable the table whose columns may lead the order (null: output columns only)
   */
  private Built finish(String head, int outputs, Ref orderable) {
    int mode = random.nextInt(100);
    if (mode < 55) {
      List<String> keys = new ArrayList<>();
      if (orderable != null && random.nextBoolean()) {
        int lead = 1 + random.nextInt(2);
        for (int i = 0; i < lead; i++) {
          int v = random.nextInt(3) == 0 ? orderable.table.timeVariable()
              : dimension(orderable.table);
          Column c = random.nextInt(4) == 0 && orderable.table.column(v, Kind.DATE) != null
              ? orderable.table.column(v, Kind.DATE) : code(orderable.table, v);
          keys.add(orderable.col(c) + direction());
        }
      }
      for (int i = 1; i <= outputs; i++) {
        keys.add(i + direction());
      }
      String sql = head + " ORDER BY " + String.join(", ", keys);
      if (random.nextInt(100) < 60) {
        sql += " LIMIT " + (1 + random.nextInt(30));
        if (random.nextInt(100) < 35) {
          sql += " OFFSET " + random.nextInt(20);
        }
      }
      return new Built(sql, sql, GeneratedQuery.Order.ORDERED, 0);
    }
    if (mode < 65) {
      long limit = 1 + random.nextInt(25);
      return new Built(head + " LIMIT " + limit, head, GeneratedQuery.Order.LIMITED, limit);
    }
    return Built.unordered(head);
  }

  private String direction() {
    return (random.nextBoolean() ? " ASC" : " DESC")
        + (random.nextBoolean() ? " NULLS FIRST" : " NULLS LAST");
  }

  // ---------------------------------------------------------------- expressions

  private String expression(Ref r) {
    CubeTable t = r.table;
    int v = dimension(t);
    Column code = code(t, v);
    Column label = t.column(v, Kind.LABEL);
    Column m = measure(t);
    return switch (random.nextInt(20)) {
      case 0, 1, 2 -> r.col(code);
      case 3, 4 -> r.col(label);
      case 5, 6, 7 -> r.col(m);
      case 8 -> r.col(status(t));
      case 9 -> r.col(t.column(t.timeVariable(), random.nextBoolean() ? Kind.DATE : Kind.CODE));
      case 10 -> "UPPER(" + r.col(label) + ")";
      case 11 -> "SUBSTRING(" + r.col(code) + ", 1, " + (1 + random.nextInt(3)) + ")";
      case 12 -> r.col(code) + " || '/' || " + r.col(label);
      case 13 -> switch (random.nextInt(6)) {
        case 0 -> r.col(m) + " * 2";
        case 1 -> r.col(m) + " + 1";
        case 2 -> "COALESCE(" + r.col(m) + ", 0)";
        case 3 -> "ABS(" + r.col(m) + ")";
        // Not CAST(m AS BIGINT): Calcite truncates, H2 and PostgreSQL round (docs/sql-mapping.md).
        case 4 -> "FLOOR(" + r.col(m) + ")";
        default -> r.col(m) + " - " + r.col(measure(t));
      };
      case 14 -> "CASE WHEN " + r.col(m) + " > " + number(t, m) + " THEN 'high' WHEN "
          + r.col(m) + " IS NULL THEN 'none' ELSE 'low' END";
      case 15 -> "CASE " + r.col(code) + " WHEN " + str(pick(t.values(v)).code())
          + " THEN 'yes' ELSE 'no' END";
      case 16 -> t.column(t.timeVariable(), Kind.DATE) == null ? r.col(code)
          : "EXTRACT(" + (random.nextBoolean() ? "YEAR" : "MONTH") + " FROM "
              + r.col(t.column(t.timeVariable(), Kind.DATE)) + ")";
      case 17 -> "CHAR_LENGTH(" + r.col(label) + ")";
      case 18 -> "COALESCE(" + r.col(status(t)) + ", '-')";
      default -> "LOWER(" + r.col(code) + ")";
    };
  }

  private String groupKey(Ref r) {
    CubeTable t = r.table;
    int v = dimension(t);
    return switch (random.nextInt(8)) {
      case 0, 1, 2 -> r.col(code(t, v));
      case 3 -> r.col(t.column(v, Kind.LABEL));
      case 4 -> r.col(status(t));
      case 5 -> "SUBSTRING(" + r.col(code(t, v)) + ", 1, 1)";
      case 6 -> t.column(t.timeVariable(), Kind.DATE) == null ? r.col(code(t, v))
          : r.col(t.column(t.timeVariable(), Kind.DATE));
      default -> r.col(code(t, t.timeVariable()));
    };
  }

  private String aggregateCall(Ref r) {
    CubeTable t = r.table;
    Column m = measure(t);
    return switch (random.nextInt(11)) {
      case 0, 1 -> "COUNT(*)";
      case 2 -> "COUNT(" + r.col(m) + ")";
      case 3 -> "SUM(" + r.col(m) + ")";
      case 4 -> "MIN(" + r.col(m) + ")";
      case 5 -> "MAX(" + r.col(m) + ")";
      case 6 -> "AVG(" + r.col(m) + ")";
      case 7 -> "MIN(" + r.col(code(t, dimension(t))) + ")";
      case 8 -> "MAX(" + r.col(t.column(dimension(t), Kind.LABEL)) + ")";
      case 9 -> "COUNT(DISTINCT " + r.col(code(t, dimension(t))) + ")";
      default -> "SUM(CASE WHEN " + r.col(m) + " > " + number(t, m) + " THEN 1 ELSE 0 END)";
    };
  }

  private String having(Ref r) {
    Column m = measure(r.table);
    return switch (random.nextInt(3)) {
      case 0 -> "COUNT(*) > " + random.nextInt(20);
      case 1 -> "SUM(" + r.col(m) + ") > " + number(r.table, m);
      default -> "MAX(" + r.col(m) + ") IS NOT NULL";
    };
  }

  private String scalarSubquery() {
    Ref s = new Ref(table());
    if (random.nextBoolean()) {
      return "(SELECT COUNT(*) FROM " + s.from() + where(s) + ")";
    }
    Column m = measure(s.table);
    return "(SELECT MAX(" + s.col(m) + ") FROM " + s.from() + where(s) + ")";
  }

  // ---------------------------------------------------------------- conditions

  private String where(Ref r) {
    if (random.nextInt(100) < 20) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      Condition c = condition(r, random.nextInt(3));
      r.conditions.add(c);
      parts.add(c.sql());
    }
    return " WHERE " + String.join(" AND ", parts);
  }

  /** Adds equality conditions until a join side has few rows; returns them as SQL. */
  private String narrow(Ref r) {
    List<String> parts = new ArrayList<>();
    if (random.nextBoolean()) {
      Condition c = condition(r, 1);
      r.conditions.add(c);
      parts.add(c.sql());
    }
    List<Integer> dims = new ArrayList<>(r.table.dimensions());
    dims.remove(Integer.valueOf(r.table.timeVariable()));
    dims.sort(Comparator.comparingInt((Integer v) -> -r.table.values(v).size()));
    for (int v : dims) {
      if (r.rows() <= JOIN_SIDE_ROWS) {
        break;
      }
      String code = pick(r.table.values(v)).code();
      Condition c = new Condition.OnVariable(v, r.col(code(r.table, v)) + " = " + str(code),
          value -> value.code().equals(code));
      r.conditions.add(c);
      parts.add(c.sql());
    }
    return parts.isEmpty() ? "1 = 1" : String.join(" AND ", parts);
  }

  private Condition condition(Ref r, int depth) {
    if (depth <= 0 || random.nextInt(100) < 40) {
      return random.nextInt(100) < 75 ? onVariable(r) : onCells(r);
    }
    return switch (random.nextInt(3)) {
      case 0 -> new Condition.And(condition(r, depth - 1), condition(r, depth - 1));
      case 1 -> new Condition.Or(condition(r, depth - 1), condition(r, depth - 1));
      default -> new Condition.Not(condition(r, depth - 1));
    };
  }

  private Condition onVariable(Ref r) {
    CubeTable t = r.table;
    int v = dimension(t);
    int kind = random.nextInt(10);
    if (kind < 2 && t.column(v, Kind.DATE) != null) {
      return onDate(r, v);
    }
    if (kind < 5) {
      return onText(r, v, t.column(v, Kind.LABEL), Value::label);
    }
    return onText(r, v, code(t, v), Value::code);
  }

  private Condition onText(Ref r, int v, Column column, Function<Value, String> text) {
    List<Value> values = r.table.values(v);
    String col = r.col(column);
    String a = text.apply(pick(values));
    String b = text.apply(pick(values));
    return switch (random.nextInt(12)) {
      case 0, 1 -> leaf(v, col + " = " + str(a), text, s -> s.equals(a));
      case 2 -> leaf(v, col + " <> " + str(a), text, s -> !s.equals(a));
      case 3, 4 -> {
        List<String> list = sample(values, text, random.nextInt(10) == 0 ? 25 : 1
            + random.nextInt(4));
        yield leaf(v, col + " IN (" + String.join(", ", list.stream().map(QueryGenerator::str)
            .toList()) + ")", text, list::contains);
      }
      case 5 -> {
        List<String> list = sample(values, text, 1 + random.nextInt(3));
        yield leaf(v, col + " NOT IN (" + String.join(", ", list.stream()
            .map(QueryGenerator::str).toList()) + ")", text, s -> !list.contains(s));
      }
      case 6 -> {
        String lo = a.compareTo(b) <= 0 || random.nextInt(5) == 0 ? a : b;
        String hi = lo.equals(a) ? b : a;
        yield leaf(v, col + " BETWEEN " + str(lo) + " AND " + str(hi), text,
            s -> s.compareTo(lo) >= 0 && s.compareTo(hi) <= 0);
      }
      case 7 -> {
        String op = pick(List.of("<", "<=", ">", ">="));
        yield leaf(v, col + " " + op + " " + str(a), text, s -> compare(s.compareTo(a), op));
      }
      case 8 -> {
        String prefix = a.substring(0, Math.min(a.length(), 1 + random.nextInt(2)));
        boolean not = random.nextInt(4) == 0;
        Pattern p = like(prefix + "%");
        yield leaf(v, col + (not ? " NOT LIKE " : " LIKE ") + str(prefix + "%"), text,
            s -> p.matcher(s).matches() != not);
      }
      case 9 -> {
        String up = a.toUpperCase(Locale.ROOT);
        int from = up.isEmpty() ? 0 : random.nextInt(up.length());
        String part = up.substring(from, Math.min(up.length(), from + 1 + random.nextInt(3)));
        Pattern p = like("%" + part + "%");
        yield leaf(v, "UPPER(" + col + ") LIKE " + str("%" + part + "%"), text,
            s -> p.matcher(s.toUpperCase(Locale.ROOT)).matches());
      }
      case 10 -> {
        int k = 1 + random.nextInt(3);
        String part = a.substring(0, Math.min(a.length(), k));
        yield leaf(v, "SUBSTRING(" + col + ", 1, " + k + ") = " + str(part), text,
            s -> s.substring(0, Math.min(s.length(), k)).equals(part));
      }
      default -> {
        int n = a.length();
        yield leaf(v, "CHAR_LENGTH(" + col + ") > " + n, text, s -> s.length() > n);
      }
    };
  }

  private static Condition leaf(int v, String sql, Function<Value, String> text,
      java.util.function.Predicate<String> test) {
    return new Condition.OnVariable(v, sql, value -> test.test(text.apply(value)));
  }

  private Condition onDate(Ref r, int v) {
    String col = r.col(r.table.column(v, Kind.DATE));
    List<LocalDate> dates = r.table.values(v).stream().map(x -> PeriodDates.firstDay(x.code()))
        .filter(Objects::nonNull).toList();
    if (dates.isEmpty()) {
      return new Condition.OnVariable(v, col + " IS NULL",
          x -> PeriodDates.firstDay(x.code()) == null);
    }
    LocalDate a = random.nextInt(5) == 0 ? pick(dates).plusDays(random.nextInt(60) - 30)
        : pick(dates);
    LocalDate b = pick(dates);
    Function<Value, LocalDate> date = x -> PeriodDates.firstDay(x.code());
    return switch (random.nextInt(7)) {
      case 0 -> dateLeaf(v, col + " = " + date(a), date, d -> d.equals(a));
      case 1 -> {
        String op = pick(List.of("<", "<=", ">", ">="));
        yield dateLeaf(v, col + " " + op + " " + date(a), date, d -> compare(d.compareTo(a), op));
      }
      case 2 -> {
        LocalDate lo = a.isBefore(b) ? a : b;
        LocalDate hi = lo == a ? b : a;
        yield dateLeaf(v, col + " BETWEEN " + date(lo) + " AND " + date(hi), date,
            d -> !d.isBefore(lo) && !d.isAfter(hi));
      }
      case 3 -> dateLeaf(v, "EXTRACT(YEAR FROM " + col + ") = " + a.getYear(), date,
          d -> d.getYear() == a.getYear());
      case 4 -> new Condition.OnVariable(v, col + " IS NULL", x -> date.apply(x) == null);
      case 5 -> new Condition.OnVariable(v, col + " IS NOT NULL", x -> date.apply(x) != null);
      default -> dateLeaf(v, col + " IN (" + date(a) + ", " + date(b) + ")", date,
          d -> d.equals(a) || d.equals(b));
    };
  }

  private static Condition dateLeaf(int v, String sql, Function<Value, LocalDate> date,
      java.util.function.Predicate<LocalDate> test) {
    return new Condition.OnVariable(v, sql, x -> {
      LocalDate d = date.apply(x);
      return d == null ? null : test.test(d);
    });
  }

  private Condition onCells(Ref r) {
    CubeTable t = r.table;
    if (random.nextInt(4) == 0) {
      Column s = status(t);
      String col = r.col(s);
      String symbol = t.rows.stream().map(row -> (String) row[t.index(s)])
          .filter(Objects::nonNull).findAny().orElse("..");
      return new Condition.OnCells(switch (random.nextInt(4)) {
        case 0 -> col + " IS NULL";
        case 1 -> col + " IS NOT NULL";
        case 2 -> col + " = " + str(symbol);
        default -> col + " <> " + str(symbol);
      });
    }
    Column m = measure(t);
    String col = r.col(m);
    String x = number(t, m);
    return new Condition.OnCells(switch (random.nextInt(8)) {
      case 0, 1 -> col + " > " + x;
      case 2 -> col + " <= " + x;
      case 3 -> col + " IS NULL";
      case 4 -> col + " IS NOT NULL";
      case 5 -> col + " BETWEEN " + x + " AND " + number(t, m);
      case 6 -> col + " * 2 > " + x;
      default -> "COALESCE(" + col + ", 0) >= " + x;
    });
  }

  /** A condition with a subquery: IN, scalar comparison, correlated, or the latest period. */
  private Condition subqueryCondition(Ref r) {
    CubeTable t = r.table;
    switch (random.nextInt(6)) {
      case 0: {
        int v = dimension(t);
        Ref s = new Ref(t);
        boolean not = random.nextInt(4) == 0;
        String sql = r.col(code(t, v)) + (not ? " NOT IN " : " IN ") + "(SELECT "
            + s.col(code(t, v)) + " FROM " + s.from() + where(s) + ")";
        return new Condition.OnCells(sql);
      }
      case 1: {
        Ref s = new Ref(table());
        String sql = r.col(code(t, t.timeVariable())) + " IN (SELECT "
            + s.col(code(s.table, s.table.timeVariable())) + " FROM " + s.from() + where(s) + ")";
        return new Condition.OnCells(sql);
      }
      case 2: {
        Ref s = new Ref(t);
        Column m = measure(t);
        String sql = r.col(m) + " > (SELECT AVG(" + s.col(m) + ") FROM " + s.from() + where(s)
            + ")";
        return new Condition.OnCells(sql);
      }
      case 3: {
        Ref s = new Ref(t);
        int v = dimension(t);
        Column m = measure(t);
        String sql = r.col(m) + " >= (SELECT AVG(" + s.col(m) + ") FROM " + s.from()
            + " WHERE " + s.col(code(t, v)) + " = " + r.col(code(t, v)) + ")";
        return new Condition.OnCells(sql);
      }
      case 4: {
        Ref s = new Ref(t);
        int v = dimension(t);
        Column m = measure(t);
        String sql = (random.nextBoolean() ? "" : "NOT ") + "EXISTS (SELECT 1 FROM " + s.from()
            + " WHERE " + s.col(code(t, v)) + " = " + r.col(code(t, v)) + " AND " + s.col(m)
            + " > " + number(t, m) + ")";
        return new Condition.OnCells(sql);
      }
      default:
        return latest(r);
    }
  }

  /**
   * {@code V = (SELECT MAX(V) FROM t)} or MIN, on a code, label or date: decided on the metadata,
   * so its truth per value is known here.
   */
  private Condition latest(Ref r) {
    CubeTable t = r.table;
    int v = random.nextInt(3) > 0 ? t.timeVariable() : dimension(t);
    boolean max = random.nextInt(4) > 0;
    Column c = random.nextInt(4) == 0 && t.column(v, Kind.DATE) != null
        ? t.column(v, Kind.DATE) : random.nextInt(5) == 0 ? t.column(v, Kind.LABEL) : code(t, v);
    Ref s = new Ref(t);
    String sql = r.col(c) + " = (SELECT " + (max ? "MAX(" : "MIN(") + s.col(c) + ") FROM "
        + s.from() + ")";
    Function<Value, Comparable<Object>> key = key(c);
    Comparable<Object> best = null;
    for (Value x : t.values(v)) {
      Comparable<Object> k = key.apply(x);
      if (k != null && (best == null || (max ? k.compareTo(best) > 0 : k.compareTo(best) < 0))) {
        best = k;
      }
    }
    Comparable<Object> target = best;
    return new Condition.OnVariable(v, sql, x -> {
      Comparable<Object> k = key.apply(x);
      return k == null || target == null ? null : k.compareTo(target) == 0;
    });
  }

  @SuppressWarnings("unchecked")
  private static Function<Value, Comparable<Object>> key(Column c) {
    return switch (c.kind()) {
      case CODE -> x -> (Comparable<Object>) (Comparable<?>) x.code();
      case LABEL -> x -> (Comparable<Object>) (Comparable<?>) x.label();
      default -> x -> (Comparable<Object>) (Comparable<?>) PeriodDates.firstDay(x.code());
    };
  }

  // ---------------------------------------------------------------- picking

  private CubeTable table() {
    return pick(tables);
  }

  private int dimension(CubeTable t) {
    return pick(t.dimensions());
  }

  private static Column code(CubeTable t, int v) {
    return t.column(v, Kind.CODE);
  }

  private Column measure(CubeTable t) {
    return pick(t.columns(Kind.MEASURE));
  }

  private Column status(CubeTable t) {
    return pick(t.columns(Kind.STATUS));
  }

  private List<Column> dimensionColumns(CubeTable t) {
    List<Column> out = new ArrayList<>();
    for (Column c : t.layout.columns()) {
      if (c.kind() == Kind.CODE || c.kind() == Kind.LABEL || c.kind() == Kind.DATE) {
        out.add(c);
      }
    }
    return out;
  }

  private List<Column> textColumns(CubeTable t) {
    return dimensionColumns(t).stream().filter(c -> c.kind() != Kind.DATE).toList();
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private List<String> sample(List<Value> values, Function<Value, String> text, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String s = text.apply(pick(values));
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /** A number near the column's values: one of them, or one of them shifted. */
  private String number(CubeTable t, Column m) {
    int i = t.index(m);
    List<BigDecimal> present = new ArrayList<>();
    for (int k = 0; k < 20; k++) {
      Object x = t.rows.get(random.nextInt(t.rows.size()))[i];
      if (x != null) {
        present.add((BigDecimal) x);
      }
    }
    if (present.isEmpty()) {
      return String.valueOf(random.nextInt(100));
    }
    BigDecimal x = pick(present);
    if (random.nextBoolean()) {
      x = x.add(BigDecimal.valueOf(random.nextInt(11) - 5, random.nextInt(2)));
    }
    return x.toPlainString();
  }

  // ---------------------------------------------------------------- SQL text

  static String quote(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  static String str(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String date(LocalDate d) {
    return "DATE '" + d + "'";
  }

  private static boolean compare(int c, String op) {
    return switch (op) {
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      default -> c >= 0;
    };
  }

  private static Pattern like(String pattern) {
    StringBuilder b = new StringBuilder();
    for (char ch : pattern.toCharArray()) {
      b.append(ch == '%' ? ".*" : ch == '_' ? "." : Pattern.quote(String.valueOf(ch)));
    }
    return Pattern.compile(b.toString(), Pattern.DOTALL);
  }
}
