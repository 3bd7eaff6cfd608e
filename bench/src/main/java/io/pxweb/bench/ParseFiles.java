package io.pxweb.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JSON-stat documents of the parse benchmark: slices of the synthetic population table
 * {@code 07459}, as the loopback server sends them.
 *
 * <ul>
 *   <li>10,000 cells: Region 0001-0025 × Kjonn 2 × Alder 100 × ContentsCode 2 × Tid 2025;</li>
 *   <li>100,000 cells: the same 25 regions × 2 × 100 × 2 × Tid 2016-2025;</li>
 *   <li>800,000 cells (SSB's per-request maximum): Region 0001-0050 × 2 × 100 × 2 × Tid
 *       1986-2025, which is exactly the first request of the driver's {@code SELECT *} scan.</li>
 * </ul>
 *
 * <p>{@code main(dir)} writes them as {@code cells-<n>.json} for the JavaScript toolkit's run.
 */
public final class ParseFiles {
  public static final int[] SIZES = {10_000, 100_000, 800_000};

  private ParseFiles() {
  }

  public static byte[] document(int cells) {
    SynthTable t = Tables.population();
    int regions;
    int years;
    switch (cells) {
      case 10_000 -> { regions = 25; years = 1; }
      case 100_000 -> { regions = 25; years = 10; }
      case 800_000 -> { regions = 50; years = 40; }
      default -> throw new IllegalArgumentException("no document of " + cells + " cells");
    }
    int[][] selected = {
        range(0, regions), range(0, 2), range(0, 100), range(0, 2), range(40 - years, 40)};
    ByteArrayOutputStream out = new ByteArrayOutputStream(cells * 9);
    try {
      JsonStatWriter.data(out, t, selected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "bench/target/jsonstat");
    Files.createDirectories(dir);
    for (int n : SIZES) {
      byte[] doc = document(n);
      Path file = dir.resolve("cells-" + n + ".json");
      Files.write(file, doc);
      System.out.printf("%s\t%d cells\t%d bytes%n", file, n, doc.length);
    }
  }
}
