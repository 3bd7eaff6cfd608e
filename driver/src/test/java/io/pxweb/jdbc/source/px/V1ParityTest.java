package io.pxweb.jdbc.source.px;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.pxweb.jdbc.testserver.PxWebTestServer;
import io.pxweb.jdbc.testserver.V1TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity of the three sources: the same cubes served as PxWebApi v1 (navigation tree, POST
 * json-stat2), as PxWebApi 2.0, and as PX files in a folder give the same columns (names,
 * types, scales) and the same rows for the same SQL.
 */
class V1ParityTest {
  @RegisterExtension
  static PxWebTestServer v2 = PxWebTestServer.builder().build();

  @RegisterExtension
  static V1TestServer v1 = V1TestServer.builder().calls(10_000, 10, false).build();

  @TempDir
  static Path folder;

  @BeforeAll
  static void copyTheServersFiles() {
    PxParityTest.copyTheServersFiles(folder);
  }

  @ParameterizedTest
  @MethodSource("io.pxweb.jdbc.source.px.PxParityTest#queries")
  void sameColumnsAndRowsOverV1V2AndTheFolder(String sql) throws SQLException {
    PxParityTest.Result overV1;
    PxParityTest.Result overV2;
    PxParityTest.Result overFiles;
    try (Connection c = DriverManager.getConnection(v1.jdbcUrl())) {
      overV1 = PxParityTest.run(c, sql);
    }
    try (Connection c = DriverManager.getConnection(v2.jdbcUrl() + ";rateLimit=none")) {
      overV2 = PxParityTest.run(c, sql);
    }
    try (Connection c = DriverManager.getConnection("jdbc:pxweb:file:" + folder)) {
      overFiles = PxParityTest.run(c, sql);
    }
    assertFalse(overV1.rows().isEmpty(), "the query should return rows: " + sql);
    boolean ordered = sql.contains(" order by ");
    assertEquals(overV2.columns(), overV1.columns(), sql);
    assertEquals(overV2.rows(ordered), overV1.rows(ordered), sql);
    PxParityTest.assertSameColumns(overV1, overFiles, sql);
    assertEquals(overFiles.rows(ordered), overV1.rows(ordered), sql);
  }
}
