package io.pxweb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Client messages lose the server's folders and the credentials in its URL. */
class ClientRedactionTest {
  @Test
  void foldersFileUrisAndCredentialsAreTakenOut() {
    ClientRedaction r = new ClientRedaction(
        "jdbc:pxweb:file:/srv/statbank/px/+https://u:PW@api.example/v1");
    assertEquals("Non-existent table 'X' in [server folder]",
        r.apply("Non-existent table 'X' in file:///srv/statbank/px"));
    assertEquals("Cannot read PX file [server folder]/a/b.px: bad (in [server folder])",
        r.apply("Cannot read PX file /srv/statbank/px/a/b.px: bad (in file:/srv/statbank/px/)"));
    assertEquals("HTTP 500 from https://api.example/v1/tables",
        r.apply("HTTP 500 from https://u:PW@api.example/v1/tables"));
    assertEquals("Object 'X' not found", r.apply("Object 'X' not found"));
    // Every form the driver's redaction knows: no scheme, a path-normalized URL, parameters.
    assertEquals("Cannot reach api.example/v1", r.apply("Cannot reach u:PW@api.example/v1"));
    assertEquals("in [server folder]+http:/api.example",
        r.apply("in /srv/statbank/px+http:/u:PW@api.example"));
    assertEquals("GET https://api.example/v1?lang=en&token=***",
        r.apply("GET https://api.example/v1?lang=en&token=abc123"));
    assertEquals(null, r.apply(null));
  }
}
