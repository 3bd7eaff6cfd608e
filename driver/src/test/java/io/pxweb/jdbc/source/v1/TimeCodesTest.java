package io.pxweb.jdbc.source.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pxweb.jdbc.adapter.PeriodDates;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Frequencies and first days of every v1 time-code style. */
class TimeCodesTest {

  @ParameterizedTest
  @CsvSource({
      "2024, Annual, 2024-01-01",
      "2025M01, Monthly, 2025-01-01",
      "2024M12, Monthly, 2024-12-01",
      "2022K1, Quarterly, 2022-01-01",
      "2024Q3, Quarterly, 2024-07-01",
      "2024U05, Weekly, 2024-01-29",
      "2024W05, Weekly, 2024-01-29",
      "2020W53, Weekly, 2020-12-28",
      "2024H1, Other, 2024-01-01",
      "2024H2, Other, 2024-07-01"})
  void everyV1Style(String code, String unit, LocalDate first) {
    assertEquals(unit, TimeCodes.unit(code));
    // T_date: the same period-date logic as for v2 and PX folders.
    assertEquals(first, PeriodDates.firstDay(code));
  }

  @Test
  void codesInNoStyle() {
    assertEquals("Other", TimeCodes.unit("1"));
    assertEquals("Other", TimeCodes.unit("2002-2006"));
    assertNull(PeriodDates.firstDay("2024M13"));
    assertNull(PeriodDates.firstDay("2021W53"));
  }

  @Test
  void tableFrequency() {
    assertEquals("Monthly", TimeCodes.unit(List.of("2024M11", "2024M12", "2025M01")));
    assertEquals("Other", TimeCodes.unit(List.of("2024", "2024M01")));
    assertNull(TimeCodes.unit(List.of()));
  }

  @Test
  void codesOfTheRecordedResponses() throws Exception {
    // Quarterly SSB (K) and monthly SCB (M) codes as the fixtures have them.
    var ssb = V1DocumentsTest.fixture("pxwebapi-v1/ssb-v1-data-07221-no-jsonstat2-response-REDACTED.json");
    List<String> quarters = new java.util.ArrayList<>();
    ssb.path("dimension").path("Tid").path("category").path("index").fieldNames()
        .forEachRemaining(quarters::add);
    assertEquals("Quarterly", TimeCodes.unit(quarters));
    var scb = V1Documents.table(V1DocumentsTest.fixture(
        "pxwebapi-v1/scb-v1-metadata-ME0104T24-sv.json"));
    V1Table.V1Variable time = scb.variables().stream().filter(V1Table.V1Variable::time)
        .findFirst().orElseThrow();
    assertEquals(TimeCodes.unit(time.values().get(0)), TimeCodes.unit(time.values()));
  }
}
