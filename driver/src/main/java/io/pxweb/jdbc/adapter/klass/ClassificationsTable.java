package io.pxweb.jdbc.adapter.klass;

import io.pxweb.jdbc.klass.KlassClient;
import io.pxweb.jdbc.klass.KlassDocuments;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import io.pxweb.jdbc.model.CallBudget;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;

/**
 * The table {@code klass.classifications}: every classification and code list in Klass, or,
 * with {@code WHERE search = '...'}, the hits of Klass's search for that text.
 *
 * <p>{@code search}, {@code snippet} and {@code search_score} are set on search hits only; a
 * hit has no {@code classification_type} or {@code last_modified}, as Klass's search does not
 * say them.
 */
final class ClassificationsTable extends KlassTable {
  ClassificationsTable(KlassClient client) {
    super(client);
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return KlassRows.classificationsType(typeFactory);
  }

  @Override int codeColumn() {
    return -1;
  }

  @Override int levelColumn() {
    return -1;
  }

  @Override int searchColumn() {
    return KlassRows.SEARCH;
  }

  @Override List<Object[]> rows(KlassPush push, CallBudget budget) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    if (push.search() != null) {
      for (KlassDocuments.SearchHit h : client.search(push.search(), budget)) {
        rows.add(KlassRows.searchHit(h, push.search()));
      }
    } else {
      for (KlassDocuments.Classification c : client.classifications(budget)) {
        rows.add(KlassRows.classification(c));
      }
    }
    return rows;
  }

  @Override public String toString() {
    return "ClassificationsTable";
  }
}
