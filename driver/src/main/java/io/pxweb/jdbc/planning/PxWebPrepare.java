package io.pxweb.jdbc.planning;

import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;

/** Calcite's preparation of a statement, with the driver's conversions of SQL to expressions. */
public final class PxWebPrepare extends CalcitePrepareImpl {
  @Override protected SqlRexConvertletTable createConvertletTable() {
    return TimestampTextConvertlets.INSTANCE;
  }
}
