package io.pxweb.jdbc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every failure a user's SQL can cause: the SQLState of docs/sql-mapping.md and one clear
 * sentence, never planner internals (rule names, rel ids) or the parser's token list.
 */
class SqlErrorsTest {
  @RegisterExtension
  static PxWebTestServer server = PxWebTestServer.builder().callsPerWindow(10_000, 10).build();

  @RegisterExtension
  static ServerConnections db = new ServerConnections(server);

  @ParameterizedTest(name = "{index}: {0}")
  @CsvSource(delimiter = '|', textBlock = """
      select * from "TAB001" where HNMGA > 'abc'                   | 22018 | cannot be read as a number
      select * from "TAB001" where HNMGA > 'abc' and REGION = 'NO' | 22018 | cannot be read as a number
      select * from "TAB001" where TIME_date > DATE 'xyz'          | 22007 | Illegal DATE literal 'xyz'
      select * from "TAB001" where TIME_date > '2001-13-45'        | 22007 | '2001-13-45'
      select * from statbank."NOPE"                                | 42S02 | Object 'NOPE' not found within 'statbank'
      select * from NOPE                                           | 42S02 | Object 'NOPE' not found
      select nocol from "TAB001"                                   | 42S22 | Column 'nocol' not found
      select * from 07459                                          | 42601 | must be quoted: "07459"
      select * from statbank.07459                                 | 42601 | must be quoted: "07459"
      select time from "TAB001"                                    | 42601 | quote it to use it as a name ("TIME")
      select REGION from "TAB001" wher x                           | 42601 | Syntax error
      ''                                                           | 42601 | The SQL statement is empty
      select 1 / 0 from "TAB001" limit 1                           | 22012 | Division by zero
      select nofunction(1)                                         | 42883 | No match found for function signature
      select substring(REGION from -1 for -2) from "TAB001"        | 22011 | negative substring length
      select cast(REGION as integer) from "TAB001"                 | 22018 | cannot be read as a number
      select cast(REGION as date) from "TAB001"                    | 22007 | cannot be read as a date
      select cast(99999999999 as integer) from "TAB001"            | 22003 | out of range
      select REGION from "TAB001" a, "TAB001" b                    | 42702 | Column 'REGION' is ambiguous
      select REGION, count(*) from "TAB001"                        | 42803 | is not being grouped
      select * from nope.x                                         | 42S02 | Object 'nope' not found
      delete from "TAB001"                                         | 0A000 | read-only
      insert into "TAB001" (REGION) values ('x')                   | 0A000 | read-only
      """)
  void userErrorsHaveTheirSqlStateAndOneSentence(String sql, String state, String words) {
    assertOneSentence(state, words, assertThrows(SQLException.class, () -> {
      try (Statement s = db.driver().createStatement(); ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          rs.getObject(1);
        }
      }
    }));
  }

  private static void assertOneSentence(String state, String words, SQLException e) {
    assertEquals(state, e.getSQLState(), e.getMessage());
    String m = e.getMessage();
    assertTrue(m.contains(words), m);
    assertFalse(m.contains("\n"), "one line: " + m);
    for (String internal : new String[] {"rel#", "Error while applying rule", "Was expecting",
        "Error while executing SQL", "Accessor@", "Exception:"}) {
      assertFalse(m.contains(internal), m);
    }
  }

  private static final String BY_DATE = "select count(*) from \"TAB001\" where TIME_date = ?";

  /** Failures of JDBC calls: parameters, columns, cursor position, closed objects. */
  @org.junit.jupiter.api.Test
  void callErrorsHaveTheirSqlStateAndOneSentence() throws SQLException {
    try (PreparedStatement ps = db.driver().prepareStatement(BY_DATE)) {
      assertOneSentence("07002", "has no value", assertThrows(SQLException.class,
          ps::executeQuery));
      assertOneSentence("22023", "out of range", assertThrows(SQLException.class,
          () -> ps.setString(5, "x")));
      assertOneSentence("22007", "compared with a date", assertThrows(SQLException.class,
          () -> ps.setString(1, "xyz")));
    }
    try (PreparedStatement ps = db.driver().prepareStatement(
        "select count(*) from \"TAB001\" where HNMGA > ?")) {
      assertOneSentence("22018", "compared with a number", assertThrows(SQLException.class,
          () -> ps.setString(1, "xyz")));
    }
    try (Statement s = db.driver().createStatement();
         ResultSet rs = s.executeQuery("select REGION from \"TAB001\" limit 1")) {
      assertOneSentence("24000", "call next() first", assertThrows(SQLException.class,
          () -> rs.getString(1)));
      rs.next();
      assertOneSentence("22023", "99", assertThrows(SQLException.class, () -> rs.getString(99)));
      assertOneSentence("42S22", "nocol", assertThrows(SQLException.class,
          () -> rs.getString("nocol")));
      assertOneSentence("22018", "cannot convert", assertThrows(SQLException.class,
          () -> rs.getInt(1)));
      rs.close();
      assertOneSentence("24000", "closed", assertThrows(SQLException.class, rs::next));
    }
    Connection closed = DriverManager.getConnection(server.jdbcUrl());
    closed.close();
    assertOneSentence("08003", "closed", assertThrows(SQLException.class,
        closed::createStatement));
  }
}
