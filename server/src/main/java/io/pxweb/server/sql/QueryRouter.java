package io.pxweb.server.sql;

import io.pxweb.server.catalog.CatalogData;
import io.pxweb.server.catalog.PgCatalogSchema;
import io.pxweb.server.catalog.PgType;
import io.pxweb.server.catalog.TimeZones;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Sends a session's queries to the driver, in the driver's SQL ({@link PgFrontEnd}): a simple
 * query as text, an extended-protocol statement as a {@link Plan} prepared once and executed
 * with each Bind's values as parameters.
 */
final class QueryRouter {
  /** The SQLStates of a statement cancelled or out of time. */
  private static final Set<String> STOPPED = Set.of("57014", "HYT00", "HY008");
  /** How many translations a session keeps, and the longest text it keeps one for. */
  private static final int TRANSLATIONS = 100;
  private static final int TRANSLATED_TEXT = 16_384;

  private final Connection connection;
  private final Settings settings;
  private final PgFrontEnd frontEnd;
  /**
   * The session's recent translations by text, least recently used first: a BI tool sends the
   * same catalog query for every table, and lexing, parsing and rewriting it again was a third
   * of each call once the driver's plan was cached. Each is kept with the settings it was made
   * under (current_setting() is read into the text), and used only while they are the same.
   */
  private final Map<String, Translated> translations =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, Translated> eldest) {
          return size() > TRANSLATIONS;
        }
      };

  private record Translated(Map<String, String> settings, PgFrontEnd.Translation translation) {
  }

  QueryRouter(Connection connection, Settings settings, int pid, CatalogData catalog,
      PgCatalogSchema pg) {
    this.connection = connection;
    this.settings = settings;
    this.frontEnd = new PgFrontEnd(settings, pid, catalog, pg::isCatalogTable);
  }

  /** Runs a query; {@code started} receives the statement so a CancelRequest can reach it. */
  Result query(String sql, Consumer<Statement> started) throws SQLException {
    PgFrontEnd.Translation translation = translate(sql);
    if (!translation.constants().isEmpty()) {
      // A catalog query with its constants lifted: prepared, so its text's plan is reused.
      PreparedStatement ps = prepareLifted(translation);
      if (ps != null) {
        try {
          bindConstants(ps, translation);
          timeout(ps);
          started.accept(ps);
          ResultSet rs = ps.executeQuery();
          return Result.rows(new Rows.Jdbc(ps, rs, translation.shape(), zone()));
        } catch (SQLException | RuntimeException e) {
          ps.close();
          throw e;
        }
      }
      translation = frontEnd.translate(sql, null);
    }
    Statement statement = connection.createStatement();
    try {
      timeout(statement);
      started.accept(statement);
      ResultSet rs = statement.executeQuery(translation.sql());
      return Result.rows(new Rows.Jdbc(statement, rs, translation.shape(), zone()));
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  /**
   * The driver's statement for a catalog query with lifted constants, or null when the driver
   * cannot plan it so (a constant where it cannot type a parameter): then it runs as written.
   * A cancel or timeout while it plans stands.
   */
  private PreparedStatement prepareLifted(PgFrontEnd.Translation translation)
      throws SQLException {
    try {
      return connection.prepareStatement(translation.sql());
    } catch (SQLException e) {
      if (STOPPED.contains(e.getSQLState())) {
        throw e;
      }
      return null;
    }
  }

  /** Binds a lifted catalog query's constants, each as the driver typed its parameter. */
  private static void bindConstants(PreparedStatement ps, PgFrontEnd.Translation translation)
      throws SQLException {
    List<String> constants = translation.constants();
    ParameterMetaData md = ps.getParameterMetaData();
    for (int i = 0; i < constants.size(); i++) {
      ps.setObject(i + 1, Parameters.value(constants.get(i), md.getParameterType(i + 1)));
    }
  }

  /**
   * A query of the extended protocol, planned once (Parse): the driver's prepared statement
   * with a {@code ?} for each {@code $n}, executed per Bind with that Bind's values.
   */
  final class Plan implements AutoCloseable {
    private final PgFrontEnd.Translation translation;
    private final PreparedStatement statement;
    private boolean busy;

    private Plan(PgFrontEnd.Translation translation, PreparedStatement statement) {
      this.translation = translation;
      this.statement = statement;
    }

    /** The columns it returns. */
    List<Rows.Column> columns() throws SQLException {
      List<Rows.Column> columns = Rows.columnsOf(statement.getMetaData());
      return translation.shape() == null ? columns : translation.shape().apply(columns);
    }

    /** The type of each $n as the driver infers it (text where it cannot say). */
    int[] parameterTypes(int count) throws SQLException {
      int[] types = new int[count];
      Arrays.fill(types, PgType.TEXT.oid);
      ParameterMetaData md = statement.getParameterMetaData();
      List<Integer> numbers = translation.parameters();
      for (int i = 0; i < numbers.size(); i++) {
        int n = numbers.get(i);
        if (n >= 1 && n <= count) {
          types[n - 1] = PgType.of(md.getParameterType(i + 1), 0).oid;
        }
      }
      return types;
    }

    /** Runs it with the values of $1, $2... (text as PostgreSQL sends it, null for NULL). */
    Result execute(String[] values, Consumer<Statement> started) throws SQLException {
      // A second portal of the same statement while the first is open gets its own statement.
      PreparedStatement ps = busy ? connection.prepareStatement(translation.sql()) : statement;
      boolean own = ps != statement;
      try {
        bindConstants(ps, translation);
        List<Integer> numbers = translation.parameters();
        ParameterMetaData md = ps.getParameterMetaData();
        for (int i = 0; i < numbers.size(); i++) {
          int n = numbers.get(i);
          if (n < 1 || n > values.length) {
            throw new SQLException("there is no parameter $" + n, "42P02");
          }
          ps.setObject(i + 1, Parameters.value(values[n - 1], md.getParameterType(i + 1)));
        }
        timeout(ps);
        started.accept(ps);
        ResultSet rs = ps.executeQuery();
        busy = !own;
        AutoCloseable end = own ? ps : () -> {
          rs.close();
          busy = false;
        };
        return Result.rows(new Rows.Jdbc(end, rs, translation.shape(), zone()));
      } catch (SQLException | RuntimeException e) {
        if (own) {
          ps.close();
        }
        throw e;
      }
    }

    @Override public void close() throws SQLException {
      statement.close();
    }
  }

  /** Plans a query of the extended protocol ({@code declared}: the client's parameter types). */
  Plan plan(String sql, int[] declared) throws SQLException {
    PgFrontEnd.Translation translation = translate(sql);
    if (!translation.constants().isEmpty()) {
      PreparedStatement ps = prepareLifted(translation);
      if (ps != null) {
        return new Plan(translation, ps);
      }
      translation = frontEnd.translate(sql, null);
    }
    PreparedStatement ps;
    try {
      ps = connection.prepareStatement(translation.sql());
    } catch (SQLException e) {
      if (translation.parameters().isEmpty()) {
        throw e;
      }
      // A parameter the driver cannot type from where it stands (a select item, a function
      // argument) is typed as the client declared it, else as text.
      translation = frontEnd.translate(sql, declared);
      ps = connection.prepareStatement(translation.sql());
    }
    return new Plan(translation, ps);
  }

  /** A text's translation (a catalog query's constants lifted), the session's kept one if any. */
  private PgFrontEnd.Translation translate(String sql) throws SQLException {
    Translated known = translations.get(sql);
    if (known != null && known.settings().equals(settings.all())) {
      return known.translation();
    }
    PgFrontEnd.Translation translation = frontEnd.translate(sql, null, true);
    if (sql.length() <= TRANSLATED_TEXT) {
      translations.put(sql, new Translated(new HashMap<>(settings.all()), translation));
    }
    return translation;
  }

  private void timeout(Statement statement) throws SQLException {
    long timeout = settings.statementTimeoutMillis();
    if (timeout > 0) {
      statement.setQueryTimeout((int) Math.max(1, (timeout + 999) / 1000));
    }
  }

  /** The session's time zone, in which timestamptz values are shown. */
  private ZoneId zone() {
    ZoneId zone = TimeZones.zone(settings.get("timezone"));
    return zone == null ? ZoneOffset.UTC : zone;
  }

  static boolean isQuery(String sql) {
    String word = SqlText.firstWord(sql);
    return word.equals("SELECT") || word.equals("WITH") || word.equals("VALUES")
        || word.equals("TABLE") || word.equals("EXPLAIN") || word.equals("SHOW");
  }
}
