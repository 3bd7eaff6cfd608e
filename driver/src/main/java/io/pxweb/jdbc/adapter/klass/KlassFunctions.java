package io.pxweb.jdbc.adapter.klass;

import io.pxweb.jdbc.adapter.StatementBudget;
import io.pxweb.jdbc.klass.KlassClient;
import io.pxweb.jdbc.model.CallBudget;
import java.lang.reflect.Type;
import java.sql.Date;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.function.Parameter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.TableFunction;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.schema.impl.TableFunctionImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The table functions of schema {@code klass}, each one Klass request:
 * {@code codes_at(id, date)}, {@code variant_at(id, variantName, date)},
 * {@code corresponds_at(sourceId, targetId, date)} and {@code changes(id, fromDate[, toDate])}.
 *
 * <p>Calcite calls these methods by reflection, also while validating with arguments that are
 * not known yet (null). The call returns a table holding the arguments; its {@code scan} finds
 * the connection's {@link KlassSchema} through the statement's root schema and sends the
 * request. Public because generated code calls them; use them from SQL.
 */
public final class KlassFunctions {
  private KlassFunctions() {
  }

  /**
   * Returns the SQL function of one of the methods below, with its date parameters declared
   * as DATE.
   *
   * <p>The methods take their dates as {@code Object}: Calcite can neither evaluate a DATE
   * literal into a {@code java.sql.Date} while validating nor convert a DATE statement
   * parameter into one at run time, but passes the internal form (days) to an
   * {@code Object}. Declared as such, though, the parameter would accept any type, so the
   * function that SQL sees declares DATE and delegates the rest to Calcite's reflective
   * function.
   */
  static Function function(String methodName) {
    TableFunctionImpl delegate =
        (TableFunctionImpl) TableFunctionImpl.create(KlassFunctions.class, methodName);
    return new DateTyped(delegate);
  }

  /** A reflective table function whose {@code Object} parameters are declared DATE. */
  private static final class DateTyped implements TableFunction, ImplementableFunction {
    private final TableFunctionImpl delegate;
    private final List<FunctionParameter> parameters = new ArrayList<>();

    DateTyped(TableFunctionImpl delegate) {
      this.delegate = delegate;
      Class<?>[] javaTypes = delegate.method.getParameterTypes();
      for (FunctionParameter p : delegate.getParameters()) {
        boolean date = javaTypes[p.getOrdinal()] == Object.class;
        parameters.add(new FunctionParameter() {
          @Override public int getOrdinal() {
            return p.getOrdinal();
          }

          @Override public String getName() {
            return p.getName();
          }

          @Override public RelDataType getType(RelDataTypeFactory typeFactory) {
            return date ? typeFactory.createTypeWithNullability(
                typeFactory.createSqlType(SqlTypeName.DATE), true) : p.getType(typeFactory);
          }

          @Override public boolean isOptional() {
            return p.isOptional();
          }
        });
      }
    }

    @Override public List<FunctionParameter> getParameters() {
      return parameters;
    }

    @Override public RelDataType getRowType(RelDataTypeFactory typeFactory,
        List<? extends Object> arguments) {
      return delegate.getRowType(typeFactory, arguments);
    }

    @Override public Type getElementType(List<? extends Object> arguments) {
      return delegate.getElementType(arguments);
    }

    @Override public CallImplementor getImplementor() {
      return delegate.getImplementor();
    }
  }

  /** {@code codes_at}: the codes of a classification valid at a date. */
  public static ScannableTable codesAt(
      @Parameter(name = "classificationId") Integer classificationId,
      @Parameter(name = "date") Object date) {
    return new Call(Kind.CODES_AT, classificationId, null, null, date, null);
  }

  /** {@code variant_at}: the codes of a named variant of a classification valid at a date. */
  public static ScannableTable variantAt(
      @Parameter(name = "classificationId") Integer classificationId,
      @Parameter(name = "variantName") String variantName,
      @Parameter(name = "date") Object date) {
    return new Call(Kind.VARIANT_AT, classificationId, null, variantName, date, null);
  }

  /** {@code corresponds_at}: the pairs of codes of two classifications at a date. */
  public static ScannableTable correspondsAt(
      @Parameter(name = "sourceId") Integer sourceId,
      @Parameter(name = "targetId") Integer targetId,
      @Parameter(name = "date") Object date) {
    return new Call(Kind.CORRESPONDS_AT, sourceId, targetId, null, date, null);
  }

  /** {@code changes}: the changes of codes from a date, up to another (exclusive) or open. */
  public static ScannableTable changes(
      @Parameter(name = "classificationId") Integer classificationId,
      @Parameter(name = "fromDate") Object fromDate,
      @Parameter(name = "toDate", optional = true) Object toDate) {
    return new Call(Kind.CHANGES, classificationId, null, null, fromDate, toDate);
  }

  /** The four functions; each knows its row type and request. */
  enum Kind { CODES_AT, VARIANT_AT, CORRESPONDS_AT, CHANGES }

  /** One call of a function with its arguments, as a table. */
  static final class Call extends AbstractTable implements ScannableTable {
    private final Kind kind;
    private final Integer id;
    private final Integer targetId;
    private final String variantName;
    private final Object date;
    private final Object toDate;

    Call(Kind kind, Integer id, Integer targetId, String variantName, Object date,
        Object toDate) {
      this.kind = kind;
      this.id = id;
      this.targetId = targetId;
      this.variantName = variantName;
      this.date = date;
      this.toDate = toDate;
    }

    @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return switch (kind) {
        case CODES_AT, VARIANT_AT -> KlassRows.codesAtType(typeFactory);
        case CORRESPONDS_AT -> KlassRows.correspondenceType(typeFactory);
        case CHANGES -> KlassRows.changeType(typeFactory);
      };
    }

    @Override public Enumerable<Object[]> scan(DataContext root) {
      KlassSchema schema = KlassSchema.find(root);
      return KlassTable.once(() -> StatementBudget.run(root,
          budget -> rows(schema.client(), budget)));
    }

    private List<Object[]> rows(KlassClient client, CallBudget budget)
        throws SQLException {
      String name = kind.name().toLowerCase(Locale.ROOT);
      if (id == null || date == null || (kind == Kind.CORRESPONDS_AT && targetId == null)
          || (kind == Kind.VARIANT_AT && variantName == null)) {
        throw new SQLException("klass." + name + " needs all its arguments, got null", "22004");
      }
      LocalDate day = day(date);
      List<Object[]> rows = new ArrayList<>();
      switch (kind) {
        case CODES_AT -> client.codesAt(id.toString(), day, budget)
            .forEach(c -> rows.add(KlassRows.codeAt(c)));
        case VARIANT_AT -> client.variantAt(id.toString(), variantName, day, budget)
            .forEach(c -> rows.add(KlassRows.codeAt(c)));
        case CORRESPONDS_AT -> client.correspondsAt(id.toString(), targetId.toString(), day,
            budget).forEach(c -> rows.add(KlassRows.correspondence(c)));
        case CHANGES -> client.changes(id.toString(), day,
            toDate == null ? null : day(toDate), budget)
            .forEach(c -> rows.add(KlassRows.change(c)));
        default -> throw new AssertionError(kind);
      }
      return rows;
    }
  }

  /**
   * Reads a date argument. Calcite passes a DATE in its internal form, days since 1970-01-01;
   * the other forms are for callers of these methods from Java.
   */
  static LocalDate day(Object value) throws SQLException {
    if (value instanceof Date d) {
      return d.toLocalDate();
    }
    if (value instanceof Integer days) {
      return LocalDate.ofEpochDay(days);
    }
    if (value instanceof LocalDate d) {
      return d;
    }
    try {
      return LocalDate.parse(String.valueOf(value).trim());
    } catch (DateTimeParseException e) {
      throw new SQLException("Expected a date, got '" + value + "'", "22007");
    }
  }
}
