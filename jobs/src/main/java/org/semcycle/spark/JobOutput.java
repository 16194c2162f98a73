package org.semcycle.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.semcycle.io.DataSink;

/**
 * What every job's output shares beside its staged tables ({@link ShardedOutput}): side files
 * (text, bytes) written with an error naming the file, a table exported as one CSV file for
 * tools without Parquet, and the reason a reject row gives.
 */
public final class JobOutput {
  private JobOutput() {}

  /** A reject's reason: the exception's message, or its class name when it has none. */
  public static String reason(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  /** Writes UTF-8 text to {@code rel} below the sink. */
  public static void text(DataSink sink, String rel, String text) {
    bytes(sink, rel, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes bytes to {@code rel} below the sink. */
  public static void bytes(DataSink sink, String rel, byte[] bytes) {
    try {
      sink.write(rel, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + sink.describe(rel), e);
    }
  }

  /**
   * The rows as one CSV file with a header at {@code file} (Spark writes a folder of part files;
   * tools want one file).
   */
  public static void singleCsv(SparkSession spark, Dataset<Row> rows, String file) {
    single(rows.coalesce(1).write().mode(SaveMode.Overwrite).option("header", "true"), "csv", spark, file);
  }

  /**
   * The rows sorted by {@code columns} as one CSV file: gathered into one partition and sorted
   * there, which spares {@code orderBy}'s sampling job (a range partitioning the single file
   * does not need).
   */
  public static void singleCsvSorted(SparkSession spark, Dataset<Row> rows, String file, String... columns) {
    Column[] by = new Column[columns.length];
    for (int i = 0; i < by.length; i++) {
      by[i] = rows.col(columns[i]);
    }
    single(rows.repartition(1).sortWithinPartitions(by).write().mode(SaveMode.Overwrite).option("header", "true"),
        "csv", spark, file);
  }

  /** The rows as one JSON-lines file (one object a row) at {@code file}. */
  public static void singleJson(SparkSession spark, Dataset<Row> rows, String file) {
    single(rows.coalesce(1).write().mode(SaveMode.Overwrite), "json", spark, file);
  }

  /** Writes through a folder beside {@code file}, whose single part is then moved there. */
  private static void single(org.apache.spark.sql.DataFrameWriter<Row> writer, String format, SparkSession spark,
      String file) {
    String folder = file + "_parts";
    writer.format(format).save(folder);
    try {
      org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(folder);
      org.apache.hadoop.fs.FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      for (org.apache.hadoop.fs.FileStatus st : fs.listStatus(dir)) {
        if (st.getPath().getName().startsWith("part-")) {
          org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(file);
          fs.delete(target, false);
          fs.rename(st.getPath(), target);
        }
      }
      fs.delete(dir, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + folder + " to " + file, e);
    }
  }
}
