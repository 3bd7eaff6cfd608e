package org.apache.calcite.jdbc;

import java.sql.SQLException;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;

/**
 * Calcite's JDBC 4.1 factory, making {@link PxWebResultSet}s. It lives in Calcite's package
 * because {@link CalciteResultSet}'s constructor is package-private.
 */
public final class PxWebJdbcFactory extends CalciteJdbc41Factory {
  /** Called by reflection, by the driver's {@code createFactory}. */
  public PxWebJdbcFactory() {
    super();
  }

  @Override public CalciteResultSet newResultSet(AvaticaStatement statement, QueryState state,
      Meta.Signature signature, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
    return new PxWebResultSet(statement, (CalcitePrepare.CalciteSignature) signature,
        newResultSetMetaData(statement, signature), timeZone, firstFrame);
  }
}
