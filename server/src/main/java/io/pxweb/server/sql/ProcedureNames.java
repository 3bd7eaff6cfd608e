package io.pxweb.server.sql;

import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * {@code 'pg_catalog.array_in'::regproc}: a function's name as a regproc shows it, without the
 * pg_catalog schema that is always on the path. pg_type's typinput, typoutput... columns hold
 * such names, so pgjdbc's TypeInfoCache ({@code typinput = 'pg_catalog.array_in'::regproc})
 * compares names with names. Same for {@code ::regtype} ({@code 'pg_catalog.int4'}).
 */
final class ProcedureNames {
  private static final String PG_CATALOG = "pg_catalog.";

  private ProcedureNames() {
  }

  static SqlNode rewrite(SqlNode tree) {
    return tree.accept(new SqlShuttle() {
      @Override public SqlNode visit(SqlCall call) {
        SqlNode visited = super.visit(call);
        if (visited instanceof SqlCall c && c.getKind() == SqlKind.CAST
            && c.operand(0) instanceof SqlCharStringLiteral lit
            && c.operand(1) instanceof SqlDataTypeSpec type
            && (PgRewrites.typeName(type).equals("regproc")
            || PgRewrites.typeName(type).equals("regtype"))) {
          String name = lit.getValueAs(String.class);
          if (name.toLowerCase(Locale.ROOT).startsWith(PG_CATALOG)) {
            name = name.substring(PG_CATALOG.length());
          }
          return SqlLiteral.createCharString(name, SqlParserPos.ZERO);
        }
        return visited;
      }
    });
  }
}
