package io.pxweb.server.sql;

import io.pxweb.server.catalog.CatalogData;
import io.pxweb.server.catalog.TimeZones;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Predicate;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * The server's one way into the driver: a statement in PostgreSQL's dialect is read by a
 * parser (Calcite's Babel parser, with PostgreSQL's spellings below the grammar normalised on
 * tokens by {@link LexicalForms}), rewritten as a tree ({@link PgRewrites}) and written out as
 * the driver's SQL. Nothing is matched in the text.
 */
final class PgFrontEnd {
  /** The driver's own parser settings: names keep their case and match case-insensitively. */
  static final SqlParser.Config PARSER = SqlParser.config()
      .withParserFactory(SqlBabelParserImpl.FACTORY)
      .withConformance(SqlConformanceEnum.BABEL)
      .withQuoting(Quoting.DOUBLE_QUOTE)
      .withUnquotedCasing(Casing.UNCHANGED)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(false);

  /**
   * A statement ready for the driver: its SQL, and for each {@code ?} the n of its $n, or when
   * it has no $n, the constants lifted out of a catalog query ({@link CatalogLiterals}).
   */
  record Translation(String sql, List<Integer> parameters, ResultShape shape,
      List<String> constants) {
  }

  private final Settings settings;
  private final int pid;
  private final CatalogData catalog;
  private final Predicate<String> isCatalogTable;

  /** {@code isCatalogTable}: whether pg_catalog has a table of this name (it is on the path). */
  PgFrontEnd(Settings settings, int pid, CatalogData catalog, Predicate<String> isCatalogTable) {
    this.settings = settings;
    this.pid = pid;
    this.catalog = catalog;
    this.isCatalogTable = isCatalogTable;
  }

  private static SqlNode read(LexicalForms.Normalised normalised) throws SQLException {
    SqlNode tree;
    try {
      tree = SqlParser.create(normalised.text(), PARSER).parseStmt();
    } catch (SqlParseException e) {
      String message = String.valueOf(e.getMessage());
      int line = message.indexOf('\n');
      throw new SQLException("syntax error: " + (line < 0 ? message : message.substring(0, line)),
          "42601", e);
    }
    return PgRewrites.castPrecedence(tree, normalised.text());
  }

  /** The rewrites that give the tree PostgreSQL's meaning, in order. */
  private SqlNode rewrite(SqlNode tree) throws SQLException {
    String zone = TimeZones.zone(settings.get("timezone")) == null ? "UTC"
        : settings.get("timezone");
    tree = AtTimeZone.rewrite(tree, zone);
    tree = RowToJson.rewrite(tree, catalog, zone);
    tree = PgRewrites.sessionValues(tree, settings, pid);
    tree = PgRewrites.regclass(tree, catalog);
    tree = PgRewrites.catalogTables(tree, isCatalogTable);
    tree = ArrayExpansions.rewrite(tree);
    tree = ProcedureNames.rewrite(tree);
    tree = CatalogFacts.rewrite(tree);
    tree = PgRewrites.arrayConstants(tree);
    tree = PgRewrites.dateTruncColumns(tree);
    tree = PgRewrites.toTimestamp(tree);
    tree = PgRewrites.intervalArithmetic(tree);
    tree = PgRewrites.nullOrdering(tree);
    return tree;
  }

  /**
   * The statement in the driver's SQL. {@code parameterTypes}: null leaves each parameter for
   * the driver to type from where it stands; else each $n is cast to the type the client
   * declared for it (text where it declared none).
   */
  Translation translate(String sql, int[] parameterTypes) throws SQLException {
    return translate(sql, parameterTypes, false);
  }

  /**
   * The statement in the driver's SQL; {@code lift}: a catalog query's constants as ?s. A
   * statement nested too deep for the parser's and the rewrites' recursion ({@code 1::int::int}
   * ten thousand times) fails as PostgreSQL's does, 54001, instead of ending the session's
   * thread with a StackOverflowError.
   */
  Translation translate(String sql, int[] parameterTypes, boolean lift) throws SQLException {
    try {
      return translateTree(sql, parameterTypes, lift);
    } catch (StackOverflowError tooDeep) {
      throw new SQLException("stack depth limit exceeded: the statement is nested too deeply",
          "54001");
    }
  }

  private Translation translateTree(String sql, int[] parameterTypes, boolean lift)
      throws SQLException {
    LexicalForms.Normalised normalised = LexicalForms.normalise(sql);
    SqlNode tree = GenerateSeries.rewrite(DistinctOn.rewrite(read(normalised)));
    // The shape is read before the rewrites: current_user keeps its name as a constant.
    ResultShape shape = ResultShape.of(tree);
    tree = rewrite(tree);
    if (parameterTypes != null) {
      tree = PgRewrites.typedParameters(tree, normalised.parameters(), parameterTypes);
    }
    CatalogLiterals.Lifted lifted = lift && normalised.parameters().isEmpty()
        ? CatalogLiterals.lift(tree) : new CatalogLiterals.Lifted(tree, List.of());
    return new Translation(unparse(lifted.tree()), normalised.parameters(), shape,
        lifted.values());
  }

  static String unparse(SqlNode tree) {
    return tree.toSqlString(c -> c.withDialect(CalciteSqlDialect.DEFAULT)
        .withQuoteAllIdentifiers(false).withAlwaysUseParentheses(false)).getSql();
  }
}
