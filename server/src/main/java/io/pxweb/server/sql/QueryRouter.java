package io.pxweb.server.sql;

import io.pxweb.server.catalog.CatalogData;
import io.pxweb.server.catalog.PgCatalogSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;

/** Sends a session's queries to the driver, in the driver's SQL dialect (see {@link PgDialect}). */
final class QueryRouter {
  private final Connection connection;
  private final Settings settings;
  private final PgDialect dialect;
  private final CatalogData catalog;
  private final PgCatalogSchema pg;

  QueryRouter(Connection connection, Settings settings, int pid, CatalogData catalog,
      PgCatalogSchema pg) {
    this.connection = connection;
    this.settings = settings;
    this.dialect = new PgDialect(settings, pid, catalog, pg);
    this.catalog = catalog;
    this.pg = pg;
  }

  /** Runs a query; {@code started} receives the statement so a CancelRequest can reach it. */
  Result query(String sql, Consumer<Statement> started) throws SQLException {
    Rows known = KnownQueries.answer(sql, catalog);
    if (known != null) {
      return Result.rows(known);
    }
    Statement statement = connection.createStatement();
    try {
      long timeout = settings.statementTimeoutMillis();
      if (timeout > 0) {
        statement.setQueryTimeout((int) Math.max(1, (timeout + 999) / 1000));
      }
      started.accept(statement);
      ResultSet rs = statement.executeQuery(dialect.rewrite(sql));
      return Result.rows(new Rows.Jdbc(statement, rs));
    } catch (SQLException | RuntimeException e) {
      statement.close();
      Rows empty = EmptyAnswer.forQuery(sql, pg);
      if (empty != null) {
        return Result.rows(empty);
      }
      throw e;
    }
  }

  /**
   * The columns a statement will return, without running it (Describe of a statement): the
   * driver prepares it with each {@code $n} as a typed NULL. Null when it returns no rows.
   */
  List<Rows.Column> describe(String sql) throws SQLException {
    if (sql.isEmpty() || !isQuery(sql)) {
      return null;
    }
    String text = dialect.rewrite(SqlText.replaceParameters(sql, n -> "NULL"));
    try (PreparedStatement ps = connection.prepareStatement(text)) {
      return Rows.columnsOf(ps.getMetaData());
    }
  }

  static boolean isQuery(String sql) {
    String word = SqlText.firstWord(sql);
    return word.equals("SELECT") || word.equals("WITH") || word.equals("VALUES")
        || word.equals("TABLE") || word.equals("EXPLAIN") || word.equals("SHOW");
  }
}
