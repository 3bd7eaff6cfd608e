package io.pxweb.jdbc.planning;

import java.math.RoundingMode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * The SQL types of every connection: the choices where Calcite's defaults differ from what
 * users of PostgreSQL, DuckDB or SQLite expect (documented in docs/sql-mapping.md).
 *
 * <ul>
 *   <li>Literals of different lengths meeting in CASE, COALESCE or UNION are VARCHAR, not
 *       CHAR padded with spaces: {@code CASE ... THEN 'ab' ELSE 'abcd' END} yields {@code 'ab'}.
 *   <li>Decimals carry up to 38 digits (Calcite's default is 19), room for derived values;
 *       a SUM has ten digits more than its argument, a product the digits of both factors up
 *       to 28 (Calcite gives both the maximum, which cuts a compared literal's decimals).
 *   <li>AVG keeps a useful precision: over a DECIMAL or an integer it is a DECIMAL with at least
 *       {@value #DERIVED_SCALE} fractional digits, as PostgreSQL's numeric average (Calcite
 *       keeps the argument's type, so the mean of 10.1, 10.6 and 11.0 would be 10.5, and of
 *       integers an integer).
 *   <li>Division of decimals has at least {@value #DERIVED_SCALE} fractional digits, as
 *       PostgreSQL's numeric division. Integer divided by integer stays an integer division,
 *       as in PostgreSQL.
 *   <li>A DECIMAL (NUMERIC) without a scale keeps {@value #DERIVED_SCALE} fractional digits:
 *       PostgreSQL's unconstrained numeric keeps the value's digits, so
 *       {@code CAST(1911.6 AS NUMERIC)} is 1911.6 (Calcite's scale 0 made it 1911).
 *   <li>A cast to fewer fractional digits rounds half away from zero, as PostgreSQL's numeric:
 *       {@code CAST(2.495 AS NUMERIC(10, 2))} is 2.50 (Calcite cut it to 2.49).
 * </ul>
 */
public final class PxWebTypeSystem extends RelDataTypeSystemImpl {
  /** The instance Calcite's {@code typeSystem} connection property finds by name. */
  public static final PxWebTypeSystem INSTANCE = new PxWebTypeSystem();

  /** Fractional digits of averages and quotients (PostgreSQL gives at least 16 significant). */
  static final int DERIVED_SCALE = 16;

  private static final int MAX_DECIMAL_PRECISION = 38;

  /** Digits a sum may have beyond its argument's. */
  private static final int SUM_DIGITS = 10;

  private PxWebTypeSystem() {
  }

  @Override public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_PRECISION
        : super.getMaxPrecision(typeName);
  }

  @Override public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_PRECISION : super.getMaxScale(typeName);
  }

  @Override public int getDefaultScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? DERIVED_SCALE : super.getDefaultScale(typeName);
  }

  @Override public RoundingMode roundingMode() {
    return RoundingMode.HALF_UP;
  }

  @Override public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }

  /**
   * SUM of a DECIMAL(p, s) is DECIMAL(p + 10, s) (room for ten billion rows), not Calcite's
   * DECIMAL(max, s): at the maximum precision, comparing the sum with a literal of more decimals
   * ({@code HAVING SUM(x) > -0.5}) happens in a common type without room for the literal's scale,
   * so Calcite cuts the literal (to 0) and the comparison is wrong.
   */
  @Override public RelDataType deriveSumType(RelDataTypeFactory types, RelDataType argument) {
    if (argument.getSqlTypeName() == SqlTypeName.DECIMAL) {
      int precision = Math.min(MAX_DECIMAL_PRECISION, argument.getPrecision() + SUM_DIGITS);
      return types.createTypeWithNullability(
          types.createSqlType(SqlTypeName.DECIMAL, precision, argument.getScale()),
          argument.isNullable());
    }
    return super.deriveSumType(types, argument);
  }

  /**
   * A product of decimals has room for ten more digits, as a SUM has: DECIMAL(p1 + p2, s1 + s2)
   * up to {@value #MAX_DECIMAL_PRECISION} - 10 digits. At the maximum precision (Calcite's
   * choice for two DECIMAL(19, 0) measures) a compared literal with decimals lost them in the
   * common type: {@code a * b > -0.5} ran as {@code > 0}.
   */
  @Override public RelDataType deriveDecimalMultiplyType(RelDataTypeFactory types,
      RelDataType left, RelDataType right) {
    if (SqlTypeUtil.isExactNumeric(left) && SqlTypeUtil.isExactNumeric(right)
        && (SqlTypeUtil.isDecimal(left) || SqlTypeUtil.isDecimal(right))) {
      int scale = Math.min(Math.max(left.getScale(), 0) + Math.max(right.getScale(), 0),
          MAX_DECIMAL_PRECISION - SUM_DIGITS);
      int precision = Math.min(left.getPrecision() + right.getPrecision(),
          MAX_DECIMAL_PRECISION - SUM_DIGITS);
      return types.createTypeWithNullability(
          types.createSqlType(SqlTypeName.DECIMAL, Math.max(precision, scale), scale),
          left.isNullable() || right.isNullable());
    }
    return super.deriveDecimalMultiplyType(types, left, right);
  }

  @Override public RelDataType deriveAvgAggType(RelDataTypeFactory types, RelDataType argument) {
    if (SqlTypeUtil.isExactNumeric(argument)) {
      int scale = Math.max(argument.getScale() < 0 ? 0 : argument.getScale(), DERIVED_SCALE);
      return types.createTypeWithNullability(
          types.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL_PRECISION, scale),
          argument.isNullable());
    }
    return super.deriveAvgAggType(types, argument);
  }

  @Override public RelDataType deriveDecimalDivideType(RelDataTypeFactory types,
      RelDataType dividend, RelDataType divisor) {
    if (SqlTypeUtil.isExactNumeric(dividend) && SqlTypeUtil.isExactNumeric(divisor)
        && (SqlTypeUtil.isDecimal(dividend) || SqlTypeUtil.isDecimal(divisor))) {
      int scale = Math.max(DERIVED_SCALE, Math.max(Math.max(dividend.getScale(), 0),
          Math.max(divisor.getScale(), 0)));
      return types.createTypeWithNullability(
          types.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL_PRECISION, scale),
          dividend.isNullable() || divisor.isNullable());
    }
    return super.deriveDecimalDivideType(types, dividend, divisor);
  }
}
