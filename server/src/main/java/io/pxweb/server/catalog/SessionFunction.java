package io.pxweb.server.catalog;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;

/**
 * A catalog function that reads its session's catalog and settings: a static method whose first
 * parameter is the query's {@link DataContext}. The generated code passes the running query's
 * context, whose root schema is the session's own, so no session state is kept in statics.
 */
final class SessionFunction implements ScalarFunction, ImplementableFunction {
  private final Method method;
  private final List<Type> argumentTypes;

  private SessionFunction(Method method) {
    this.method = method;
    Type[] all = method.getGenericParameterTypes();
    this.argumentTypes = List.copyOf(Arrays.asList(all).subList(1, all.length));
  }

  /** Whether the method takes the query's context first (else it is a plain function). */
  static boolean takesContext(Method m) {
    return m.getParameterCount() > 0 && m.getParameterTypes()[0] == DataContext.class;
  }

  static SessionFunction of(Method m) {
    return new SessionFunction(m);
  }

  @Override public List<FunctionParameter> getParameters() {
    List<FunctionParameter> out = new ArrayList<>();
    for (int i = 0; i < argumentTypes.size(); i++) {
      int ordinal = i;
      Class<?> type = method.getParameterTypes()[i + 1];
      out.add(new FunctionParameter() {
        @Override public int getOrdinal() {
          return ordinal;
        }

        @Override public String getName() {
          return "arg" + ordinal;
        }

        @Override public RelDataType getType(RelDataTypeFactory factory) {
          return ((JavaTypeFactory) factory).createType(type);
        }

        @Override public boolean isOptional() {
          return false;
        }
      });
    }
    return out;
  }

  @Override public RelDataType getReturnType(RelDataTypeFactory factory) {
    return ((JavaTypeFactory) factory).createType(method.getReturnType());
  }

  @Override public CallImplementor getImplementor() {
    return (translator, call, nullAs) -> {
      List<Expression> args = new ArrayList<>();
      args.add(translator.getRoot());
      List<Expression> operands = translator.translateList(call.getOperands());
      for (int i = 0; i < operands.size(); i++) {
        // A smallint (attnum) passed for an Integer parameter is converted, not cast.
        args.add(EnumUtils.convert(operands.get(i), method.getParameterTypes()[i + 1]));
      }
      return nullAs.handle(Expressions.call(method, args));
    };
  }
}
