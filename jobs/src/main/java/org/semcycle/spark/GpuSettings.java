package org.semcycle.spark;

import com.typesafe.config.Config;
import org.apache.spark.sql.SparkSession;

/**
 * Spark GPU resource settings from {@code semcycle.gpu}. Refused for local[*] masters: Spark
 * then waits for GPU resources that local mode never offers, and the job hangs.
 */
public final class GpuSettings {
  private GpuSettings() {}

  static void apply(Config c, SparkSession.Builder b) {
    if (!c.hasPath("semcycle.gpu.enabled") || !c.getBoolean("semcycle.gpu.enabled")) {
      return;
    }
    String master = System.getProperty("spark.master", c.getString("semcycle.spark.master"));
    if (isLocal(master)) {
      throw new IllegalArgumentException(
          "semcycle.gpu.enabled needs a cluster master (standalone, YARN, Kubernetes or"
              + " local-cluster), not '" + master + "': in local mode Spark hangs waiting for GPUs");
    }
    Config g = c.getConfig("semcycle.gpu");
    b.config("spark.executor.resource.gpu.amount", String.valueOf(g.getInt("executor-gpus")));
    b.config("spark.task.resource.gpu.amount", String.valueOf(g.getDouble("task-gpus")));
    b.config("spark.executor.resource.gpu.discoveryScript", g.getString("discovery-script"));
  }

  /** True for local, local[N], local[*] and local[N,F] masters (not local-cluster). */
  public static boolean isLocal(String master) {
    return master.equals("local") || master.startsWith("local[");
  }
}
