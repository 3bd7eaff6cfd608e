package io.pxweb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Client messages lose the server's folders and the credentials in its URL. */
class RedactionTest {
  @Test
  void foldersFileUrisAndCredentialsAreTakenOut() {
    Redaction r = new Redaction("jdbc:pxweb:file:/srv/statbank/px/+https://u:PW@api.example/v1");
    assertEquals("Non-existent table 'X' in [server folder]",
        r.apply("Non-existent table 'X' in file:///srv/statbank/px"));
    assertEquals("Cannot read PX file [server folder]/a/b.px: bad (in [server folder])",
        r.apply("Cannot read PX file /srv/statbank/px/a/b.px: bad (in file:/srv/statbank/px/)"));
    assertEquals("HTTP 500 from https://api.example/v1/tables",
        r.apply("HTTP 500 from https://u:PW@api.example/v1/tables"));
    assertEquals("Object 'X' not found", r.apply("Object 'X' not found"));
    assertEquals(null, r.apply(null));
  }
}
