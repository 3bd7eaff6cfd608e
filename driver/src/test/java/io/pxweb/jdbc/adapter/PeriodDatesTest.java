package io.pxweb.jdbc.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodDatesTest {
  @ParameterizedTest
  @CsvSource({
      "2024, 2024-01-01",
      "1845, 1845-01-01",
      "2024M03, 2024-03-01",
      "2024M12, 2024-12-01",
      "2024K2, 2024-04-01",
      "2024Q2, 2024-04-01",
      "2025K4, 2025-10-01",
      "2024H1, 2024-01-01",
      "2024H2, 2024-07-01",
      "2024T2, 2024-05-01",
      "2024T3, 2024-09-01",
      // ISO weeks: week 1 of 2024 starts Monday 1 January; of 2021 on 4 January.
      "2024U01, 2024-01-01",
      "2024U05, 2024-01-29",
      "2024W05, 2024-01-29",
      "2024V05, 2024-01-29",
      "2021U01, 2021-01-04",
      "2020U53, 2020-12-28",
      "2023U29, 2023-07-17",
  })
  void firstDayOfPeriod(String code, String expected) {
    assertEquals(LocalDate.parse(expected), PeriodDates.firstDay(code));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2002-2006", "2024M13", "2024M00", "2024K5", "2024H3", "2024T4",
      "2021U53", "2024U00", "abc", "", "20241", "2024X1"})
  void codesThatNameNoSinglePeriodGiveNull(String code) {
    assertNull(PeriodDates.firstDay(code));
  }
}
