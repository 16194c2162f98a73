package org.semcycle.jobs;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.semcycle.embedding.KeypointDatabase;
import org.semcycle.embedding.KeypointRecord;
import org.semcycle.io.DataFormatException;
import org.semcycle.spark.HadoopDataRoot;
import org.semcycle.spark.Locations;

/**
 * Reads the {@code kpdb} Parquet table ({@link KpdbJob#KEYPOINTS}: synset, model_id, split,
 * semantic_id, xyz, embedding) back into the lib's in-memory {@link KeypointDatabase}, collected
 * to the driver (a database is small: one row a keypoint). Rows are sorted by synset, model id,
 * semantic id and position first, so the database, and everything computed from it, does not
 * depend on how the table was partitioned.
 */
public final class KeypointDatabases {
  private KeypointDatabases() {}

  /** The keypoints table of a kpdb output folder: {@code DIR/keypoints}, or DIR when it is that. */
  public static String keypointsTable(SparkSession spark, String kpdb) {
    HadoopDataRoot root = Locations.root(spark, kpdb);
    return root.list("keypoints").isEmpty() ? Locations.qualify(kpdb) : Locations.join(kpdb, "keypoints");
  }

  /** Reads, sorts and collects the keypoints table of a kpdb output folder. */
  public static KeypointDatabase read(SparkSession spark, String kpdb) {
    String table = keypointsTable(spark, kpdb);
    Dataset<Row> rows = spark.read().parquet(table)
        .orderBy("synset", "model_id", "semantic_id", "xyz");
    return fromRows(rows.collectAsList(), table);
  }

  /**
   * A database of kpdb rows (columns found by name, any order). Rows are taken in the given order.
   *
   * @throws DataFormatException (naming {@code source}) when a column is missing or a value is
   *     not valid (null, xyz not 3 values, empty or ragged embeddings)
   */
  public static KeypointDatabase fromRows(List<Row> rows, String source) {
    List<KeypointRecord> records = new ArrayList<>(rows.size());
    int i = 0;
    for (Row r : rows) {
      try {
        records.add(new KeypointRecord(
            r.getString(r.fieldIndex("synset")),
            r.getString(r.fieldIndex("model_id")),
            r.getInt(r.fieldIndex("semantic_id")),
            floats(r, "xyz"),
            floats(r, "embedding")));
      } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
        throw new DataFormatException(source, -1, "row " + i + " (" + r + "): " + e.getMessage(), e);
      }
      i++;
    }
    try {
      return KeypointDatabase.of(records);
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(source, -1, e.getMessage(), e);
    }
  }

  private static float[] floats(Row r, String column) {
    List<Object> list = r.getList(r.fieldIndex(column));
    if (list == null) {
      throw new IllegalArgumentException(column + " is null");
    }
    float[] out = new float[list.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = ((Number) list.get(k)).floatValue();
    }
    return out;
  }
}
