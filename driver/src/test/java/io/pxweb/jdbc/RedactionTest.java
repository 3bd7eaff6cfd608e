package io.pxweb.jdbc;

import io.pxweb.jdbc.config.PxWebUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secrets never reach messages, whatever form of URL the parser accepts: redaction parses the
 * URL the way {@link PxWebUrl#parse} does.
 */
class RedactionTest {
  private static final String SECRET = "hunter2";

  @ParameterizedTest
  @ValueSource(strings = {
      "jdbc:pxweb:http://localhost:1/api/v2;proxyPassword=hunter2;bogus=1",
      "jdbc:pxweb:http://localhost:1/api/v2;proxyPassword =hunter2;bogus=1",
      "jdbc:pxweb:http://localhost:1/api/v2;proxyPassword = hunter2;bogus=1",
      "jdbc:pxweb:http://localhost:1/api/v2; proxyPassword=hunter2;bogus=1",
      "jdbc:pxweb:http://localhost:1/api/v2;PROXYPASSWORD=hunter2;bogus=1",
      "jdbc:pxweb:http://localhost:1/api/v2;proxyPassword={a;hunter2;b};bogus=1",
      "jdbc:pxweb:http://localhost:1/api/v2;httpHeaders={Authorization:Bearer hunter2};bogus=1",
      "jdbc:pxweb:http://localhost:1/api/v2;httpHeaders=X-Key:hunter2|Y:z;bogus=1",
      "jdbc:pxweb:http://user:hunter2@localhost:1/api/v2;bogus=1",
      "jdbc:pxweb:http://user:pa;hunter2@localhost:1/api/v2;bogus=1",
      "jdbc:pxweb:http://user:hunter2@localhost:1;bogus=1",
      "jdbc:pxweb:http://localhost:1/api/v2;attach.crm.password=hunter2;bogus=1",
      "jdbc:pxweb:http://localhost:1/api/v2;attach.crm.password = {x;hunter2};bogus=1",
      "jdbc:pxweb:http://localhost:1/api/v2;attach.crm.url={jdbc:h2:mem:x;PASSWORD=hunter2};bogus=1",
      "jdbc:pxweb:http://localhost:1/api/v2;attach.crm.url={jdbc:postgresql://u:hunter2@db/x};bogus=1",
      "jdbc:pxweb:http://localhost:1/api/v2;attach.crm.url=jdbc:postgresql://db/x?user=u&password=hunter2;bogus=1",
      "jdbc:pxweb:http://localhost:1/api/v2;attach.crm.url={jdbc:oracle:thin:scott/hunter2@db:1521/x};bogus=1",
  })
  void noFormShowsTheSecret(String url) {
    String redacted = PxWebUrl.redact(url);
    assertFalse(redacted.contains(SECRET), redacted);
    assertTrue(redacted.contains("localhost:1"), redacted);
    // The message of a failed connection shows neither.
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url));
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    assertTrue(e.getMessage().contains("bogus"), e.getMessage());
  }

  @Test
  void passwordWithSemicolonInUserInfoIsPartOfTheLocation() throws SQLException {
    PxWebUrl parsed = PxWebUrl.parse("jdbc:pxweb:http://user:pa;ss@localhost:1/api/v2;lang=en",
        new Properties());
    assertEquals("http://user:pa;ss@localhost:1/api/v2", parsed.location());
    assertEquals("en", parsed.properties().getProperty("lang"));
  }

  @Test
  void redactionKeepsWhatIsNotSecret() {
    assertEquals("jdbc:pxweb:http://***@localhost:1/api/v2; proxyPassword =***;lang=en",
        PxWebUrl.redact("jdbc:pxweb:http://u:p@localhost:1/api/v2; proxyPassword =x;lang=en"));
    assertEquals("jdbc:pxweb:ssb;attach.crm.url={jdbc:h2:mem:x;PASSWORD=***;IFEXISTS=TRUE}",
        PxWebUrl.redact("jdbc:pxweb:ssb;attach.crm.url={jdbc:h2:mem:x;PASSWORD=p;IFEXISTS=TRUE}"));
  }

  @Test
  void requestUrlsLoseUserInfoAndPasswords() {
    assertEquals("http://***@host/api/v2/tables?password=***",
        PxWebUrl.redact("http://u:p;w@host/api/v2/tables?password=x"));
  }
}
