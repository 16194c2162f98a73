package org.semcycle.spark;

import org.apache.spark.sql.SparkSession;

/** One local[2] SparkSession shared by the tests of a JVM (starting one costs seconds). */
public final class SparkTestSession {
  private static SparkSession session;

  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    if (session == null || session.sparkContext().isStopped()) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("semcycle-test")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "4")
              .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
              .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
              .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }
}
