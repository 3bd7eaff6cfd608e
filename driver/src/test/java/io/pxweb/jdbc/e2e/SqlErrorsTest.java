package io.pxweb.jdbc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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

  private static Connection driver;

  @BeforeAll
  static void connect() throws SQLException {
    driver = DriverManager.getConnection(server.jdbcUrl());
  }

  @AfterAll
  static void close() throws SQLException {
    driver.close();
  }

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
      delete from "TAB001"                                         | 0A000 | read-only
      insert into "TAB001" (REGION) values ('x')                   | 0A000 | read-only
      """)
  void userErrorsHaveTheirSqlStateAndOneSentence(String sql, String state, String words) {
    SQLException e = assertThrows(SQLException.class, () -> {
      try (Statement s = driver.createStatement()) {
        s.execute(sql);
      }
    });
    assertEquals(state, e.getSQLState(), e.getMessage());
    String m = e.getMessage();
    assertTrue(m.contains(words), m);
    assertFalse(m.contains("\n"), "one line: " + m);
    for (String internal : new String[] {"rel#", "Error while applying rule", "Was expecting",
        "Error while executing SQL", "Accessor@", "Exception:"}) {
      assertFalse(m.contains(internal), m);
    }
  }
}
