package io.pxweb.jdbc.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests of the catalog's tables and cube values against values read from the fixtures. */
class TestCatalogTest {

  private final TestCatalog catalog = TestCatalog.standard();

  @Test
  void tablesAndSizes() {
    assertEquals(List.of("TAB004", "TAB003", "TAB001", "05810", "13861", "TAB2936", "12909",
        "03024"), catalog.tableIds());
    assertEquals(5940, catalog.table("tab001").cellCount());
    assertEquals(2448, catalog.table("TAB003").cellCount());
    assertEquals(4312, catalog.table("TAB004").cellCount());
    assertEquals(1029, catalog.table("05810").cellCount());
    assertEquals(56, catalog.table("13861").cellCount());
    assertEquals(189, catalog.table("TAB2936").cellCount());
    assertFalse(catalog.table("05810").hasRealValues());
    assertTrue(catalog.table("TAB001").hasRealValues());
  }

  @Test
  void tab001CellsMatchThePxFile() {
    TestTable t = catalog.table("TAB001");
    // First DATA row of TAB001.px (AT, F, TOTAL): ".." 4041797 4143737
    assertNull(t.value("AT", "F", "TOTAL", "HNMGA", "1981"));
    assertEquals("..", t.status("AT", "F", "TOTAL", "HNMGA", "1981"));
    assertEquals(new BigDecimal("4041797"), t.value("AT", "F", "TOTAL", "HNMGA", "1991"));
    // Row 1761 (SE, T, TOTAL): ".." 8587353 8882792
    assertEquals(new BigDecimal("8882792"), t.value("SE", "T", "TOTAL", "HNMGA", "2001"));
    assertEquals(new BigDecimal("8587353"),
        t.cell(Map.of("REGION", "SE", "SEX", "T", "ContentsCode", "HNMGA", "TIME", "1991"))
            .value());
  }

  @Test
  void tab004AndDerivedCubesMatchTheirPxFiles() {
    // TAB004.px row 25 (0.3, CO2) starts 21283 and ends -3332.
    assertEquals(new BigDecimal("21283"), catalog.table("TAB004").value("0.3", "CO2", "Emission",
        "1990"));
    assertEquals(new BigDecimal("-3332"), catalog.table("TAB004").value("0.3", "CO2", "Emission",
        "2017"));
    // TAB2936.px: heading observations, month, type of employment; 7th row is all "..".
    TestTable m = catalog.table("TAB2936");
    assertEquals(new BigDecimal("4743.7"), m.value("1+2", "Samtliga", "AM0401RP", "2025M11",
        "ANSTTOT"));
    assertEquals("..", m.status("1", "uppg saknas", "AM0401RP", "2025M12", "FA"));
    assertEquals(new BigDecimal("-8.9"), catalog.table("12909").value("1", "00",
        "SykefraversprosEndr", "2025K4"));
    assertEquals(new BigDecimal("92.67"), catalog.table("03024").value("01", "Kilopris",
        "2023U29"));
  }

  @Test
  void ssb13861CellsMatchTheRecordedResponse() {
    TestTable t = catalog.table("13861");
    assertEquals(new BigDecimal("0.205"), t.value("A-Z", "Ginikoeffisient", "2016"));
    assertEquals(new BigDecimal("2.8"), t.value("B", "P90P10", "2022"));
    assertEquals(new BigDecimal("0.207"), t.value("C", "Ginikoeffisient", "2022"));
  }

  @Test
  void syntheticValuesAreDeterministicAndMostlyNumbers() {
    TestTable t = catalog.table("05810");
    int missing = 0;
    int flagged = 0;
    int cells = 0;
    for (String k : t.valueCodes("Kjonn")) {
      for (String a : t.valueCodes("Alder")) {
        for (String y : t.valueCodes("Tid")) {
          Cell c = t.cell(k, a, "Personer", y);
          assertEquals(c, SyntheticValues.cell("05810", List.of(k, a, "Personer", y), 0));
          assertTrue(c.status() == null || SyntheticValues.SYMBOLS.contains(c.status()));
          if (c.isMissing()) {
            missing++;
            assertTrue(c.status() != null);
          } else {
            assertEquals(0, c.value().scale());
            if (c.status() != null) {
              flagged++;
            }
          }
          cells++;
        }
      }
    }
    double missingShare = missing / (double) cells;
    double flaggedShare = flagged / (double) cells;
    assertTrue(missingShare > 0.03 && missingShare < 0.11, "missing " + missingShare);
    assertTrue(flaggedShare > 0.005 && flaggedShare < 0.06, "flagged " + flaggedShare);
    Cell threeDecimals = SyntheticValues.cell("13861", List.of("A", "P90P10", "2016"), 3);
    assertTrue(threeDecimals.isMissing() || threeDecimals.value().scale() == 3);
  }

  @Test
  void everyTableHasConsistentVariables() {
    for (TestTable t : catalog.tables()) {
      long product = 1;
      List<String> codes = new ArrayList<>();
      for (TestVariable v : t.variables()) {
        product *= v.size();
        codes.add(v.valueCodes().get(0));
      }
      assertEquals(product, t.cellCount(), t.id());
      t.cell(codes.toArray(String[]::new));
      assertTrue(t.timeVariable().isPresent(), t.id());
      assertTrue(t.contentVariable().isPresent(), t.id());
    }
  }
}
