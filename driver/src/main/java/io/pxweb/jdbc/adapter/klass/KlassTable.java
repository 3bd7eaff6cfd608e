package io.pxweb.jdbc.adapter.klass;

import io.pxweb.jdbc.klass.KlassClient;

import io.pxweb.jdbc.adapter.PxWebQueryException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import io.pxweb.jdbc.adapter.StatementBudget;
import io.pxweb.jdbc.model.CallBudget;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A table read from Klass: planning turns it into a {@link KlassScan}, which pushes filters
 * into the request; {@link #scan} sends the request when the rows are first read.
 *
 * <p>Public because generated code calls {@link #scan}; not part of the driver's API.
 */
public abstract class KlassTable extends AbstractTable implements TranslatableTable {
  final KlassClient client;

  KlassTable(KlassClient client) {
    this.client = client;
  }

  /** Returns the column whose equality, IN and prefix LIKE go to {@code selectCodes}, or -1. */
  abstract int codeColumn();

  /** Returns the column whose equality goes to {@code selectLevel}, or -1. */
  abstract int levelColumn();

  /** Returns the column whose equality goes to Klass's search, or -1. */
  abstract int searchColumn();

  /** Fetches the rows, with the pushed part of the query, in Calcite's internal form. */
  abstract List<Object[]> rows(KlassPush push, CallBudget budget) throws SQLException;

  @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return new KlassScan(context.getCluster(), relOptTable, this, KlassPush.NONE);
  }

  /**
   * Returns the rows of a scan; the request goes out when they are first enumerated. Called by
   * the code Calcite generates for {@link KlassScan}.
   */
  public Enumerable<Object[]> scan(DataContext root, KlassPush push) {
    return once(() -> StatementBudget.run(root, budget -> rows(push, budget)));
  }

  /** Source of rows that may fail with Klass's error. */
  interface RowSource {
    List<Object[]> rows() throws SQLException;
  }

  /**
   * Returns rows fetched on the first enumeration and kept for later ones, so that a join
   * which reads its input several times sends one request, not one per pass.
   */
  static Enumerable<Object[]> once(RowSource source) {
    return new AbstractEnumerable<>() {
      private List<Object[]> rows;

      @Override public synchronized Enumerator<Object[]> enumerator() {
        if (rows == null) {
          try {
            rows = source.rows();
          } catch (SQLException e) {
            throw new PxWebQueryException(e);
          }
        }
        return Linq4j.enumerator(rows);
      }
    };
  }
}
