package io.pxweb.sparkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spark's JDBC data source (local mode) reads a statbank table of the sample PX database through
 * the shaded driver jar: the schema query, pushed filters and a read partitioned on a period
 * date column give the rows the driver gives directly. Spark commits after every partition and
 * probes the connection as a pool would: the read-only surface must take that silently.
 */
class SparkJdbcSourceTest {
  private static final String URL = "jdbc:pxweb:file:" + System.getProperty("pxweb.sampleDb");
  private static final String WHERE = "GREENHOUSEGAS = 'CO2' AND SECTOR = '1.0'";

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("pxweb-spark-it")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Dataset<Row> table(boolean partitioned) {
    var reader = spark.read().format("jdbc").option("url", URL)
        .option("driver", "io.pxweb.jdbc.PxWebDriver").option("dbtable", "\"TAB004\"");
    if (partitioned) {
      reader = reader.option("partitionColumn", "TIME_date").option("lowerBound", "1990-01-01")
          .option("upperBound", "2017-01-01").option("numPartitions", "4");
    }
    return reader.load();
  }

  /** Year to emission, read by the driver itself. */
  private static TreeMap<String, BigDecimal> direct() throws SQLException {
    TreeMap<String, BigDecimal> out = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT \"TIME\", \"Emission\" FROM \"TAB004\" WHERE "
             + WHERE)) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getBigDecimal(2));
      }
    }
    return out;
  }

  private static TreeMap<String, BigDecimal> viaSpark(Dataset<Row> df) {
    TreeMap<String, BigDecimal> out = new TreeMap<>();
    for (Row r : df.filter(WHERE).select("TIME", "Emission").collectAsList()) {
      out.put(r.getString(0), r.getDecimal(1));
    }
    return out;
  }

  @Test
  void filteredReadEqualsTheDriver() throws SQLException {
    TreeMap<String, BigDecimal> expected = direct();
    assertTrue(expected.size() > 10, "the sample table has a series: " + expected);
    Dataset<Row> df = table(false);
    List<String> columns = new ArrayList<>(List.of(df.columns()));
    assertTrue(columns.containsAll(List.of("SECTOR", "SECTOR_label", "TIME", "TIME_date",
        "Emission", "Emission_status")), columns.toString());
    assertEquals(expected, viaSpark(df));
  }

  @Test
  void partitionedOnAPeriodDateEqualsTheDriver() throws SQLException {
    Dataset<Row> df = table(true);
    assertEquals(4, df.rdd().getNumPartitions());
    assertEquals(direct(), viaSpark(df));
    assertEquals(spark.sql("SELECT 1").count(), 1);
    assertEquals(direct().size(), df.filter(WHERE).count());
  }
}
