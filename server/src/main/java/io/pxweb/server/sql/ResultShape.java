package io.pxweb.server.sql;

import io.pxweb.server.catalog.PgType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * What a PostgreSQL client sees of a result that the driver's metadata does not say: each
 * column's name as PostgreSQL figures it (count, sum, date_trunc, the cast column's name,
 * ?column? otherwise) and the types PostgreSQL gives where the driver's differ (date_trunc of a
 * date is timestamptz, a CASE over string constants text, extract numeric). Read from the
 * parse tree before any rewrite, so session functions keep their own names.
 */
final class ResultShape {
  /** One column: the PostgreSQL name (null: the driver's label), the type (null: the driver's). */
  record Column(String name, PgType type, boolean unconstrainedNumeric) {
  }

  private final List<Column> columns;

  private ResultShape(List<Column> columns) {
    this.columns = columns;
  }

  /** The shape of a query's result, or null when it is not a plain select list (SELECT *). */
  static ResultShape of(SqlNode tree) {
    // A WITH query's shape is its body's.
    SqlNode body = tree instanceof SqlWith w ? w.body : tree;
    SqlNode query = body instanceof SqlOrderBy o ? o.query : body;
    if (!(query instanceof SqlSelect select)) {
      return null;
    }
    List<Column> out = new ArrayList<>();
    Map<String, String> catalogTables = CatalogArrays.tables(select.getFrom());
    for (SqlNode item : select.getSelectList()) {
      if (item instanceof SqlIdentifier id && id.isStar()) {
        return null;
      }
      SqlNode value = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
      PgType array = CatalogArrays.type(value, catalogTables);
      out.add(new Column(item == value ? name(item) : null, array != null ? array : type(value),
          unconstrainedNumeric(value)));
    }
    return new ResultShape(out);
  }

  /** The driver's columns renamed and retyped as PostgreSQL would have them. */
  List<Rows.Column> apply(List<Rows.Column> driver) {
    if (driver.size() != columns.size()) {
      return driver;
    }
    List<Rows.Column> out = new ArrayList<>(driver.size());
    for (int i = 0; i < driver.size(); i++) {
      Rows.Column d = driver.get(i);
      Column c = columns.get(i);
      PgType type = c.type() == null || !compatible(d.type(), c.type()) ? d.type() : c.type();
      boolean unconstrained = c.unconstrainedNumeric() && d.type() == PgType.NUMERIC;
      out.add(new Rows.Column(c.name() == null ? d.name() : c.name(), type,
          type == d.type() && !unconstrained ? d.typmod() : -1, unconstrained));
    }
    return out;
  }

  /** Whether the driver's values can be sent as the PostgreSQL type. */
  private static boolean compatible(PgType driver, PgType pg) {
    switch (pg) {
      case TIMESTAMPTZ: return driver == PgType.TIMESTAMP;
      case INT2VECTOR: case OIDVECTOR: case INT2_ARRAY: return driver == PgType.TEXT_ARRAY;
      case TEXT: case NAME: case JSON: return driver == PgType.VARCHAR || driver == PgType.BPCHAR
          || driver == PgType.TEXT;
      case NUMERIC: return driver == PgType.INT8 || driver == PgType.INT4
          || driver == PgType.INT2 || driver == PgType.NUMERIC;
      default: return false;
    }
  }

  /** PostgreSQL's FigureColname: the name an unaliased select item gets. */
  static String name(SqlNode item) {
    if (item instanceof SqlIdentifier id) {
      // current_user and its kind become constants; PostgreSQL names them by the word.
      return id.isSimple() && !id.isComponentQuoted(0)
          && PgRewrites.isSessionWord(id.getSimple()) ? id.getSimple().toLowerCase(Locale.ROOT)
          : null;
    }
    if (item instanceof SqlCall call) {
      SqlKind kind = call.getKind();
      if (kind == SqlKind.CAST) {
        String inner = name(call.operand(0));
        if (inner != null && !inner.equals("?column?")) {
          return inner;
        }
        if (call.operand(0) instanceof SqlIdentifier id) {
          return id.names.get(id.names.size() - 1);
        }
        return internalTypeName(PgRewrites.typeName((SqlDataTypeSpec) call.operand(1)));
      }
      if (kind == SqlKind.CASE) {
        return "case";
      }
      if (kind == SqlKind.FILTER || kind == SqlKind.WITHIN_GROUP || kind == SqlKind.OVER) {
        return name(call.operand(0));
      }
      if (kind == SqlKind.ARRAY_VALUE_CONSTRUCTOR) {
        return "array";
      }
      if (kind == SqlKind.ROW) {
        return "row";
      }
      if (kind == SqlKind.EXTRACT) {
        return "extract";
      }
      if (call.getOperator() instanceof SqlFunction) {
        return PgRewrites.functionName(call);
      }
    }
    return "?column?";
  }

  /** PostgreSQL names a cast column by the type's internal name: int4, not integer. */
  private static String internalTypeName(String type) {
    switch (type) {
      case "int": case "integer": return "int4";
      case "bigint": return "int8";
      case "smallint": return "int2";
      case "real": return "float4";
      case "double": case "float": return "float8";
      case "decimal": return "numeric";
      case "boolean": return "bool";
      case "char": case "character": return "bpchar";
      default: return type;
    }
  }

  /** The PostgreSQL type the tree gives a value where the driver's differs, else null. */
  static PgType typeOf(SqlNode value) {
    return type(value);
  }

  private static PgType type(SqlNode item) {
    if (item instanceof SqlIdentifier && name(item) != null) {
      return PgType.NAME; // current_user, current_schema... are of type name
    }
    if (!(item instanceof SqlCall call)) {
      return item instanceof SqlCharStringLiteral ? PgType.TEXT : null;
    }
    if (call.getKind() == SqlKind.CAST || AtTimeZone.isTimezone(call)) {
      // x::timestamptz, and a timestamp AT TIME ZONE: the driver's timestamp, sent as one.
      return AtTimeZone.type(call) == PgType.TIMESTAMPTZ ? PgType.TIMESTAMPTZ : null;
    }
    if (call.getOperator() instanceof SqlFunction && (call.operandCount() == 0
        && PgRewrites.isSessionWord(PgRewrites.functionName(call))
        || PgRewrites.functionName(call).equals("pg_get_userbyid"))) {
      return PgType.NAME;
    }
    if (call.getKind() == SqlKind.EXTRACT) {
      return PgType.NUMERIC;
    }
    if (call.getKind() == SqlKind.CASE && stringResults(call)) {
      return PgType.TEXT;
    }
    if (call.getOperator() instanceof SqlFunction
        && PgRewrites.functionName(call).equals("date_trunc") && call.operandCount() == 2
        && (isDate(call.operand(1)) || AtTimeZone.type(call.operand(1)) == PgType.TIMESTAMPTZ)) {
      // PostgreSQL has no date_trunc(text, date): the date becomes a timestamptz.
      return PgType.TIMESTAMPTZ;
    }
    if (call.getOperator() instanceof SqlFunction
        && PgRewrites.functionName(call).equals("row_to_json")) {
      return PgType.JSON;
    }
    if (call.getOperator() instanceof SqlFunction
        && PgRewrites.functionName(call).equals("to_timestamp")) {
      return PgType.TIMESTAMPTZ;
    }
    // PostgreSQL's functions and operators on strings give text; varchar comes only from a
    // varchar column or a cast to it.
    return PgType.TEXT;
  }

  /** Whether every result of a CASE (THEN and ELSE) is a string constant. */
  private static boolean stringResults(SqlCall caseCall) {
    List<SqlNode> operands = caseCall.getOperandList();
    // SqlCase: value, WHEN list, THEN list, ELSE.
    SqlNode thens = operands.get(2);
    SqlNode otherwise = operands.get(3);
    if (!(thens instanceof SqlNodeList list) || list.isEmpty()) {
      return false;
    }
    for (SqlNode t : list) {
      if (!(t instanceof SqlCharStringLiteral)) {
        return false;
      }
    }
    return otherwise == null || otherwise instanceof SqlCharStringLiteral
        || otherwise.getKind() == SqlKind.LITERAL;
  }

  /** A column (statbank time columns are dates), a DATE constant or a cast to DATE. */
  private static boolean isDate(SqlNode value) {
    // A column named like a unit (week) is parsed as one.
    if (value instanceof SqlIdentifier || value instanceof SqlIntervalQualifier) {
      return true;
    }
    if (value instanceof SqlLiteral lit) {
      return lit.getTypeName() == SqlTypeName.DATE;
    }
    return value instanceof SqlBasicCall call && call.getKind() == SqlKind.CAST
        && call.operand(1) instanceof SqlDataTypeSpec spec
        && PgRewrites.typeName(spec).toLowerCase(Locale.ROOT).equals("date");
  }

  /** A cast to NUMERIC without precision: PostgreSQL shows the value's own digits. */
  private static boolean unconstrainedNumeric(SqlNode item) {
    if (!(item instanceof SqlCall call) || call.getKind() != SqlKind.CAST
        || !(call.operand(1) instanceof SqlDataTypeSpec spec)) {
      return false;
    }
    String type = PgRewrites.typeName(spec);
    return (type.equals("decimal") || type.equals("numeric"))
        && spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic
        && basic.getPrecision() < 0;
  }
}
