package io.pxweb.server.sql;

import io.pxweb.server.catalog.PgProcs;
import java.sql.SQLException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * {@code 'pg_catalog.array_in'::regproc} is that function's OID, as in PostgreSQL: pg_type's
 * typinput, typreceive... columns hold the OIDs of pg_proc's functions ({@link PgProcs}), so
 * pgjdbc's TypeInfoCache ({@code typinput = 'pg_catalog.array_in'::regproc}) compares OIDs. A
 * name pg_proc lacks is 42883, as PostgreSQL says it.
 */
final class ProcedureNames {
  private ProcedureNames() {
  }

  static SqlNode rewrite(SqlNode tree) throws SQLException {
    String[] unknown = {null};
    SqlNode out = tree.accept(new SqlShuttle() {
      @Override public SqlNode visit(SqlCall call) {
        SqlNode visited = super.visit(call);
        if (visited instanceof SqlCall c && c.getKind() == SqlKind.CAST
            && c.operand(0) instanceof SqlCharStringLiteral lit
            && c.operand(1) instanceof SqlDataTypeSpec type
            && PgRewrites.typeName(type).equals("regproc")) {
          String name = lit.getValueAs(String.class);
          Integer oid = PgProcs.oid(name);
          if (oid == null) {
            unknown[0] = name;
            return visited;
          }
          return SqlLiteral.createExactNumeric(oid.toString(), SqlParserPos.ZERO);
        }
        return visited;
      }
    });
    if (unknown[0] != null) {
      throw new SQLException("function \"" + unknown[0] + "\" does not exist", "42883");
    }
    return out;
  }
}
