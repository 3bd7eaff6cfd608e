package io.pxweb.server.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pxweb.server.catalog.PgType;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

class ResultShapeTest {
  private static ResultShape shape(String sql) throws Exception {
    LexicalForms.Normalised n = LexicalForms.normalise(sql);
    SqlNode tree = SqlParser.create(n.text(), PgFrontEnd.PARSER).parseStmt();
    return ResultShape.of(PgRewrites.castPrecedence(tree, n.text()));
  }

  private static List<Rows.Column> driver(PgType... types) {
    List<Rows.Column> out = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      out.add(new Rows.Column("EXPR$" + i, types[i], -1));
    }
    return out;
  }

  @Test
  void unaliasedColumnsAreNamedAsPostgresqlNamesThem() throws Exception {
    List<Rows.Column> columns = shape("SELECT count(*), sum(x), date_trunc('month', d), "
        + "x::int, 1 + 2, CASE WHEN a THEN 1 END, current_user, y AS alias, "
        + "count(*) FILTER (WHERE x > 1) FROM t").apply(driver(PgType.INT8, PgType.NUMERIC,
            PgType.TIMESTAMP, PgType.INT4, PgType.INT4, PgType.INT4, PgType.VARCHAR,
            PgType.INT4, PgType.INT8));
    assertEquals(List.of("count", "sum", "date_trunc", "x", "?column?", "case", "current_user",
        "EXPR$7", "count"), columns.stream().map(Rows.Column::name).toList());
  }

  @Test
  void typesArePostgresqlsWhereTheDriversDiffer() throws Exception {
    List<Rows.Column> columns = shape("SELECT date_trunc('month', d), "
        + "date_trunc('month', TIMESTAMP '2024-01-01 10:00:00'), "
        + "CASE WHEN a THEN 'x' ELSE 'yy' END, extract(year FROM d), CAST(1.5 AS NUMERIC), "
        + "CAST(1.5 AS NUMERIC(10, 2)) FROM t").apply(driver(PgType.TIMESTAMP,
            PgType.TIMESTAMP, PgType.VARCHAR, PgType.INT8, PgType.NUMERIC, PgType.NUMERIC));
    assertEquals(List.of(PgType.TIMESTAMPTZ, PgType.TIMESTAMP, PgType.TEXT, PgType.NUMERIC,
        PgType.NUMERIC, PgType.NUMERIC), columns.stream().map(Rows.Column::type).toList());
    assertEquals(List.of(false, false, false, false, true, false),
        columns.stream().map(Rows.Column::unconstrained).toList());
  }

  @Test
  void selectStarKeepsTheDriversColumns() throws Exception {
    assertNull(shape("SELECT * FROM t"));
  }
}
