package io.pxweb.bench;

import io.pxweb.bench.SynthTable.Role;
import io.pxweb.bench.SynthTable.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's catalog: two synthetic tables shaped like Statistics Norway's.
 *
 * <ul>
 *   <li>{@code 07459} (population, annual): Region 500 × Kjonn 2 × Alder 100 × ContentsCode 2
 *       × Tid 40 = 8,000,000 cells, ten times SSB's 800,000-cell request limit.</li>
 *   <li>{@code 03013} (consumer prices, monthly): Konsumgrp 156 × ContentsCode 3 × Tid 564
 *       (1979M01-2025M12) = 263,952 cells.</li>
 * </ul>
 */
public final class Tables {
  public static final String POPULATION = "07459";
  public static final String PRICES = "03013";

  private static final String[] PREFIX = {"Nord", "Sør", "Øst", "Vest", "Store", "Lille", "Indre",
      "Ytre", "Midt", "Ny"};
  private static final String[] STEM = {"fjord", "dal", "vik", "berg", "haug", "nes", "by", "stad",
      "land", "øy", "sund", "mark", "heim", "åsen", "vang", "eid", "bø", "lia", "strand", "våg"};
  private static final String[] DIVISIONS = {"Food and non-alcoholic beverages",
      "Alcoholic beverages and tobacco", "Clothing and footwear",
      "Housing, water, electricity, gas and other fuels",
      "Furnishings, household equipment and routine maintenance", "Health", "Transport",
      "Communication", "Recreation and culture", "Education", "Restaurants and hotels",
      "Miscellaneous goods and services"};

  private Tables() {
  }

  public static List<SynthTable> all() {
    return List.of(population(), prices());
  }

  public static SynthTable population() {
    List<String> regions = new ArrayList<>();
    List<String> regionLabels = new ArrayList<>();
    for (int i = 1; i <= 500; i++) {
      String code = String.format("%04d", i);
      regions.add(code);
      // 10 prefixes × 20 stems, then numbered: "Nordfjord", "Sørdal", ..., "Nordfjord 2".
      int k = i - 1;
      String name = PREFIX[k % PREFIX.length] + STEM[(k / PREFIX.length) % STEM.length];
      int round = k / (PREFIX.length * STEM.length);
      regionLabels.add(round == 0 ? name : name + " " + (round + 1));
    }
    List<String> ages = new ArrayList<>();
    List<String> ageLabels = new ArrayList<>();
    for (int a = 0; a < 100; a++) {
      ages.add(String.format("%03d", a));
      ageLabels.add(a + (a == 1 ? " year" : " years"));
    }
    List<String> years = new ArrayList<>();
    for (int y = 1986; y <= 2025; y++) {
      years.add(Integer.toString(y));
    }
    return new SynthTable(POPULATION,
        "07459: Population, by region, sex, age, contents and year (synthetic) 1986-2025", "be",
        "Annual", "2025-02-20T07:00:00Z", List.of(
            new Variable("Region", "region", Role.GEO, regions, regionLabels, null, null, true),
            new Variable("Kjonn", "sex", Role.REGULAR, List.of("1", "2"),
                List.of("Males", "Females"), null, null, true),
            new Variable("Alder", "age", Role.REGULAR, ages, ageLabels, null, null, true),
            new Variable("ContentsCode", "contents", Role.CONTENT, List.of("Personer1", "Andel"),
                List.of("Persons", "Share of the region's population (per cent)"),
                new int[] {0, 1}, new String[] {"persons", "per cent"}, false),
            new Variable("Tid", "year", Role.TIME, years, years, null, null, false)));
  }

  public static SynthTable prices() {
    List<String> groups = new ArrayList<>();
    List<String> groupLabels = new ArrayList<>();
    for (int d = 1; d <= DIVISIONS.length; d++) {
      String top = String.format("%02d", d);
      groups.add(top);
      groupLabels.add(DIVISIONS[d - 1]);
      for (int s = 1; s <= 4; s++) {
        groups.add(top + "." + s);
        groupLabels.add(DIVISIONS[d - 1] + ", group " + top + "." + s);
        for (int t = 1; t <= 2; t++) {
          groups.add(top + "." + s + "." + t);
          groupLabels.add(DIVISIONS[d - 1] + ", subgroup " + top + "." + s + "." + t);
        }
      }
    }
    List<String> months = new ArrayList<>();
    for (int y = 1979; y <= 2025; y++) {
      for (int m = 1; m <= 12; m++) {
        months.add(String.format("%dM%02d", y, m));
      }
    }
    return new SynthTable(PRICES,
        "03013: Consumer price index, by consumption group, contents and month (synthetic) 1979M01-2025M12",
        "pp", "Monthly", "2026-01-10T07:00:00Z", List.of(
            new Variable("Konsumgrp", "consumption group", Role.REGULAR, groups, groupLabels,
                null, null, false),
            new Variable("ContentsCode", "contents", Role.CONTENT,
                List.of("KpiIndMnd", "KpiVektMnd", "Tolvmanedersendring"),
                List.of("Consumer Price Index (2015=100)", "CPI weights (per mille)",
                    "12-month rate (per cent)"),
                new int[] {1, 1, 1}, new String[] {"index", "per mille", "per cent"}, false),
            new Variable("Tid", "month", Role.TIME, months, months, null, null, false)));
  }
}
