package io.pxweb.server.sql;

import io.pxweb.server.catalog.CatalogData;
import io.pxweb.server.catalog.PgCatalogSchema;
import io.pxweb.server.catalog.PgType;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlPrefixOperator;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * PostgreSQL's meaning, put into the parse tree where the driver's SQL would read it otherwise:
 * one method per rewrite, each a pass over the tree. They run in the order
 * {@link PgFrontEnd} gives.
 */
final class PgRewrites {
  private static final SqlParserPos POS = SqlParserPos.ZERO;

  private PgRewrites() {
  }

  /** A pass that rebuilds each call bottom-up, replacing what {@code rule} replaces. */
  private interface CallRule {
    SqlNode apply(SqlCall call);
  }

  private static SqlNode bottomUp(SqlNode node, CallRule rule) {
    if (node == null) {
      return null;
    }
    return node.accept(new SqlShuttle() {
      @Override public SqlNode visit(SqlCall call) {
        if (call instanceof SqlBasicCall basic) {
          // Operands are replaced in place, so the call keeps its parser position: the cast rule
          // reads it to tell (a + b)::int from a + b::int, also when an operand was rewritten
          // (a = f(b::text)::oid; SqlShuttle's copy has no position).
          for (int i = 0; i < basic.operandCount(); i++) {
            SqlNode operand = basic.operand(i);
            SqlNode visited = operand == null ? null : operand.accept(this);
            if (visited != operand) {
              basic.setOperand(i, visited);
            }
          }
          return rule.apply(basic);
        }
        SqlNode visited = super.visit(call);
        return visited instanceof SqlCall c ? rule.apply(c) : visited;
      }
    });
  }

  /**
   * {@code x::type} binds tighter than any operator in PostgreSQL; the parser binds it looser
   * ({@code a = b::oid} would cast the comparison). A cast whose operand is an operator call
   * written without parentheses is moved onto that operator's last operand, and becomes a
   * standard CAST. {@code text} is the parsed text, to tell {@code (a + b)::int} apart.
   */
  static SqlNode castPrecedence(SqlNode node, String text) {
    // The calls that stand for a parenthesised cast after its cast moved onto an operand:
    // (a + b::int)::int is parsed as ((a + b)::int)::int, and the outer cast then applies to
    // the whole sum, as PostgreSQL reads it (it moved onto b a second time before).
    Set<SqlNode> parenthesised = Collections.newSetFromMap(new IdentityHashMap<>());
    return bottomUp(node, call -> {
      if (!isInfixCast(call)) {
        return call;
      }
      SqlNode bound = bindCast(call.operand(0), (SqlDataTypeSpec) call.operand(1), text,
          parenthesised);
      if (bound != call && parenthesised(call, text)) {
        parenthesised.add(bound);
      }
      return bound;
    });
  }

  private static boolean isInfixCast(SqlCall call) {
    return call.getKind() == SqlKind.CAST && call.getOperator().getName().equals("::");
  }

  private static SqlNode bindCast(SqlNode operand, SqlDataTypeSpec type, String text,
      Set<SqlNode> parenthesised) {
    if (operand instanceof SqlBasicCall op && !parenthesised.contains(op)
        && !parenthesised(op, text) && (op.getOperator() instanceof SqlBinaryOperator
        || op.getOperator() instanceof SqlPrefixOperator) && op.operandCount() > 0) {
      int last = op.operandCount() - 1;
      op.setOperand(last, bindCast(op.operand(last), type, text, parenthesised));
      return op;
    }
    return SqlStdOperatorTable.CAST.createCall(POS, operand, type);
  }

  /**
   * Whether the call was written in parentheses: the parser starts a parenthesised
   * expression's position at its opening parenthesis, else at its first token.
   */
  private static boolean parenthesised(SqlCall call, String text) {
    SqlParserPos pos = call.getParserPosition();
    int start = offset(text, pos.getLineNum(), pos.getColumnNum());
    return start < 0 || text.charAt(start) == '(';
  }

  /** The offset of a 1-based line and column in text, or -1. */
  private static int offset(String text, int line, int column) {
    if (line < 1 || column < 1) {
      return -1;
    }
    int at = 0;
    for (int l = 1; l < line; l++) {
      at = text.indexOf('\n', at) + 1;
      if (at == 0) {
        return -1;
      }
    }
    int offset = at + column - 1;
    return offset < text.length() ? offset : -1;
  }

  /**
   * The session's values: version(), current_database(), current_schema, current_user,
   * current_schemas(bool), pg_backend_pid(), inet_server_port(), current_setting('name') and
   * now() become what this session would answer, as constants.
   */
  static SqlNode sessionValues(SqlNode node, Settings settings, int pid) {
    SqlShuttle shuttle = new SqlShuttle() {
      @Override public SqlNode visit(SqlIdentifier id) {
        if (id.isSimple() && !id.isComponentQuoted(0)) {
          SqlNode value = sessionWord(id.getSimple().toLowerCase(Locale.ROOT), settings);
          if (value != null) {
            return value;
          }
        }
        return id;
      }

      @Override public SqlNode visit(SqlCall call) {
        SqlNode visited = super.visit(call);
        if (!(visited instanceof SqlCall c) || !(c.getOperator() instanceof SqlFunction)) {
          return visited;
        }
        String name = functionName(c);
        List<SqlNode> args = c.getOperandList();
        switch (name) {
          case "version":
            return args.isEmpty() ? string("PostgreSQL " + Settings.SERVER_VERSION
                + " (pxweb-server; statbanks through pxweb-jdbc)") : c;
          case "current_database": case "current_schema": case "current_user":
          case "session_user": case "current_role": case "user":
            return args.isEmpty() ? sessionWord(name, settings) : c;
          case "current_schemas": {
            boolean implicit = !args.isEmpty() && args.get(0) instanceof SqlLiteral lit
                && Boolean.TRUE.equals(lit.getValueAs(Boolean.class));
            List<SqlNode> schemas = new ArrayList<>();
            if (implicit) {
              schemas.add(string("pg_catalog"));
            }
            schemas.add(string(PgCatalogSchema.DEFAULT_SCHEMA));
            return SqlStdOperatorTable.ARRAY_VALUE_CONSTRUCTOR.createCall(POS, schemas);
          }
          case "pg_backend_pid":
            return SqlLiteral.createExactNumeric(Integer.toString(pid), POS);
          case "inet_server_port": case "inet_server_addr":
            return SqlLiteral.createNull(POS);
          case "now": case "transaction_timestamp": case "statement_timestamp":
            return args.isEmpty() ? SqlStdOperatorTable.CURRENT_TIMESTAMP.createCall(POS) : c;
          case "current_setting": {
            if (args.isEmpty() || !(args.get(0) instanceof SqlCharStringLiteral lit)) {
              return c;
            }
            String value = settings.get(lit.getValueAs(String.class).toLowerCase(Locale.ROOT));
            return value == null ? SqlStdOperatorTable.CAST.createCall(POS,
                SqlLiteral.createNull(POS), varchar()) : string(value);
          }
          default:
            return c;
        }
      }
    };
    return node.accept(shuttle);
  }

  /** Whether a bare word is one of the session's values (current_user, current_schema...). */
  static boolean isSessionWord(String word) {
    return sessionWord(word.toLowerCase(Locale.ROOT), new Settings("", "", null)) != null;
  }

  private static SqlNode sessionWord(String word, Settings settings) {
    switch (word) {
      case "current_database": case "current_catalog":
        return string(settings.get("database"));
      case "current_schema":
        return string(PgCatalogSchema.DEFAULT_SCHEMA);
      case "current_user": case "session_user": case "current_role": case "user":
        return string(settings.get("session_authorization"));
      default:
        return null;
    }
  }

  /**
   * {@code 'name'::regclass} is the table's OID, which the server knows; a computed name cast
   * to regclass (Metabase: {@code CAST(FORMAT('%I.%I', s, t) AS REGCLASS)}) is looked up when
   * the query runs, by {@code pg_catalog.regclass_of}.
   */
  static SqlNode regclass(SqlNode node, CatalogData catalog) {
    return bottomUp(node, call -> {
      if (call.getKind() != SqlKind.CAST || !(call.operand(1) instanceof SqlDataTypeSpec type)
          || !typeName(type).equals("regclass")) {
        return call;
      }
      SqlNode operand = call.operand(0);
      if (operand instanceof SqlCharStringLiteral lit) {
        Integer oid;
        try {
          oid = catalog.relationOid(lit.getValueAs(String.class));
        } catch (SQLException e) {
          oid = null;
        }
        return SqlLiteral.createExactNumeric(oid == null ? "0" : oid.toString(), POS);
      }
      return function("pg_catalog", "regclass_of").createCall(POS, operand);
    });
  }

  /**
   * pg_catalog is always on PostgreSQL's search path: {@code FROM pg_type} (also quoted, as
   * HoneySQL writes it for Metabase) means {@code pg_catalog.pg_type}.
   */
  static SqlNode catalogTables(SqlNode node, Predicate<String> isCatalogTable) {
    return bottomUp(node, call -> {
      if (call instanceof SqlSelect select && select.getFrom() != null) {
        select.setFrom(qualify(select.getFrom(), isCatalogTable));
      }
      return call;
    });
  }

  private static SqlNode qualify(SqlNode from, Predicate<String> isCatalogTable) {
    if (from instanceof SqlIdentifier id && id.isSimple() && isCatalogTable.test(id.getSimple())) {
      return new SqlIdentifier(List.of("pg_catalog", id.getSimple()), POS);
    }
    if (from instanceof SqlJoin join) {
      join.setLeft(qualify(join.getLeft(), isCatalogTable));
      join.setRight(qualify(join.getRight(), isCatalogTable));
      return join;
    }
    if (from instanceof SqlCall call && call.getKind() == SqlKind.AS) {
      call.setOperand(0, qualify(call.operand(0), isCatalogTable));
    }
    return from;
  }

  /**
   * An array constant written as text ({@code '{0}'}, {@code '{a,b}'}) compared with a column
   * becomes {@code ARRAY[...]}: catalog queries compare oid[] and name[] columns so.
   */
  static SqlNode arrayConstants(SqlNode node) {
    return bottomUp(node, call -> {
      if (call.getKind() != SqlKind.EQUALS && call.getKind() != SqlKind.NOT_EQUALS) {
        return call;
      }
      for (int i = 0; i < 2; i++) {
        if (call.operand(i) instanceof SqlCharStringLiteral lit
            && !(call.operand(1 - i) instanceof SqlLiteral)) {
          SqlNode array = arrayOf(lit.getValueAs(String.class));
          if (array != null) {
            call.setOperand(i, array);
          }
        }
      }
      return call;
    });
  }

  private static SqlNode arrayOf(String text) {
    if (text.length() < 3 || text.charAt(0) != '{' || text.charAt(text.length() - 1) != '}') {
      return null;
    }
    List<SqlNode> elements = new ArrayList<>();
    for (String e : text.substring(1, text.length() - 1).split(",")) {
      String v = e.trim();
      if (v.isEmpty() || v.contains("\"") || v.contains("{")) {
        return null;
      }
      elements.add(isInteger(v) ? SqlLiteral.createExactNumeric(v, POS) : string(v));
    }
    return SqlStdOperatorTable.ARRAY_VALUE_CONSTRUCTOR.createCall(POS, elements);
  }

  private static boolean isInteger(String v) {
    try {
      new BigDecimal(v).intValueExact();
      return !v.contains(".");
    } catch (ArithmeticException | NumberFormatException e) {
      return false;
    }
  }

  /**
   * {@code date_trunc('month', week)}: PostgreSQL's argument order, where the second argument is
   * a value; a column named like a time unit (week, year, month...) is that column.
   */
  static SqlNode dateTruncColumns(SqlNode node) {
    return bottomUp(node, call -> {
      if (call.getOperator().getName().equalsIgnoreCase("DATE_TRUNC")
          && call.operandCount() == 2 && call.operand(0) instanceof SqlCharStringLiteral
          && call.operand(1) instanceof SqlIntervalQualifier unit) {
        // By its qualified name: the driver's parser reads DATE_TRUNC(x, name) as a unit again,
        // quoted or not; pg_catalog.date_trunc is the same function, called as any other.
        return function("pg_catalog", "date_trunc").createCall(call.getParserPosition(),
            call.operand(0), new SqlIdentifier(List.of(unit.timeUnitRange.name()
                .toLowerCase(Locale.ROOT)), null, unit.getParserPosition(),
                List.of(SqlParserPos.QUOTED_ZERO)));
      }
      return call;
    });
  }

  /**
   * {@code to_timestamp(text, format)}, as Grafana writes its time macros: the driver's gives a
   * timestamp with a zone that cannot be compared with a date (HY000 'Value does not contain time
   * zone'); the session's zone is UTC, so its local timestamp is the same instant.
   */
  static SqlNode toTimestamp(SqlNode node) {
    return bottomUp(node, call -> {
      if (call.getOperator() instanceof SqlFunction && call.operandCount() == 2
          && functionName(call).equals("to_timestamp")) {
        return SqlStdOperatorTable.CAST.createCall(POS, call, new SqlDataTypeSpec(
            new SqlBasicTypeNameSpec(
                SqlTypeName.TIMESTAMP, POS), POS));
      }
      return call;
    });
  }

  /**
   * A date plus or minus an interval is a timestamp in PostgreSQL (the driver's is a date): in
   * a select item of an ungrouped select, a column, a DATE constant, a cast to date or
   * CURRENT_DATE plus or minus an INTERVAL constant is cast to TIMESTAMP first, so the client
   * sees PostgreSQL's type, and the time of day an interval of hours gives. Elsewhere (WHERE,
   * GROUP BY) the date stays, so a filter is still pushed.
   */
  static SqlNode intervalArithmetic(SqlNode node) {
    return bottomUp(node, call -> {
      if (call instanceof SqlSelect select && select.getGroup() == null) {
        for (SqlNode item : select.getSelectList()) {
          SqlNode e = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
          if ((e.getKind() == SqlKind.PLUS || e.getKind() == SqlKind.MINUS)
              && e instanceof SqlBasicCall sum && sum.operand(1) instanceof SqlIntervalLiteral
              && isDateValue(sum.operand(0))) {
            sum.setOperand(0, SqlStdOperatorTable.CAST.createCall(POS, sum.operand(0),
                new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.TIMESTAMP, POS), POS)));
          }
        }
      }
      return call;
    });
  }

  private static boolean isDateValue(SqlNode value) {
    if (value instanceof SqlIdentifier || value instanceof SqlLiteral lit
        && lit.getTypeName() == SqlTypeName.DATE) {
      return true;
    }
    if (value instanceof SqlBasicCall call && call.getKind() == SqlKind.CAST
        && call.operand(1) instanceof SqlDataTypeSpec spec) {
      return typeName(spec).equals("date");
    }
    return value instanceof SqlBasicCall call
        && call.getOperator().getName().equalsIgnoreCase("CURRENT_DATE");
  }

  /**
   * NULL sorts above every value in PostgreSQL: last in ascending order, first in descending,
   * unless the query says NULLS FIRST or LAST. Every ORDER BY (also in window specifications)
   * says so explicitly for the driver.
   */
  static SqlNode nullOrdering(SqlNode node) {
    return bottomUp(node, call -> {
      if (call instanceof SqlOrderBy orderBy && !orderBy.orderList.isEmpty()) {
        return new SqlOrderBy(orderBy.getParserPosition(), orderBy.query,
            withNulls(orderBy.orderList), orderBy.offset, orderBy.fetch);
      }
      if (call instanceof SqlSelect select && select.getOrderList() != null
          && !select.getOrderList().isEmpty()) {
        select.setOrderBy(withNulls(select.getOrderList()));
      }
      if (call instanceof SqlWindow window && window.getOrderList() != null
          && !window.getOrderList().isEmpty()) {
        window.setOrderList(withNulls(window.getOrderList()));
      }
      return call;
    });
  }

  private static SqlNodeList withNulls(SqlNodeList list) {
    List<SqlNode> out = new ArrayList<>();
    for (SqlNode item : list) {
      if (item.getKind() == SqlKind.NULLS_FIRST || item.getKind() == SqlKind.NULLS_LAST) {
        out.add(item);
      } else if (item.getKind() == SqlKind.DESCENDING) {
        out.add(SqlStdOperatorTable.NULLS_FIRST.createCall(POS, item));
      } else {
        out.add(SqlStdOperatorTable.NULLS_LAST.createCall(POS, item));
      }
    }
    return new SqlNodeList(out, list.getParserPosition());
  }

  /**
   * Each parameter cast to the type the client declared for its $n (text when none): where the
   * driver cannot infer a parameter's type (a select item, a function argument).
   * {@code numbers}: the n of each {@code ?} in order.
   */
  static SqlNode typedParameters(SqlNode node, List<Integer> numbers, int[] declared) {
    return node.accept(new SqlShuttle() {
      @Override public SqlNode visit(SqlDynamicParam param) {
        int n = numbers.get(param.getIndex());
        int oid = n >= 1 && n <= declared.length ? declared[n - 1] : 0;
        SqlTypeName type = Parameters.sqlType(
            PgType.ofOid(oid));
        return SqlStdOperatorTable.CAST.createCall(POS, param, new SqlDataTypeSpec(
            new SqlBasicTypeNameSpec(type, POS), POS));
      }
    });
  }

  static String functionName(SqlCall call) {
    SqlOperator op = call.getOperator();
    if (op instanceof SqlFunction f && f.getSqlIdentifier() != null) {
      List<String> names = f.getSqlIdentifier().names;
      return names.get(names.size() - 1).toLowerCase(Locale.ROOT);
    }
    return op.getName().toLowerCase(Locale.ROOT);
  }

  static String typeName(SqlDataTypeSpec type) {
    List<String> names = type.getTypeName().names;
    return names.get(names.size() - 1).toLowerCase(Locale.ROOT);
  }

  private static SqlNode string(String value) {
    return SqlLiteral.createCharString(value, POS);
  }

  private static SqlDataTypeSpec varchar() {
    return new SqlDataTypeSpec(new SqlBasicTypeNameSpec(
        SqlTypeName.VARCHAR, POS), POS);
  }

  /** A call of a catalog function by its qualified name, resolved by the driver's validator. */
  private static SqlOperator function(String schema, String name) {
    return new SqlUnresolvedFunction(
        new SqlIdentifier(List.of(schema, name), POS), null, null, null, null,
        SqlFunctionCategory.USER_DEFINED_FUNCTION);
  }
}
