package org.semcycle.spark;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession from configuration: master, app name, {@code semcycle.spark.conf}
 * entries, and the S3 settings when {@code semcycle.s3.enabled}. Under spark-submit the master
 * given to spark-submit wins (the configured one is used only when none is set).
 */
public final class Sessions {
  private Sessions() {}

  public static SparkSession create(Config c, String jobName) {
    SparkSession.Builder b = SparkSession.builder().appName(c.getString("semcycle.spark.app-name") + "-" + jobName);
    if (System.getProperty("spark.master") == null) {
      b.master(c.getString("semcycle.spark.master"));
    }
    for (Map.Entry<String, ConfigValue> e : c.getConfig("semcycle.spark.conf").entrySet()) {
      b.config(unquote(e.getKey()), String.valueOf(e.getValue().unwrapped()));
    }
    S3Settings.hadoopProperties(c).forEach((k, v) -> b.config("spark.hadoop." + k, v));
    GpuSettings.apply(c, b);
    SparkSession s = b.getOrCreate();
    s.sparkContext().setLogLevel(System.getProperty("semcycle.spark.loglevel", "WARN"));
    ProgressListener.attach(s);
    return s;
  }

  /**
   * Names the Spark jobs started on this thread until the returned handle is closed (the progress
   * lines show it), restoring the description that was set before.
   */
  public static Described describe(SparkSession s, String what) {
    String before = s.sparkContext().getLocalProperty("spark.job.description");
    s.sparkContext().setJobDescription(what);
    return () -> s.sparkContext().setJobDescription(before);
  }

  /** A job description in force until closed. */
  public interface Described extends AutoCloseable {
    @Override
    void close();
  }

  /** Number of partitions for a job: the configured value, or twice the default parallelism. */
  public static int partitions(SparkSession s, Config c, int items) {
    int p = c.getInt("semcycle.spark.partitions");
    if (p <= 0) {
      p = 2 * s.sparkContext().defaultParallelism();
    }
    return Math.max(1, Math.min(p, Math.max(1, items)));
  }

  static String unquote(String key) {
    return key.startsWith("\"") && key.endsWith("\"") ? key.substring(1, key.length() - 1) : key;
  }
}
