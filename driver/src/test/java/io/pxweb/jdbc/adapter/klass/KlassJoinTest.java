package io.pxweb.jdbc.adapter.klass;

import io.pxweb.jdbc.klass.KlassSettings;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.pxweb.jdbc.adapter.klass.KlassSql.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.klasstestserver.KlassTestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Statbank rows named by Klass as they were named at the time, over one connection: a
 * population-like table joined to {@code klass."131"} on the code and the validity.
 */
class KlassJoinTest {
  @RegisterExtension
  static KlassTestServer klass = KlassTestServer.create();

  private static final String CODES_131 = KlassTestServer.PREFIX
      + "/classifications/131/codes?from=1800-01-01";
  private static final LocalDate Y2019 = LocalDate.of(2019, 1, 1);
  private static final LocalDate Y2020 = LocalDate.of(2020, 1, 1);

  private static Connection connection;

  /**
   * A statbank-like table as the driver lays them out: region code, the time period's first
   * day ({@code <time variable>_date}), population (test numbers).
   */
  private static final class Population extends AbstractTable implements ScannableTable {
    private static final Object[][] ROWS = {
        {"0101", day(Y2019), 31444}, {"3001", day(Y2020), 31373},
        {"1515", day(Y2019), 8882}, {"1515", day(Y2020), 8874},
        {"1826", day(Y2019), 1409}, {"1826", day(Y2020), 1384}};

    private static int day(LocalDate d) {
      return (int) d.toEpochDay();
    }

    @Override public RelDataType getRowType(RelDataTypeFactory types) {
      return types.builder().add("region", SqlTypeName.VARCHAR)
          .add("tid_date", SqlTypeName.DATE).add("population", SqlTypeName.INTEGER).build();
    }

    @Override public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(ROWS);
    }
  }

  @BeforeAll
  static void connect() throws SQLException {
    // A Calcite connection on a root schema without a name cache, as the driver's; 131 listed.
    connection = KlassSql.connect(
        KlassSchema.create(KlassSettings.of(klass.baseUrl(), "no"), Set.of("131")));
    connection.unwrap(CalciteConnection.class).getRootSchema().add("statbank",
        new AbstractSchema() {
          @Override protected Map<String, Table> getTableMap() {
            return Map.of("population", new Population());
          }
        });
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @BeforeEach
  void reset() {
    klass.resetRequests();
  }

  private static List<String> requests() {
    return klass.findAll(anyRequestedFor(anyUrl())).stream().map(r -> r.getUrl()).toList();
  }

  @Test
  void eachRowIsNamedAsTheCodeWasNamedAtItsDate() throws SQLException {
    String sql = "select t.region, t.tid_date, k.name, t.population"
        + " from statbank.population t"
        + " join klass.\"131\" k on k.code = t.region"
        + " and t.tid_date >= k.valid_from and (k.valid_to is null or t.tid_date < k.valid_to)"
        + " order by t.region, t.tid_date";
    String plan = KlassSql.explain(connection, sql);
    assertTrue(plan.contains("KlassScan(table=[[klass, 131]])"), plan);
    assertTrue(plan.contains("Join"), plan);
    assertEquals(List.of(), requests());
    assertEquals(List.of(
        row("0101", Y2019, "Halden", 31444),
        row("1515", Y2019, "Herøy", 8882),
        row("1515", Y2020, "Herøy (Møre og Romsdal)", 8874),
        row("1826", Y2019, "Hattfjelldal", 1409),
        row("1826", Y2020, "Aarborte - Hattfjelldal", 1384),
        row("3001", Y2020, "Halden", 31373)), KlassSql.rows(connection, sql));
    assertEquals(List.of(CODES_131 + "&language=nb"), requests());
  }

  @Test
  void aCodeConditionInTheJoinGoesToKlass() throws SQLException {
    String sql = "select t.tid_date, k.name from statbank.population t"
        + " join klass.\"131\" k on k.code = t.region"
        + " and t.tid_date >= k.valid_from and (k.valid_to is null or t.tid_date < k.valid_to)"
        + " where k.code = '1826' order by t.tid_date";
    String plan = KlassSql.explain(connection, sql);
    assertTrue(plan.contains("KlassScan(table=[[klass, 131]], selectCodes=[1826])"), plan);
    assertEquals(List.of(row(Y2019, "Hattfjelldal"), row(Y2020, "Aarborte - Hattfjelldal")),
        KlassSql.rows(connection, sql));
    assertEquals(List.of(CODES_131 + "&selectCodes=1826&language=nb"), requests());
  }

  @Test
  void codesAsNamedInEachYear() throws SQLException {
    String sql = "select y.d, k.code, k.name"
        + " from (values date '2019-01-01', date '2020-01-01') as y(d)"
        + " join klass.\"131\" k on y.d >= k.valid_from"
        + " and (k.valid_to is null or y.d < k.valid_to)"
        + " where k.code in ('0101', '3001', '1515')"
        + " order by y.d, k.code";
    assertEquals(List.of(
        row(Y2019, "0101", "Halden"), row(Y2019, "1515", "Herøy"),
        row(Y2020, "1515", "Herøy (Møre og Romsdal)"), row(Y2020, "3001", "Halden")),
        KlassSql.rows(connection, sql));
    assertEquals(List.of(CODES_131 + "&selectCodes=0101%2C1515%2C3001&language=nb"),
        requests());
  }

  @Test
  void codesAtJoinsAsATable() throws SQLException {
    String sql = "select t.region, c.name, t.population from statbank.population t"
        + " join table(klass.codes_at(131, date '2020-01-01')) c on c.code = t.region"
        + " where t.tid_date = date '2020-01-01' order by t.region";
    assertEquals(List.of(row("1515", "Herøy (Møre og Romsdal)", 8874),
        row("1826", "Aarborte - Hattfjelldal", 1384), row("3001", "Halden", 31373)),
        KlassSql.rows(connection, sql));
    assertEquals(List.of(KlassTestServer.PREFIX
        + "/classifications/131/codesAt?date=2020-01-01&language=nb"), requests());
  }
}
