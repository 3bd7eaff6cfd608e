import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

/**
 * Prints the rows pxweb-jdbc answers for each SQL argument, for server/it/libreoffice.sh to
 * compare with what LibreOffice Base shows: a line "#query n" before each result, then one
 * line a row, columns by getString separated by tabs, NULL as \N (backslash, tab and newline
 * escaped). Run as a single-file program with the driver's jar on the classpath.
 */
public class DriverRows {
  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection(args[0])) {
      for (int q = 1; q < args.length; q++) {
        System.out.println("#query " + q);
        try (ResultSet rs = c.createStatement().executeQuery(args[q])) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            StringBuilder b = new StringBuilder();
            for (int i = 1; i <= n; i++) {
              String v = rs.getString(i);
              b.append(i > 1 ? "\t" : "").append(v == null ? "\\N" : v.replace("\\", "\\\\")
                  .replace("\t", "\\t").replace("\n", "\\n"));
            }
            System.out.println(b);
          }
        }
      }
    }
  }
}
