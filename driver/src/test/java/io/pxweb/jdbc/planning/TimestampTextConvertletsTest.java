package io.pxweb.jdbc.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Texts with a time of day read as PostgreSQL reads them as a date and as a timestamp. */
class TimestampTextConvertletsTest {
  @Test
  void aDateWithATimeOfDayIsItsDate() {
    // PostgreSQL 15: '2015-01-01 12:00'::date and '2015-01-01T23:00:00-05'::date are 2015-01-01.
    for (String text : new String[] {"2015-01-01T00:00:00Z", "2015-01-01 00:00",
        "2015-01-01 12:00", "2015-01-01T23:00:00-05", "2015-01-01T00:00:00.123Z",
        " 2015-01-01 23:59:59.999999+02:00 ", "2015-01-01 00:00:00 UTC"}) {
      assertEquals("2015-01-01", String.valueOf(TimestampTextConvertlets.date(text)), text);
    }
    // A plain date is Calcite's to read; nonsense keeps Calcite's 22007.
    for (String text : new String[] {"2015-01-01", "2015-01-01 25:00", "2015-02-30 00:00",
        "2015-01-01x", "yesterday", "2015-01-01 00:00 Europe/Oslo"}) {
      assertNull(TimestampTextConvertlets.date(text), text);
    }
  }

  @Test
  void aTimestampTextWithTOrAZoneIsItsLocalDateAndTime() {
    assertEquals("2015-01-01 10:00:00",
        String.valueOf(TimestampTextConvertlets.timestamp("2015-01-01T10:00:00Z")));
    assertEquals("2015-01-01 10:00:00.123",
        String.valueOf(TimestampTextConvertlets.timestamp("2015-01-01 10:00:00.123+02")));
    assertEquals("2015-01-01 10:00:00",
        String.valueOf(TimestampTextConvertlets.timestamp("2015-01-01T10:00")));
    // Without T or a zone Calcite reads it (also its fraction and precision).
    assertNull(TimestampTextConvertlets.timestamp("2015-01-01 10:00:00"));
  }
}
