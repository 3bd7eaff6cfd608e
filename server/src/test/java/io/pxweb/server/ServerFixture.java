package io.pxweb.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pxweb.jdbc.PxWebDriver;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** A server over the sample PX database on an ephemeral loopback port, and pgjdbc connections to it. */
final class ServerFixture {
  static final String SAMPLE_URL = "jdbc:pxweb:file:"
      + Path.of("..", "samples", "db").toAbsolutePath().normalize();

  private ServerFixture() {
  }

  static PxWebServer start(String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--port", "0", "--url", SAMPLE_URL));
    args.addAll(List.of(extra));
    return PxWebServer.start(args.toArray(new String[0]));
  }

  static String pgUrl(PxWebServer server, String options) {
    return "jdbc:postgresql://127.0.0.1:" + server.port() + "/statbank"
        + (options.isEmpty() ? "" : "?" + options);
  }

  static Connection pg(PxWebServer server, String options) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "pxweb");
    return DriverManager.getConnection(pgUrl(server, options), p);
  }

  static Connection direct() throws SQLException {
    return new PxWebDriver().connect(SAMPLE_URL, new Properties());
  }

  /**
   * A connection to the real PostgreSQL of PXWEB_PG_URL ({@code .ci/postgres.sh}), the oracle of
   * the differential tests; the calling test is skipped when there is none.
   */
  static Connection postgresOrSkip() throws SQLException {
    String url = System.getenv("PXWEB_PG_URL");
    assumeTrue(url != null && !url.isEmpty(),
        "PXWEB_PG_URL is not set: no PostgreSQL to compare with");
    return DriverManager.getConnection(url);
  }

  /** A value as normalised text: a number by its value (2 and 2.0 are the same). */
  static String cell(String s) {
    if (s == null) {
      return null;
    }
    try {
      return new BigDecimal(s).stripTrailingZeros().toPlainString();
    } catch (NumberFormatException notANumber) {
      return s;
    }
  }

  /** Every row as normalised text: numbers compared by value, so 2 and 2.0 are the same. */
  static List<List<String>> rows(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<List<String>> out = new ArrayList<>();
    while (rs.next()) {
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        String s = rs.getString(i);
        if (s != null && md.getColumnType(i) == java.sql.Types.BOOLEAN
            || md.getColumnType(i) == java.sql.Types.BIT) {
          s = rs.wasNull() ? null : Boolean.toString(rs.getBoolean(i));
        } else {
          s = cell(s);
        }
        row.add(s);
      }
      out.add(row);
    }
    return out;
  }
}
