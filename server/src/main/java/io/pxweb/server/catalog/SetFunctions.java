package io.pxweb.server.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * PostgreSQL's set-returning catalog functions, registered as Calcite table functions: what
 * clients put in a FROM clause ({@code generate_series(1, 32) pos(n)} in pgjdbc's key queries and
 * TypeInfoCache, {@code pg_get_keywords()} in psql's and JDBC tools' keyword lists).
 */
public final class SetFunctions {
  /** A series longer than this is refused: catalog queries number key columns and schemas. */
  private static final long MAX_SERIES = 10_000_000L;
  private static final List<Object[]> KEYWORDS = keywords();

  private SetFunctions() {
  }

  /** generate_series(start, stop): the integers from start to stop; none when stop < start. */
  public static ScannableTable generate_series(Integer start, Integer stop) {
    return generate_series(start, stop, 1);
  }

  /** generate_series(start, stop, step), as PostgreSQL's (step 0 is an error). */
  public static ScannableTable generate_series(Integer start, Integer stop, Integer step) {
    return new SetResult("generate_series int4", () -> {
      List<Object[]> rows = new ArrayList<>();
      if (start == null || stop == null || step == null) {
        return rows;
      }
      if (step == 0) {
        throw new IllegalArgumentException("step size cannot equal zero");
      }
      long count = ((long) stop - start) / step + 1;
      if (count > MAX_SERIES) {
        throw new IllegalArgumentException("generate_series of " + count
            + " values is more than this server produces (" + MAX_SERIES + ")");
      }
      for (long v = start; step > 0 ? v <= stop : v >= stop; v += step) {
        rows.add(new Object[] {(int) v});
      }
      return rows;
    });
  }

  /** pg_get_keywords(): PostgreSQL 15's keywords with their categories, as psql completes them. */
  public static ScannableTable pg_get_keywords() {
    return new SetResult("word text, catcode char, barelabel bool, catdesc text, baredesc text",
        () -> KEYWORDS);
  }

  private static List<Object[]> keywords() {
    List<Object[]> rows = new ArrayList<>();
    for (String[] f : resourceLines("pg_keywords.txt")) {
      boolean bare = f[2].equals("t");
      rows.add(new Object[] {f[0], f[1], bare, switch (f[1]) {
        case "U" -> "unreserved";
        case "C" -> "unreserved (cannot be function or type name)";
        case "T" -> "reserved (can be function or type name)";
        default -> "reserved";
      }, bare ? "can be bare label" : "requires AS"});
    }
    return List.copyOf(rows);
  }

  /** The fields of each line of a resource of this package ("a|b|c"; # starts a comment). */
  static List<String[]> resourceLines(String name) {
    List<String[]> lines = new ArrayList<>();
    try (InputStream in = SetFunctions.class.getResourceAsStream(name);
        BufferedReader r = new BufferedReader(new InputStreamReader(in,
            StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.startsWith("#") && !line.isBlank()) {
          lines.add(line.split("\\|"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  /** A function's result: columns as "name type, ..." and rows computed when scanned. */
  private static final class SetResult extends AbstractTable implements ScannableTable {
    private final String columns;
    private final Supplier<List<Object[]>> rows;

    SetResult(String columns, Supplier<List<Object[]>> rows) {
      this.columns = columns;
      this.rows = rows;
    }

    @Override public RelDataType getRowType(RelDataTypeFactory factory) {
      RelDataTypeFactory.Builder b = factory.builder();
      for (String column : columns.split(",")) {
        String[] parts = column.trim().split("\\s+");
        SqlTypeName type = SystemTable.sqlType(parts[1]);
        b.add(parts[0], factory.createTypeWithNullability(factory.createSqlType(type), true));
      }
      return b.build();
    }

    @Override public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(rows.get());
    }
  }
}
