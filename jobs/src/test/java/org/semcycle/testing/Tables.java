package org.semcycle.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Exact comparisons of Parquet tables in tests: same rows, as multisets, every column. */
public final class Tables {
  private Tables() {}

  /** Asserts that the two tables hold exactly the same rows (duplicates counted) and columns. */
  public static void assertSameRows(SparkSession s, String expected, String actual) {
    Dataset<Row> a = s.read().parquet(expected);
    Dataset<Row> b = s.read().parquet(actual).select(columns(a));
    assertEquals(a.count(), b.count(), "row count of " + actual + " vs " + expected);
    assertEquals(0, a.exceptAll(b).count(), "rows of " + expected + " missing from " + actual);
    assertEquals(0, b.exceptAll(a).count(), "rows of " + actual + " not in " + expected);
  }

  /** Rows per (synset, model_id) of a table. */
  public static Map<String, Long> rowsPerModel(SparkSession s, String table) {
    Map<String, Long> m = new TreeMap<>();
    List<Row> rows = s.read().parquet(table).groupBy("synset", "model_id").count().collectAsList();
    for (Row r : rows) {
      m.put(r.getString(0) + "/" + r.getString(1), r.getLong(2));
    }
    return m;
  }

  private static org.apache.spark.sql.Column[] columns(Dataset<Row> d) {
    String[] names = d.columns();
    org.apache.spark.sql.Column[] c = new org.apache.spark.sql.Column[names.length];
    for (int i = 0; i < names.length; i++) {
      c[i] = org.apache.spark.sql.functions.col(names[i]);
    }
    return c;
  }
}
