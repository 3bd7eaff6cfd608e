package io.pxweb.jdbc.klass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The classification of Klass's failures, on the bodies the guide shows. */
class KlassErrorsTest {
  private static final String URL = "https://data.ssb.no/api/klass/v1/classifications/99999";
  /** The guide's §1.6.2 answer. */
  private static final String PROBLEM = "{\n  \"type\" : \"about:blank\",\n  \"title\" :"
      + " \"Not Found\",\n  \"status\" : 404,\n  \"detail\" : \"Classification not found with"
      + " id = 99999\",\n  \"instance\" : \"/api/klass/v1/classifications/99999\"\n}";

  @Test
  void notFoundNamesWhatWasAskedForAndKlasssWords() {
    SQLException e = KlassErrors.fromStatus(404, PROBLEM, URL, null, "classification 99999");
    assertEquals("42S02", e.getSQLState());
    assertEquals("Klass has no classification 99999: Classification not found with id = 99999"
        + " (HTTP 404, GET " + URL + ")", e.getMessage());
  }

  @Test
  void plainTextAndXmlBodies() {
    // §1.6.3: a CSV request's 404 is the bare message.
    assertEquals("Classification not found with id = 99999",
        KlassErrors.message("Classification not found with id = 99999"));
    // §1.6.1: XML says nothing that fits one line.
    assertNull(KlassErrors.message("<?xml version=\"1.0\"?><problem/>"));
    assertNull(KlassErrors.message(""));
    assertEquals("Not Found", KlassErrors.message("{\"title\":\"Not Found\"}"));
  }

  @Test
  void badRequestIsAnInvalidValue() {
    SQLException e = KlassErrors.fromStatus(400, "{\"title\":\"Bad Request\",\"detail\":"
        + "\"'date' is not a date\"}", URL, null, "classification 131");
    assertEquals("22023", e.getSQLState());
    assertEquals("Klass rejected the request for classification 131: 'date' is not a date"
        + " (HTTP 400, GET " + URL + ")", e.getMessage());
  }

  @Test
  void overloadIsTransientWithRetryAfter() {
    SQLException e = KlassErrors.fromStatus(429, "", URL, "7", "classification 131");
    assertInstanceOf(SQLTransientException.class, e);
    assertEquals("08004", e.getSQLState());
    assertEquals(Duration.ofSeconds(7), ((io.pxweb.jdbc.http.HttpErrors.RetryAfter) e).retryAfter());
    for (int status : new int[] {502, 503, 504}) {
      SQLException u = KlassErrors.fromStatus(status, null, URL, null, "x");
      assertInstanceOf(SQLTransientException.class, u);
      assertEquals("08006", u.getSQLState());
    }
  }

  @Test
  void serverFailureIsNotRetried() {
    SQLException e = KlassErrors.fromStatus(500, "boom", URL, null, "classification 131");
    assertEquals("08006", e.getSQLState());
    assertEquals(false, e instanceof SQLTransientException);
    assertEquals("Klass failed to answer: boom (HTTP 500, GET " + URL + ")", e.getMessage());
  }

  @Test
  void networkFailures() {
    assertEquals("08001", KlassErrors.ERRORS.fromIo(new UnknownHostException("data.ssb.no"), "GET", URL)
        .getSQLState());
    SQLException timeout = KlassErrors.ERRORS.fromIo(new SocketTimeoutException("timeout"), "GET", URL);
    assertInstanceOf(SQLTransientException.class, timeout);
    assertEquals("08006", timeout.getSQLState());
  }
}
