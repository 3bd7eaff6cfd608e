package io.pxweb.jdbc.adapter.klass;

import io.pxweb.jdbc.klass.KlassClient;
import io.pxweb.jdbc.klass.KlassDocuments;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import io.pxweb.jdbc.model.CallBudget;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;

/**
 * A classification as a table, {@code klass."131"}: every version of every code over the
 * classification's whole history, each with the dates between which it had that name.
 *
 * <p>One request, {@code /classifications/{id}/codes?from=1800-01-01} with no {@code to}:
 * over such a range Klass returns each code once per stretch of time in which its name stayed
 * the same, with that stretch as {@code validFromInRequestedRange} and
 * {@code validToInRequestedRange} (none while the code is still valid).
 */
final class CodesTable extends KlassTable {
  /** Start of the range asked for; earlier than any version in Klass. */
  static final LocalDate HISTORY_FROM = LocalDate.of(1800, 1, 1);

  private final String id;

  CodesTable(KlassClient client, String id) {
    super(client);
    this.id = id;
  }

  String id() {
    return id;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return KlassRows.codeHistoryType(typeFactory);
  }

  @Override int codeColumn() {
    return KlassRows.CODE;
  }

  @Override int levelColumn() {
    return KlassRows.LEVEL;
  }

  @Override int searchColumn() {
    return -1;
  }

  @Override List<Object[]> rows(KlassPush push, CallBudget budget) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    for (KlassDocuments.Code c : client.codes(id, HISTORY_FROM, null, push.selectCodes(),
        push.level(), budget)) {
      if (push.accepts(c.code(), c.level())) {
        rows.add(KlassRows.codeHistory(c));
      }
    }
    return rows;
  }

  @Override public String toString() {
    return "CodesTable {" + id + "}";
  }
}
